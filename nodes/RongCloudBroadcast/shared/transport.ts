import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	describeApiError,
	describeOversizedAnswer,
	describeRedirect,
	describeUnreadableAnswer,
	MAY_HAVE_BEEN_DELIVERED,
	NOT_DELIVERED,
	type ApiFailure,
} from './apiErrors';
import { encodeForm } from './formEncoding';
import type { Endpoints } from './regions';
import { createRequestId, REDACTED_SIGNATURE } from './signing';

export const CREDENTIAL_TYPE = 'rongCloudApi';
export const DEFAULT_TIMEOUT_MS = 10000;
/**
 * RongCloud answers with a few hundred bytes of JSON. Reading more than this only costs memory
 * (a 64 MB answer cost 283 MB when read whole): whoever sends it is not RongCloud.
 */
export const MAX_ANSWER_BYTES = 64 * 1024;

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
		return { contentType: 'application/x-www-form-urlencoded', payload: encodeForm(body.fields) };
	}
	return { contentType: 'application/json', payload: JSON.stringify(body.value) };
}

/**
 * When a request provably never reached a server, re-sending it to the backup domain cannot deliver
 * a broadcast twice. The proof is the system error together with the step that failed, which
 * Node names in its message ("getaddrinfo ENOTFOUND host", "connect ECONNREFUSED ip:port",
 * "write EPROTO ..."); n8n keeps those messages in NodeApiError.messages.
 */
/** Name resolution happens before any connection exists. */
const DNS_ERROR_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
/**
 * Never sent only when `connect` failed: the kernel can report the same codes on an established
 * connection (a soft ICMP error surfacing after retransmissions), when the body may have arrived.
 */
const CONNECT_ERROR_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);
/** Node checks the server certificate when the handshake completes, before it releases the request. */
const CERTIFICATE_ERROR_CODES = new Set([
	'CERT_HAS_EXPIRED',
	'CERT_NOT_YET_VALID',
	'DEPTH_ZERO_SELF_SIGNED_CERT',
	'SELF_SIGNED_CERT_IN_CHAIN',
	'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
	'ERR_TLS_CERT_ALTNAME_INVALID',
]);
/**
 * A TLS protocol failure is a handshake failure only as "write EPROTO": the write that drives the
 * handshake failed, so no application data was encrypted. After a completed handshake the same
 * OpenSSL failures arrive as ERR_SSL_* read errors (for example a gateway writing plain text into
 * the stream after it passed the request on), and those may follow a delivered request.
 */
const HANDSHAKE_WRITE_ERROR_CODES = new Set(['EPROTO']);

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

/** The messages along the error chain: n8n's summary, the system messages it kept, the causes'. */
function errorTexts(error: unknown): string[] {
	const texts: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
		const { message, messages } = current as { message?: unknown; messages?: unknown };
		if (typeof message === 'string') texts.push(message);
		if (Array.isArray(messages)) texts.push(...messages.map(String));
		current = (current as { cause?: unknown }).cause;
	}
	return texts;
}

function failedStep(error: unknown, step: string, code: string): boolean {
	return errorTexts(error).some((text) => text.includes(`${step} ${code}`));
}

