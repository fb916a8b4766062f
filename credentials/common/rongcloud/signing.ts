import { createHash, randomFillSync, randomUUID } from 'node:crypto';

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
	if (nonceAt + NONCE_BYTES > noncePool.length) {
		randomFillSync(noncePool);
		nonceAt = 0;
	}
	const nonce = noncePool.toString('hex', nonceAt, nonceAt + NONCE_BYTES);
	nonceAt += NONCE_BYTES;
	return nonce;
}

const NONCE_BYTES = 8;
/**
 * Random bytes drawn a few hundred nonces at a time, each 8 used once, as Node's randomUUID does:
 * one randomBytes(8) call per request cost about 5 µs, a third of the node's own work per item
 * (npm run bench). The same generator, so a nonce is as unpredictable as before.
 */
const noncePool = Buffer.alloc(NONCE_BYTES * 512);
let nonceAt = noncePool.length;

/** RongCloud accepts at most 36 characters; a UUID is exactly 36. */
export function createRequestId(): string {
	return randomUUID();
}

/** The Nonce and Timestamp a request is signed with. */
export interface SigningInput {
	nonce: string;
	timestamp: string;
}

/** How far a Timestamp chosen by the caller may be from the signing machine's clock. */
const MAX_CHOSEN_TIMESTAMP_SKEW_MS = 60_000;

/** A Nonce and Timestamp for one request, chosen by the node so it knows the Signature it will carry. */
export function createSigningInput(now: number = Date.now()): SigningInput {
	return { nonce: createNonce(), timestamp: String(now) };
}

/**
 * The Nonce and Timestamp the request already carries, when they are what createSigningInput
 * makes: the node chooses them so that it can recognise its own Signature in whatever a server
 * echoes. A Timestamp only a minute from now, so a caller cannot mint a signature dated later.
 */
export function chosenSigningInput(headers: Record<string, unknown>, now: number = Date.now()): SigningInput | undefined {
	const { Nonce: nonce, Timestamp: timestamp } = headers;
	if (typeof nonce !== 'string' || !/^[0-9a-f]{16}$/.test(nonce)) return undefined;
	if (typeof timestamp !== 'string' || !/^[0-9]{13}$/.test(timestamp)) return undefined;
	return Math.abs(Number(timestamp) - now) <= MAX_CHOSEN_TIMESTAMP_SKEW_MS ? { nonce, timestamp } : undefined;
}

/**
 * The headers for one request. A signature is only valid for the request it was made for:
 * it does not cover the body, so one that leaks lets anyone send anything until it expires.
 */
export function signRequest(appKey: string, appSecret: string, input: SigningInput = createSigningInput()): SignatureHeaders {
	const { nonce, timestamp } = input;
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
