import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	describeApiError,
	describeUnreadableAnswer,
	MAY_HAVE_BEEN_DELIVERED,
	NOT_DELIVERED,
	type ApiFailure,
} from './apiErrors';
import type { Endpoints } from './regions';
import { createRequestId, REDACTED_SIGNATURE } from './signing';

export const CREDENTIAL_TYPE = 'rongCloudApi';
export const DEFAULT_TIMEOUT_MS = 10000;

export type RequestBody =
	| { type: 'form'; fields: Record<string, string> }
	| { type: 'json'; value: IDataObject };

export interface RongCloudRequest {
	path: string;
	body: RequestBody;
	timeout: number;
}

export interface RongCloudResponse {
	body: IDataObject;
	requestId: string;
	httpStatus: number;
	/** The base URL that answered: the backup one after a failover. */
	baseUrl: string;
	failedOver: boolean;
}

export function encodeBody(body: RequestBody): { contentType: string; payload: string } {
	if (body.type === 'form') {
		return {
			contentType: 'application/x-www-form-urlencoded',
			payload: new URLSearchParams(body.fields).toString(),
		};
	}
	return { contentType: 'application/json', payload: JSON.stringify(body.value) };
}

/**
 * Errors raised before a single byte of the request could reach a server: re-sending those to the
 * backup domain cannot deliver a broadcast twice. Everything else (timeouts, resets, 5xx) may have
 * been delivered and is never re-sent.
 */
const NEVER_SENT_ERROR_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EAI_FAIL',
	'EAI_NONAME',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EADDRNOTAVAIL',
	'CERT_HAS_EXPIRED',
	'CERT_NOT_YET_VALID',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'ERR_TLS_CERT_ALTNAME_INVALID',
	'ERR_SSL_WRONG_VERSION_NUMBER',
	'EPROTO',
]);

const TIMEOUT_ERROR_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ERR_CANCELED']);

/**
 * The system error code buried in n8n's and axios' wrappers: n8n's NodeApiError keeps it as
 * `httpCode` and in `messages`, axios as `code`, Node itself on the `cause` chain.
 */
export function findNetworkErrorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
		const { code, httpCode, messages } = current as { code?: unknown; httpCode?: unknown; messages?: unknown };
		for (const candidate of [code, httpCode]) {
			if (typeof candidate === 'string' && /^E[A-Z_]+$|^[A-Z_]*CERT[A-Z_]*$/.test(candidate) && candidate !== 'ERR_BAD_RESPONSE') {
				return candidate;
			}
		}
		if (Array.isArray(messages)) {
			for (const message of messages) {
				const match = /\b(E[A-Z]{3,}[A-Z_]*|[A-Z_]*CERT[A-Z_]+)\b/.exec(String(message));
				if (match) return match[1];
			}
		}
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

function isTimeout(error: unknown, code: string | undefined): boolean {
	if (code && TIMEOUT_ERROR_CODES.has(code)) return true;
	return /timeout/i.test(String((error as { message?: unknown })?.message ?? ''));
}

/** A network failure in words; the system code goes in the description so n8n keeps our message. */
export function describeNetworkError(error: unknown, url: string, timeout: number, requestId: string): ApiFailure {
	const code = findNetworkErrorCode(error);
	const host = safeHost(url);
	if (isTimeout(error, code)) {
		return {
			message: `No answer from RongCloud (${host}) within ${timeout} ms.`,
			description: `${MAY_HAVE_BEEN_DELIVERED} Raise the Timeout option if the network is slow. Request ID: ${requestId}.`,
			httpStatus: 0,
			mayHaveBeenDelivered: true,
		};
	}
	if (code && NEVER_SENT_ERROR_CODES.has(code)) {
		const reason =
			code === 'ECONNREFUSED'
				? 'the connection was refused'
				: code.startsWith('EAI') || code === 'ENOTFOUND'
					? 'the domain name could not be resolved'
					: code.includes('CERT') || code.includes('SSL') || code === 'EPROTO'
						? 'the TLS handshake failed (certificate or protocol)'
						: 'the network could not reach it';
		return {
			message: `Could not reach RongCloud at ${host}: ${reason}.`,
			description: `${NOT_DELIVERED} Check the credential's region or Base URL, and the network or proxy between n8n and RongCloud (system error ${code}). Request ID: ${requestId}.`,
			httpStatus: 0,
			mayHaveBeenDelivered: false,
		};
	}
	return {
		message: `The connection to RongCloud (${host}) broke before an answer arrived.`,
		description: `${MAY_HAVE_BEEN_DELIVERED} System error: ${code ?? 'unknown'}. Request ID: ${requestId}.`,
		httpStatus: 0,
		mayHaveBeenDelivered: true,
	};
}

export function isNeverSent(error: unknown): boolean {
	const code = findNetworkErrorCode(error);
	return code !== undefined && NEVER_SENT_ERROR_CODES.has(code) && !isTimeout(error, code);
}

function safeHost(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return 'the configured server';
	}
}

