import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { RONGCLOUD_CODES } from '../../../credentials/common/rongcloud/codes';
import { quoteServer, type Redactor } from '../../../credentials/common/rongcloud/redaction';
import type { RefusalAdvice } from '../shared/operation';

/**
 * RongCloud's answer to a repeat of an Idempotency Key (msgRandom) within one minute, once it has
 * enabled idempotency for the app. Its code is not published, so the answer is recognised by its
 * message, and only one that names the key and says it was repeated or used: a refusal that speaks
 * of some other repeat ("toUserId repeated", "duplicate message content", 参数重复) is an error like
 * any other, never "already delivered", which would hide a message that reached nobody.
 */
const REPEATED_IDEMPOTENCY_KEY_MEANING =
	'the Idempotency Key (msgRandom) was already used within the last minute, so RongCloud did not deliver this message a second time';

// \u5e42\u7b49 and \u91cd\u590d are the Chinese words for idempotent and repeated, which RongCloud's messages may use.
const NAMES_THE_KEY = /msgRandom|idempoten|\u5e42\u7b49/i;
// "used" only as a use that happened: "can only be used after..." is a parameter error, not a repeat.
const NAMES_A_REPEAT = /repeat|duplicat|already\s+(?:been\s+)?used|\b(?:has|have|had|was|were)\s+(?:already\s+)?(?:been\s+)?used\b|\u5df2\u4f7f\u7528/i;
// 重复 (repeated) counts next to the key's name.
const REPEATED = /\u91cd\u590d/;

/**
 * Only where the answer could be that refusal: a parameter error or a code this node does not
 * know, below 500. Quota, signature and service codes keep their own meaning whatever their text.
 */
export function isRepeatedKeyAnswer(code: number, httpStatus: number, serverMessage: string | undefined): boolean {
	if (serverMessage === undefined || httpStatus >= 500) return false;
	if (code !== 1002 && RONGCLOUD_CODES[code] !== undefined) return false;
	return NAMES_THE_KEY.test(serverMessage) && (NAMES_A_REPEAT.test(serverMessage) || REPEATED.test(serverMessage));
}

export const MAY_HAVE_BEEN_DELIVERED =
	'The request may have reached RongCloud, so the message may already have been delivered to your users. The node never re-sends on its own: check in the app (or with RongCloud support, quoting the request ID) before running it again.';

export const NOT_DELIVERED = 'Nothing was delivered.';

/**
 * Said in the message itself, not only in the description: an AI Agent that uses the node as a
 * tool is handed the message alone, and one that read only "No answer" would call the tool again.
 */
export const MAY_HAVE_BEEN_DELIVERED_IN_SHORT = 'It may have been delivered: do not send it again before checking in the app.';

export interface ApiFailure {
	message: string;
	description: string;
	code?: number;
	httpStatus: number;
	mayHaveBeenDelivered: boolean;
}

/**
 * The words of a success item whose Idempotency Key RongCloud answered as a repeat: an earlier
 * request with this key was delivered, so the message is with the users, once.
 */
export function describeRepeatedKey(key: string, code: number, serverMessage: string | undefined, redact: Redactor): string {
	const serverText = serverMessage ? ` ${quoteServer('RongCloud', serverMessage, redact)}` : '';
	return `Already delivered: RongCloud answered code ${code}, ${REPEATED_IDEMPOTENCY_KEY_MEANING}.${serverText} An earlier request with Idempotency Key ${key} was delivered; this request added nothing, and no messageUID comes with this answer. If that earlier request carried a different message, this message reached nobody: send it again with a new Idempotency Key (use a new key for every new message).`;
}

/**
 * A JSON answer with a RongCloud code other than 200. A code this node does not know proves
 * nothing about delivery unless the HTTP status is a 4xx (the server refused the request).
 * `refusalAdvice`: the operation's words for a refusal whose text names what it can explain;
 * `rateLimitAdvice`: what to do after its call's rate-limit answer (each call has its own limit).
 */
export function describeApiError(
	code: number,
	httpStatus: number,
	serverMessage: string | undefined,
	requestId: string,
	redact: Redactor,
	refusalAdvice?: RefusalAdvice,
	rateLimitAdvice?: string,
): ApiFailure {
	const info = RONGCLOUD_CODES[code];
	const serverText = serverMessage ? ` ${quoteServer('RongCloud', serverMessage, redact)}` : '';
	const mayHaveBeenDelivered = info?.mayHaveBeenDelivered ?? !(httpStatus >= 400 && httpStatus < 500);
	const meaning = info?.meaning ?? (httpStatus === 429 ? RONGCLOUD_CODES[1008].meaning : 'an error code this node does not know');
	const quotaCode = info === undefined && httpStatus === 429 ? 1008 : code;
	const action = (quotaCode === 1008 ? rateLimitAdvice : undefined) ?? info?.action ?? (httpStatus === 429 ? RONGCLOUD_CODES[1008].action : 'See the RongCloud Server API status codes for this code.');
	const advice = !mayHaveBeenDelivered && serverMessage !== undefined && refusalAdvice?.names.test(serverMessage) ? `${refusalAdvice.advice} ` : '';
	return {
		message: `RongCloud error ${code}: ${meaning} (HTTP ${httpStatus}).${serverText}`,
		description: `${advice}${action} ${mayHaveBeenDelivered ? MAY_HAVE_BEEN_DELIVERED : NOT_DELIVERED} Request ID: ${requestId}.`,
		code,
		httpStatus,
		mayHaveBeenDelivered,
	};
}

