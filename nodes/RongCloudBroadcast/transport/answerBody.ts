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

/** The user stopped the execution (n8n's Stop) while a request was out. */
export class ExecutionStopped extends Error {
	constructor() {
		super('The execution was stopped');
		this.name = 'ExecutionStopped';
	}
}

/** One request's end: its deadline, or the execution being stopped, whichever comes first. */
interface RequestDeadline {
	/** Rejects with DeadlineExceeded or ExecutionStopped; never resolves. */
	over: Promise<never>;
	/** Drops the listeners, and with them everything the deadline held, once the answer is read or abandoned. */
	release(): void;
}

/** A deadline in flight: when it is over (on performance.now()'s clock), and what to do then. */
interface Waiting {
	at: number;
	expire(): void;
}

/**
 * The deadlines of the requests in flight (of every execution in this process) share one timer, set
 * for the earliest. The timer is AbortSignal.timeout() (n8n's rules for community nodes forbid
 * setTimeout), which costs more than the rest of a request's bookkeeping, and most requests are
 * answered long before their deadline: a new timer is made only when none is set to ring before the
 * new deadline. When it rings, the deadlines that are over expire, and the next timer is set for the
 * earliest of the others. A timer no longer listened to is cleared by Node once its signal is
 * unreachable. A released deadline leaves the set at once, and with it everything it held: kept
 * for the whole Timeout, 3000 items at the largest Timeout held tens of MB long after their answers.
 */
const waiting = new Set<Waiting>();
let alarm: { at: number; signal: AbortSignal; ring: () => void } | undefined;

function setAlarm(at: number): void {
	if (alarm) alarm.signal.removeEventListener('abort', alarm.ring);
	const ring = () => {
		alarm = undefined;
		const now = performance.now();
		let next = Infinity;
		for (const deadline of waiting) {
			if (deadline.at <= now) {
				waiting.delete(deadline);
				deadline.expire();
			} else {
				next = Math.min(next, deadline.at);
			}
		}
		if (next !== Infinity) setAlarm(next);
	};
	const signal = AbortSignal.timeout(Math.max(1, Math.ceil(at - performance.now())));
	signal.addEventListener('abort', ring, { once: true });
	alarm = { at, signal, ring };
}

function startDeadline(timeout: number, stop?: AbortSignal): RequestDeadline {
	let deadline: Waiting | undefined;
	let onStop: (() => void) | undefined;
	const over = new Promise<never>((_resolve, reject) => {
		deadline = { at: performance.now() + timeout, expire: () => reject(new DeadlineExceeded(timeout)) };
		onStop = () => reject(new ExecutionStopped());
		if (stop?.aborted) onStop();
		stop?.addEventListener('abort', onStop, { once: true });
	});
	// Nobody may be listening any more once the answer is in.
	over.catch(() => undefined);
	if (deadline) {
		waiting.add(deadline);
		if (!alarm || deadline.at < alarm.at) setAlarm(deadline.at);
	}
	return {
		over,
		release: () => {
			if (deadline) waiting.delete(deadline);
			if (onStop) stop?.removeEventListener('abort', onStop);
			deadline = undefined;
			onStop = undefined;
		},
	};
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
		// After a complete answer 'close' follows 'end': no error is made then (an Error costs its stack trace).
		body.once('close', () => {
			if (!settled) settle(new Error('The connection closed before the answer was complete'));
		});
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
 * closed unread. `stop`, the execution's cancel signal, ends the wait at once (n8n aborts the
 * request itself), so a stop is told apart from a timeout.
 */
export async function exchangeWithin(
	timeout: number,
	send: () => Promise<StreamedResponse>,
	stop?: AbortSignal,
): Promise<{ statusCode: number; headers: Record<string, unknown>; text: string }> {
	const deadline = startDeadline(timeout, stop);
	try {
		const sending = send();
		deadline.over.catch(() => sending.then((late) => isStream(late.body) && late.body.destroy(), () => undefined));
		const response = await Promise.race([sending, deadline.over]);
		return { statusCode: response.statusCode, headers: response.headers ?? {}, text: await readAnswer(response.body, response.statusCode, deadline.over) };
	} finally {
		deadline.release();
	}
}