/**
 * Built from scratch so that no request options (and so no signature headers) ride along inside
 * the error n8n stores and shows.
 */
export function toNodeApiError(
	ctx: IExecuteFunctions,
	failure: ApiFailure,
	itemIndex: number,
	requestId: string,
): NodeApiError {
	const error = new NodeApiError(ctx.getNode(), { message: failure.message } as JsonObject, {
		message: failure.message,
		description: failure.description,
		httpCode: failure.httpStatus ? String(failure.httpStatus) : undefined,
		itemIndex,
	});
	// n8n keeps `context` with the execution: what a user or a "Continue On Fail" item needs, no request data.
	error.context.requestId = requestId;
	error.context.mayHaveBeenDelivered = failure.mayHaveBeenDelivered;
	if (failure.code !== undefined) error.context.rongCloudCode = failure.code;
	return error;
}

async function post(
	ctx: IExecuteFunctions,
	baseUrl: string,
	request: RongCloudRequest,
	requestId: string,
): Promise<{ statusCode: number; body: unknown }> {
	const { contentType, payload } = encodeBody(request.body);
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: `${baseUrl}${request.path}`,
		headers: { 'Content-Type': contentType, 'X-Request-ID': requestId },
		body: payload,
		timeout: request.timeout,
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	return (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, options)) as {
		statusCode: number;
		body: unknown;
	};
}

/**
 * One signed POST. Fails over to the backup domain once, and only when the primary provably never
 * received the request; the credential's authenticate() signs the second attempt afresh.
 */
export async function sendToRongCloud(
	ctx: IExecuteFunctions,
	endpoints: Endpoints,
	request: RongCloudRequest,
	itemIndex: number,
): Promise<RongCloudResponse> {
	const requestId = createRequestId();
	let baseUrl = endpoints.primary;
	let failedOver = false;
	let raw: { statusCode: number; body: unknown };
	try {
		raw = await post(ctx, baseUrl, request, requestId);
	} catch (error) {
		if (!endpoints.backup || !isNeverSent(error)) {
			throw toNodeApiError(ctx, describeNetworkError(error, baseUrl, request.timeout, requestId), itemIndex, requestId);
		}
		baseUrl = endpoints.backup;
		failedOver = true;
		try {
			raw = await post(ctx, baseUrl, request, requestId);
		} catch (backupError) {
			const failure = describeNetworkError(backupError, baseUrl, request.timeout, requestId);
			failure.description = `The primary ${safeHost(endpoints.primary)} was unreachable too. ${failure.description}`;
			throw toNodeApiError(ctx, failure, itemIndex, requestId);
		}
	}
	return { ...parseAnswer(ctx, raw, requestId, itemIndex), baseUrl, failedOver };
}

function parseAnswer(
	ctx: IExecuteFunctions,
	raw: { statusCode: number; body: unknown },
	requestId: string,
	itemIndex: number,
): { body: IDataObject; requestId: string; httpStatus: number } {
	const text = typeof raw.body === 'string' ? raw.body : Buffer.isBuffer(raw.body) ? raw.body.toString('utf8') : JSON.stringify(raw.body ?? '');
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw toNodeApiError(ctx, describeUnreadableAnswer(raw.statusCode, text, requestId), itemIndex, requestId);
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw toNodeApiError(ctx, describeUnreadableAnswer(raw.statusCode, text, requestId), itemIndex, requestId);
	}
	const body = parsed as IDataObject;
	const code = typeof body.code === 'number' ? body.code : Number(body.code);
	if (code === 200 && raw.statusCode >= 200 && raw.statusCode < 300) {
		return { body, requestId, httpStatus: raw.statusCode };
	}
	const effectiveCode = Number.isFinite(code) ? code : raw.statusCode === 429 ? 1008 : raw.statusCode;
	const serverMessage = typeof body.errorMessage === 'string' ? body.errorMessage : typeof body.message === 'string' ? body.message : undefined;
	throw toNodeApiError(ctx, describeApiError(effectiveCode, raw.statusCode, serverMessage, requestId), itemIndex, requestId);
}

/** What a dry run shows instead of sending: everything but a usable signature. */
export function describeDryRun(
	appKey: string,
	endpoints: Endpoints,
	request: RongCloudRequest,
): IDataObject {
	const { contentType, payload } = encodeBody(request.body);
	return {
		dryRun: true,
		method: 'POST',
		url: `${endpoints.primary}${request.path}`,
		...(endpoints.backup ? { backupUrl: `${endpoints.backup}${request.path}` } : {}),
		headers: {
			'App-Key': appKey,
			Nonce: '[random, generated at send time]',
			Timestamp: '[milliseconds, taken at send time]',
			Signature: REDACTED_SIGNATURE,
			'X-Request-ID': '[generated at send time]',
			'Content-Type': contentType,
		},
		body: request.body.type === 'form' ? { ...request.body.fields } : request.body.value,
		encodedBody: payload,
		timeout: request.timeout,
	};
}
