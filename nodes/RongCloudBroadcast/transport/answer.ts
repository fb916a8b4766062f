import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	describeApiError,
	describeCodelessAnswer,
	describeRedirect,
	describeRepeatedKey,
	describeUnreadableAnswer,
	isRepeatedKeyAnswer,
	toNodeApiError,
	type ApiFailure,
} from './apiErrors';
import type { Redactor } from '../../../credentials/common/rongcloud/redaction';
import { topLevelNumberLiterals } from '../shared/message/jsonNumbers';
import { REDIRECT_STATUSES, withoutByteOrderMark } from './answerBody';
import { safeHost } from './networkErrors';
import { GENERATIONS, type Generation, type RecipientMessageUID } from './generations';
import type { RongCloudRequest } from './types';

/** What came back for one request: its status, headers and text, and how to redact that request's values from it. */
export interface RawAnswer {
	statusCode: number;
	headers: Record<string, unknown>;
	text: string;
	redact: Redactor;
}

export interface ParsedAnswer {
	body: IDataObject;
	/**
	 * What the answer identifies, by the node's names (messageUID, id) whatever the generation calls
	 * them: each text or number as the exact text RongCloud sent, unless it carries the request's values.
	 */
	identifiers: Record<string, string>;
	/** A listed-user send's message ID per recipient, where RongCloud gave a usable one. */
	recipients?: RecipientMessageUID[];
	requestId: string;
	httpStatus: number;
	/** RongCloud answered the Idempotency Key as a repeat: an earlier request with it was delivered. */
	repeatedKeyWarning?: string;
}

/**
 * A number is taken from the answer's text, not from the double JSON.parse made of it: a
 * messageUID of 20 digits is output with its 20 digits (v1 answers carry identifiers at the top;
 * elsewhere only numbers a double holds exactly are read). Objects and arrays are never identifiers.
 */
function identifiersOf(body: IDataObject, values: Record<string, unknown>, text: string, redact: Redactor): Record<string, string> {
	const literals = values === body ? topLevelNumberLiterals(text) : new Map<string, string>();
	const identifiers: Record<string, string> = {};
	for (const [key, value] of Object.entries(values)) {
		const exact =
			typeof value === 'string'
				? value
				: typeof value === 'number'
					? (literals.get(key) ?? (Number.isSafeInteger(value) ? String(value) : undefined))
					: undefined;
		// One that carries the request's values, in any encoding, is not RongCloud's identifier.
		if (exact !== undefined && !redact.reveals(exact)) identifiers[key] = exact;
	}
	return identifiers;
}

/**
 * A messageUID or push id a later call (a recall) can use, and the only kind of answer value the
 * node outputs: text or a number, not empty. Text with a run of 40 hex digits is what a request
 * Signature looks like, while RongCloud's IDs are dashed groups (docs/rongcloud-server-api.md): a
 * server that echoes the signature as a messageUID gets the "no usable messageUID" warning
 * instead of its value in the output.
 */
export function isIdentifier(value: unknown): value is string | number {
	if (typeof value === 'number') return Number.isFinite(value);
	return typeof value === 'string' && value.trim() !== '' && !/[0-9a-f]{40}/i.test(value);
}

/** Each {userId, messageUID} of a listed-user send's answer whose two values are text, and whose messageUID is an identifier. */
function recipientsOf(listed: unknown, redact: Redactor): RecipientMessageUID[] | undefined {
	if (!Array.isArray(listed)) return undefined;
	return listed.flatMap((entry: unknown) => {
		const { userId, messageUID } = (entry ?? {}) as { userId?: unknown; messageUID?: unknown };
		if (typeof userId !== 'string' || typeof messageUID !== 'string' || !isIdentifier(messageUID) || redact.reveals(messageUID)) return [];
		return [{ userId, messageUID }];
	});
}

