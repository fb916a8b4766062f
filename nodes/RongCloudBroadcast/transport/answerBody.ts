import { MAX_ANSWER_BYTES } from '../shared/limits';

/** Only these send a client elsewhere; a 304 or a 300 names no place to go and is just an answer that is not JSON. */
export const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** A byte order mark is not part of the JSON text, and JSON.parse refuses it. */
export function withoutByteOrderMark(text: string): string {
	return text.replace(/^\uFEFF/, '');
}

/** The request's one deadline (the Timeout option) ran out: connect, send, headers and body together. */
export class DeadlineExceeded extends Error {
	constructor(timeout: number) {
		super(`No complete answer within ${timeout} ms`);
		this.name = 'DeadlineExceeded';
	}
}

/** The answer grew past MAX_ANSWER_BYTES; reading stopped there. */
export class AnswerTooLarge extends Error {
	constructor(readonly httpStatus: number) {
		super(`The answer is larger than ${MAX_ANSWER_BYTES} bytes`);
		this.name = 'AnswerTooLarge';
	}
}

/**
 * The body arrived but could not be decoded (a corrupt gzip or deflate stream): the server read
 * the request and answered, so it is an unreadable answer, not a broken connection.
 */
export class UnreadableBody extends Error {
	constructor(
		readonly httpStatus: number,
		readonly reason: string,
	) {
		super(`The answer's body could not be decoded: ${reason}`);
		this.name = 'UnreadableBody';
	}
}

/** zlib's errors carry Z_* codes (gzip, deflate) or ERR__ERROR_* ones (brotli); a socket's do not. */
function isDecodingError(error: Error): boolean {
	const { code } = error as { code?: unknown };
	return typeof code === 'string' && /^(?:Z_|ERR__ERROR_)/.test(code);
}

/** Rejects with DeadlineExceeded when `deadline` fires; never resolves. */
export function expiry(deadline: AbortSignal, timeout: number): Promise<never> {
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

export function isStream(body: unknown): body is AnswerStream {
	return typeof (body as AnswerStream | undefined)?.on === 'function' && typeof (body as AnswerStream).destroy === 'function';
}

/**
 * The answer's text, read under the deadline and the size cap. n8n hands the body over as a
 * stream (encoding 'stream'), so a body that trickles or never ends is cut off here, and its
 * connection closed, instead of holding the node.
 */
export async function readAnswer(body: unknown, httpStatus: number, expired: Promise<never>): Promise<string> {
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
		body.once('error', (error: Error) =>
			settle(isDecodingError(error) ? new UnreadableBody(httpStatus, 'its compressed body is corrupt') : error));
		body.once('close', () => settle(new Error('The connection closed before the answer was complete')));
		expired.catch((error: Error) => settle(error));
	});
}

/** What an HTTP helper resolves with when asked for the full response and a streamed body. */
export interface StreamedResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

/**
 * One request under one deadline, started before the request: connecting, sending, the headers
 * and the whole body. n8n's own timeout only bounds the wait for the headers (n8n 1.x and 2.x
 * alike), so the body is read here and cut off; an answer that arrives past the deadline is
 * closed unread.
 */
export async function exchangeWithin(
	timeout: number,
	send: () => Promise<StreamedResponse>,
): Promise<{ statusCode: number; headers: Record<string, unknown>; text: string }> {
	const expired = expiry(AbortSignal.timeout(timeout), timeout);
	const sending = send();
	expired.catch(() => sending.then((late) => isStream(late.body) && late.body.destroy(), () => undefined));
	const response = await Promise.race([sending, expired]);
	return { statusCode: response.statusCode, headers: response.headers ?? {}, text: await readAnswer(response.body, response.statusCode, expired) };
}
