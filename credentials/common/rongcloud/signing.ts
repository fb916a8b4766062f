import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** The four headers RongCloud checks on every Server API call (docs/rongcloud-server-api.md#signing). */
interface SignatureHeaders {
	'App-Key': string;
	Nonce: string;
	Timestamp: string;
	Signature: string;
}

/** Lowercase hex SHA-1 of appSecret + nonce + timestamp, plain concatenation (RongCloud's rule). */
export function computeSignature(appSecret: string, nonce: string, timestamp: string): string {
	return createHash('sha1').update(appSecret + nonce + timestamp).digest('hex');
}

/**
 * 16 hex characters from 8 random bytes: within RongCloud's 18-character limit, and with 2^64
 * possible values a nonce never repeats in practice (the server refuses a replayed one).
 */
export function createNonce(): string {
	return randomBytes(8).toString('hex');
}

/** RongCloud accepts at most 36 characters; a UUID is exactly 36. */
export function createRequestId(): string {
	return randomUUID();
}

/**
 * Fresh headers for one request. A signature is only valid for the request it was made for:
 * it does not cover the body, so one that leaks lets anyone send anything until it expires.
 */
export function signRequest(appKey: string, appSecret: string, now: number = Date.now()): SignatureHeaders {
	const nonce = createNonce();
	const timestamp = String(now);
	return {
		'App-Key': appKey,
		Nonce: nonce,
		Timestamp: timestamp,
		Signature: computeSignature(appSecret, nonce, timestamp),
	};
}

const REDACTED_SIGNATURE = '[computed at send time, never shown]';

/** The same headers as a dry run shows them: never a usable signature. */
export function unsignedHeaders(appKey: string): SignatureHeaders {
	return {
		'App-Key': appKey,
		Nonce: '[random, generated at send time]',
		Timestamp: '[milliseconds, taken at send time]',
		Signature: REDACTED_SIGNATURE,
	};
}