/** The answer's body, or a NodeApiError for a redirect, an error code or an unreadable answer; `note` leads its description. */
export function parseAnswer(
	ctx: IExecuteFunctions,
	raw: RawAnswer,
	baseUrl: string,
	request: RongCloudRequest,
	generation: Generation,
	requestId: string,
	itemIndex: number,
	note?: string,
): ParsedAnswer {
	const fail = (failure: ApiFailure) => {
		if (note) failure.description = `${note} ${failure.description}`;
		return toNodeApiError(ctx, failure, itemIndex, requestId);
	};
	if (REDIRECT_STATUSES.has(raw.statusCode)) {
		throw fail(describeRedirect(safeHost(baseUrl), raw.statusCode, locationHost(raw.headers.location, baseUrl, raw.redact), requestId));
	}
	const text = withoutByteOrderMark(raw.text);
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw fail(describeNonJsonAnswer(raw.statusCode, text, requestId, raw.redact, request));
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw fail(describeNonJsonAnswer(raw.statusCode, text, requestId, raw.redact, request));
	}
	const body = parsed as IDataObject;
	const code = answerCode(body.code);
	const { successCode } = generation;
	if (code === successCode && raw.statusCode >= 200 && raw.statusCode < 300) {
		const { values, recipients } = generation.identifiersOf(body);
		return {
			body,
			identifiers: identifiersOf(body, values, text, raw.redact),
			recipients: recipientsOf(recipients, raw.redact),
			requestId,
			httpStatus: raw.statusCode,
		};
	}
	const serverMessage = typeof body.errorMessage === 'string' ? body.errorMessage : typeof body.message === 'string' ? body.message : undefined;
	// A success code on an error status, like a missing code, is not RongCloud speaking; a 429 always is the quota.
	if ((code === undefined || code === successCode) && raw.statusCode !== 429) throw fail(describeCodelessAnswer(raw.statusCode, body.code, requestId, raw.redact));
	const idempotencyKey = request.idempotencyKey;
	if (code !== undefined && idempotencyKey !== undefined && isRepeatedKeyAnswer(code, raw.statusCode, serverMessage)) {
		const repeatedKeyWarning = describeRepeatedKey(idempotencyKey, code, serverMessage, raw.redact);
		return { body, identifiers: {}, requestId, httpStatus: raw.statusCode, repeatedKeyWarning };
	}
	const failure = describeApiError(code ?? 1008, raw.statusCode, serverMessage, requestId, raw.redact, request.refusalAdvice, request.rateLimitAdvice);
	const hint = otherGenerationsSuccess(generation, code, raw.statusCode);
	if (hint) failure.description = `${hint} ${failure.description}`;
	throw fail(failure);
}

/**
 * A credential set to the wrong API Version meets a server that answers the other generation's
 * success: the code then means nothing to this generation, and the likely cause is the setting.
 */
function otherGenerationsSuccess(generation: Generation, code: number | undefined, httpStatus: number): string | undefined {
	if (httpStatus < 200 || httpStatus >= 300) return undefined;
	const other = Object.values(GENERATIONS).find((candidate) => candidate !== generation && candidate.successCode === code);
	return other && `Code ${code} is ${other.label}'s success: check the credential's API Version (it is set to ${generation.label}).`;
}

/**
 * RongCloud's code is a number (some gateways quote it); an array, "0xC8" or "2e2" is not a code,
 * so it can never count as success.
 */
function answerCode(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isInteger(value)) return value;
	if (typeof value === 'string' && /^\d{1,9}$/.test(value)) return Number(value);
	return undefined;
}

/**
 * A 429 is a rate limit whether or not a JSON body came with it (a gateway in front of RongCloud
 * answers it in text): the quota's words, not "this is not the Server API".
 */
function describeNonJsonAnswer(httpStatus: number, text: string, requestId: string, redact: Redactor, request: RongCloudRequest): ApiFailure {
	if (httpStatus !== 429) return describeUnreadableAnswer(httpStatus, text, requestId, redact);
	const firstLine = text.trim().split('\n')[0];
	return describeApiError(1008, httpStatus, firstLine && !firstLine.startsWith('<') ? firstLine : undefined, requestId, redact, undefined, request.rateLimitAdvice);
}

/** Only the host a redirect points at: its path or query may carry anything. */
export function locationHost(location: unknown, baseUrl: string, redact: Redactor): string | undefined {
	const value = Array.isArray(location) ? location[0] : location;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	try {
		return redact.text(new URL(value, baseUrl).host);
	} catch {
		return 'an address that is not a valid URL';
	}
}

