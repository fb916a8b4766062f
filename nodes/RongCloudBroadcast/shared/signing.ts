import { createHash, randomFillSync, randomUUID } from 'node:crypto';

/** The four headers RongCloud checks on every Server API call. */
export interface SignatureHeaders {
	'App-Key': string;
	Nonce: string;
	Timestamp: string;
	Signature: string;
}

/** Lowercase hex SHA1 of appSecret + nonce + timestamp, plain concatenation (RongCloud's rule). */
export function computeSignature(appSecret: string, nonce: string, timestamp: string): string {
	return createHash('sha1').update(appSecret + nonce + timestamp).digest('hex');
}

const NONCE_BYTES = 8;
/**
 * Random bytes for 512 nonces at a time: one call into the CSPRNG costs more than the rest of the
 * signing, and Node's randomUUID pools the same way. Every byte serves one nonce only.
 */
const noncePool = Buffer.alloc(NONCE_BYTES * 512);
let noncePoolOffset = noncePool.length;

/**
 * 16 hex characters from 8 random bytes: within RongCloud's 18-character limit, and with 2^64
 * possible values a nonce never repeats in practice (the server rejects replays).
 */
export function createNonce(): string {
	if (noncePoolOffset + NONCE_BYTES > noncePool.length) {
		randomFillSync(noncePool);
		noncePoolOffset = 0;
	}
	const nonce = noncePool.toString('hex', noncePoolOffset, noncePoolOffset + NONCE_BYTES);
	noncePoolOffset += NONCE_BYTES;
	return nonce;
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

/** Shown in dry runs and never a usable signature. */
export const REDACTED_SIGNATURE = '[computed at send time, never shown]';
