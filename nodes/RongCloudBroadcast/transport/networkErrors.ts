import type { ApiFailure } from './apiErrors';
import { MAY_HAVE_BEEN_DELIVERED, NOT_DELIVERED } from './apiErrors';
import { DeadlineExceeded } from './answerBody';

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

export function unreachableReason(code: string): string {
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

export function safeHost(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return 'the configured server';
	}
}