function isTimeout(error: unknown, code: string | undefined): boolean {
	if (error instanceof DeadlineExceeded) return true;
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
	if (code && isNeverSent(error)) {
		return {
			message: `Could not reach RongCloud at ${host}: ${unreachableReason(code)}.`,
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

function unreachableReason(code: string): string {
	if (code === 'ECONNREFUSED') return 'the connection was refused';
	if (DNS_ERROR_CODES.has(code)) return 'the domain name could not be resolved';
	if (CERTIFICATE_ERROR_CODES.has(code)) return 'the TLS handshake failed (certificate)';
	if (HANDSHAKE_WRITE_ERROR_CODES.has(code)) return 'the TLS handshake failed (protocol)';
	return 'the network could not reach it';
}

/** True only when the error proves that no byte of the request reached the server (see above). */
export function isNeverSent(error: unknown): boolean {
	const code = findNetworkErrorCode(error);
	if (code === undefined || isTimeout(error, code)) return false;
	if (DNS_ERROR_CODES.has(code) || CERTIFICATE_ERROR_CODES.has(code)) return true;
	if (CONNECT_ERROR_CODES.has(code)) return failedStep(error, 'connect', code);
	if (HANDSHAKE_WRITE_ERROR_CODES.has(code)) return failedStep(error, 'write', code);
	return false;
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

/** The request's one deadline (the Timeout option) ran out: connect, send, headers and body together. */
class DeadlineExceeded extends Error {
	constructor(timeout: number) {
		super(`No complete answer within ${timeout} ms`);
		this.name = 'DeadlineExceeded';
	}
}

/** The answer grew past MAX_ANSWER_BYTES; reading stopped there. */
class AnswerTooLarge extends Error {
	constructor(readonly httpStatus: number) {
		super(`The answer is larger than ${MAX_ANSWER_BYTES} bytes`);
		this.name = 'AnswerTooLarge';
	}
}

/** Rejects with DeadlineExceeded when `deadline` fires; never resolves. */
function expiry(deadline: AbortSignal, timeout: number): Promise<never> {
	const expired = new Promise<never>((_resolve, reject) => {
		deadline.addEventListener('abort', () => reject(new DeadlineExceeded(timeout)), { once: true });
	});
	// Nobody may be listening any more once the answer is in.
	expired.catch(() => undefined);
	return expired;
}

/** What n8n hands over for `encoding: 'stream'`: Node's incoming message, read as events. */
interface AnswerStream {
	on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
	once(event: 'end' | 'close', listener: () => void): unknown;
	once(event: 'error', listener: (error: Error) => void): unknown;
	off(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
	destroy(): unknown;
}

function isStream(body: unknown): body is AnswerStream {
	return typeof (body as AnswerStream | undefined)?.on === 'function' && typeof (body as AnswerStream).destroy === 'function';
}

/**
 * The answer's text, read under the deadline and the size cap. n8n hands the body over as a
 * stream (encoding 'stream'), so a body that trickles or never ends is cut off here, and its
 * connection closed, instead of holding the node.
 */
async function readAnswer(body: unknown, httpStatus: number, expired: Promise<never>): Promise<string> {
	if (!isStream(body)) {
		const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : JSON.stringify(body ?? '');
		if (Buffer.byteLength(text, 'utf8') > MAX_ANSWER_BYTES) throw new AnswerTooLarge(httpStatus);
		return text;
	}
	return await new Promise<string>((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let settled = false;
		const settle = (error?: Error) => {
			if (settled) return;
			settled = true;
			body.off('data', onData);
			if (error) {
				body.destroy();
				reject(error);
			} else {
				resolve(Buffer.concat(chunks, size).toString('utf8'));
			}
		};
		const onData = (chunk: Buffer | string) => {
			const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
			size += bytes.length;
			if (size > MAX_ANSWER_BYTES) settle(new AnswerTooLarge(httpStatus));
			else chunks.push(bytes);
		};
		body.on('data', onData);
		body.once('end', () => settle());
		body.once('error', (error: Error) => settle(error));
		body.once('close', () => settle(new Error('The connection closed before the answer was complete')));
		expired.catch((error: Error) => settle(error));
	});
}

interface RawAnswer {
	statusCode: number;
	headers: Record<string, unknown>;
	text: string;
}

async function post(
	ctx: IExecuteFunctions,
	baseUrl: string,
	request: RongCloudRequest,
	requestId: string,
): Promise<RawAnswer> {
	const { contentType, payload } = encodeBody(request.body);
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: `${baseUrl}${request.path}`,
		headers: { 'Content-Type': contentType, 'X-Request-ID': requestId },
		body: payload,
		timeout: request.timeout,
		// A redirect would carry the signed request to whatever host the answer names.
		disableFollowRedirect: true,
		encoding: 'stream',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	// n8n's timeout bounds the wait for the headers (n8n 1.x and 2.x alike); the same deadline,
	// started here, also bounds the body, which readAnswer reads and cuts off.
	const expired = expiry(AbortSignal.timeout(request.timeout), request.timeout);
	const sending = ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, options) as Promise<{
		statusCode: number;
		headers?: Record<string, unknown>;
		body: unknown;
	}>;
	// Past the deadline, an answer that still arrives is closed unread.
	expired.catch(() => sending.then((late) => isStream(late.body) && late.body.destroy(), () => undefined));
	const response = await Promise.race([sending, expired]);
	return { statusCode: response.statusCode, headers: response.headers ?? {}, text: await readAnswer(response.body, response.statusCode, expired) };
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
	let raw: RawAnswer;
	try {
		raw = await post(ctx, endpoints.primary, request, requestId);
	} catch (error) {
		if (!endpoints.backup || !isNeverSent(error)) {
			throw toNodeApiError(ctx, describeFailedExchange(error, endpoints.primary, request.timeout, requestId), itemIndex, requestId);
		}
		// Whatever the backup answers, the user learns that it was the backup that answered.
		const note = `RongCloud at ${safeHost(endpoints.primary)} could not be reached (${unreachableReason(findNetworkErrorCode(error) ?? '')}; nothing was sent there), so the request went to the backup domain ${safeHost(endpoints.backup)}.`;
		try {
			raw = await post(ctx, endpoints.backup, request, requestId);
		} catch (backupError) {
			throw toNodeApiError(ctx, describeBothFailed(error, backupError, endpoints, request.timeout, requestId, note), itemIndex, requestId);
		}
		return { ...parseAnswer(ctx, raw, endpoints.backup, request, requestId, itemIndex, note), baseUrl: endpoints.backup, failedOver: true };
	}
	return { ...parseAnswer(ctx, raw, endpoints.primary, request, requestId, itemIndex), baseUrl: endpoints.primary, failedOver: false };
}

/** A request that got no usable answer: a network failure, the deadline, or an answer too large to read. */
function describeFailedExchange(error: unknown, url: string, timeout: number, requestId: string): ApiFailure {
	if (error instanceof AnswerTooLarge) return describeOversizedAnswer(safeHost(url), error.httpStatus, MAX_ANSWER_BYTES, requestId);
	return describeNetworkError(error, url, timeout, requestId);
}

/** The primary never got the request and the backup failed too: name both, and what each did. */
function describeBothFailed(
	primaryError: unknown,
	backupError: unknown,
	endpoints: Endpoints,
	timeout: number,
	requestId: string,
	note: string,
): ApiFailure {
	const failure = describeFailedExchange(backupError, endpoints.backup ?? '', timeout, requestId);
	if (failure.mayHaveBeenDelivered) {
		return { ...failure, description: `${note} ${failure.description}` };
	}
	const primaryCode = findNetworkErrorCode(primaryError) ?? 'unknown';
	const backupCode = findNetworkErrorCode(backupError) ?? 'unknown';
	return {
		...failure,
		message: `Could not reach RongCloud at ${safeHost(endpoints.primary)} (${unreachableReason(primaryCode)}) nor at the backup domain ${safeHost(endpoints.backup ?? '')} (${unreachableReason(backupCode)}).`,
		description: `${NOT_DELIVERED} Check the credential's region or Base URLs, and the network or proxy between n8n and RongCloud (system errors ${primaryCode}, ${backupCode}). Request ID: ${requestId}.`,
	};
}

/** The answer's body, or a NodeApiError for a redirect, an error code or an unreadable answer; `note` leads its description. */
function parseAnswer(
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