/** An answer that is not RongCloud JSON: a gateway page, an empty body, a proxy's text. */
export function describeUnreadableAnswer(httpStatus: number, body: string, requestId: string, redact: Redactor): ApiFailure {
	const isHtml = /^\s*</.test(body);
	const kind = body.trim() === '' ? 'an empty body' : isHtml ? 'an HTML page' : 'text that is not JSON';
	const hint =
		httpStatus >= 500
			? 'A gateway or proxy between n8n and RongCloud failed, or RongCloud is having trouble.'
			: 'Check that the credential points at the RongCloud Server API (region or custom Base URL).';
	return {
		message: `RongCloud answered HTTP ${httpStatus} with ${kind} instead of JSON.`,
		description: `${hint} ${MAY_HAVE_BEEN_DELIVERED} Request ID: ${requestId}.${body.trim() === '' ? '' : ` ${quoteServer('The server', body, redact)}`}`,
		httpStatus,
		// Whatever answered read the request, and a gateway may have passed it on before failing:
		// only RongCloud's own codes prove that nothing was delivered.
		mayHaveBeenDelivered: true,
	};
}

/**
 * JSON without a RongCloud code (none, one such as [200] or "2e2", or a 200 on an error status):
 * a gateway or another service answered, so like any answer that is not RongCloud's it proves
 * nothing about delivery.
 */
export function describeCodelessAnswer(httpStatus: number, code: unknown, requestId: string, redact: Redactor): ApiFailure {
	// A JSON value, not prose: cut to a few characters it cannot speak in.
	const got = code === undefined ? 'no "code"' : `the "code" ${redact.text(JSON.stringify(code) ?? String(code)).slice(0, 40)}`;
	return {
		message: `RongCloud answered HTTP ${httpStatus} with JSON that has ${got}, which is neither a success nor a RongCloud error.`,
		description: `Check that the credential points at the RongCloud Server API (region or custom Base URL) and that no proxy answers in its place. ${MAY_HAVE_BEEN_DELIVERED} Request ID: ${requestId}.`,
		httpStatus,
		mayHaveBeenDelivered: true,
	};
}

/** A 3xx answer: never followed, since following it hands the signed request to another host. */
export function describeRedirect(host: string, httpStatus: number, target: string | undefined, requestId: string): ApiFailure {
	return {
		message: `RongCloud (${host}) answered HTTP ${httpStatus}, a redirect to ${target ?? 'no address'}, which the node does not follow.`,
		description: `The Server API never redirects: a proxy, a gateway or the credential's Base URL is misconfigured, and following the redirect would hand the signed request to another host. The request reached ${host}. ${MAY_HAVE_BEEN_DELIVERED} Request ID: ${requestId}.`,
		httpStatus,
		mayHaveBeenDelivered: true,
	};
}

/** n8n's Stop while the request was out: it may have arrived, the answer will never be read. */
export function describeStoppedExchange(host: string, requestId: string): ApiFailure {
	return {
		message: `The execution was stopped while this item's request to RongCloud (${host}) was on its way.`,
		description: `${MAY_HAVE_BEEN_DELIVERED} Request ID: ${requestId}.`,
		httpStatus: 0,
		mayHaveBeenDelivered: true,
	};
}

/** An answer larger than RongCloud ever sends: reading stopped, the connection was closed. */
export function describeOversizedAnswer(host: string, httpStatus: number, limit: number, requestId: string): ApiFailure {
	return {
		message: `The answer from ${host} (HTTP ${httpStatus}) is larger than ${limit / 1024} KB, more than RongCloud ever sends, so the node stopped reading it.`,
		description: `Check that the credential points at the RongCloud Server API (region or Base URL) and that no proxy answers in its place. The request reached the server. ${MAY_HAVE_BEEN_DELIVERED} Request ID: ${requestId}.`,
		httpStatus,
		mayHaveBeenDelivered: true,
	};
}

/** An answer whose bytes arrived but cannot be decoded: the server got the request, whatever it did with it. */
export function describeUndecodableAnswer(host: string, httpStatus: number, reason: string, requestId: string): ApiFailure {
	return {
		message: `The server at ${host} sent an unreadable answer (HTTP ${httpStatus}: ${reason}), so the node cannot tell what RongCloud did: the message may have been delivered.`,
		description: `A proxy or gateway between n8n and RongCloud may be damaging answers. The request reached the server. ${MAY_HAVE_BEEN_DELIVERED} Request ID: ${requestId}.`,
		httpStatus,
		mayHaveBeenDelivered: true,
	};
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
	const saysItAlready = /may have been delivered/i.test(failure.message);
	const message = failure.mayHaveBeenDelivered && !saysItAlready ? `${failure.message} ${MAY_HAVE_BEEN_DELIVERED_IN_SHORT}` : failure.message;
	const error = new NodeApiError(ctx.getNode(), { message } as JsonObject, {
		message,
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

