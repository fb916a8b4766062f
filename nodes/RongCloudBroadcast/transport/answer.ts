import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	describeApiError,
	describeRedirect,
	describeUnreadableAnswer,
	toNodeApiError,
	type ApiFailure,
} from './apiErrors';
import { safeHost } from './networkErrors';
import type { RongCloudRequest } from './request';

/** What came back for one request: its status, headers and text. */
export interface RawAnswer {
	statusCode: number;
	headers: Record<string, unknown>;
	text: string;
}

/** The answer's body, or a NodeApiError for a redirect, an error code or an unreadable answer; `note` leads its description. */
export function parseAnswer(
	ctx: IExecuteFunctions,
	raw: RawAnswer,
	baseUrl: string,
	request: RongCloudRequest,
	requestId: string,
	itemIndex: number,
	note?: string,
): { body: IDataObject; requestId: string; httpStatus: number } {
	const fail = (failure: ApiFailure) => {
		if (note) failure.description = `${note} ${failure.description}`;
		return toNodeApiError(ctx, failure, itemIndex, requestId);
	};
	if (raw.statusCode >= 300 && raw.statusCode < 400) {
		throw fail(describeRedirect(safeHost(baseUrl), raw.statusCode, locationHost(raw.headers.location, baseUrl), requestId));
	}
	const { text } = raw;
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw fail(describeUnreadableAnswer(raw.statusCode, text, requestId));
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw fail(describeUnreadableAnswer(raw.statusCode, text, requestId));
	}
	const body = parsed as IDataObject;
	const code = typeof body.code === 'number' ? body.code : Number(body.code);
	if (code === 200 && raw.statusCode >= 200 && raw.statusCode < 300) {
		return { body, requestId, httpStatus: raw.statusCode };
	}
	const effectiveCode = Number.isFinite(code) ? code : raw.statusCode === 429 ? 1008 : raw.statusCode;
	const serverMessage = typeof body.errorMessage === 'string' ? body.errorMessage : typeof body.message === 'string' ? body.message : undefined;
	const idempotencyKeySent = request.body.type === 'form' && request.body.fields.msgRandom !== undefined;
	throw fail(describeApiError(effectiveCode, raw.statusCode, serverMessage, requestId, idempotencyKeySent));
}

/** Only the host a redirect points at: its path or query may carry anything. */
function locationHost(location: unknown, baseUrl: string): string | undefined {
	const value = Array.isArray(location) ? location[0] : location;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	try {
		return new URL(value, baseUrl).host;
	} catch {
		return 'an address that is not a valid URL';
	}
}

