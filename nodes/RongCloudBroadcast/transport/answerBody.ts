import { MAX_ANSWER_BYTES } from '../shared/limits';

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

/** The user stopped the execution (n8n's Stop) while a request was out. */
export class ExecutionStopped extends Error {
	constructor() {
		super('The execution was stopped');
		this.name = 'ExecutionStopped';
	}
}

/** One request's end: its deadline, or the execution being stopped, whichever comes first. */
export interface RequestDeadline {
	/** Rejects with DeadlineExceeded or ExecutionStopped; never resolves. */
	over: Promise<never>;
	/** Frees the timer and the listener as soon as the answer is read or abandoned. */
	release(): void;
}

/**
 * A timer that is cleared when the answer is in: AbortSignal.timeout() kept every request's timer,
 * signal and closures alive for the whole Timeout (npm run bench, memory: 3000 items at the
 * largest Timeout held tens of MB long after their answers).
 */
export function startDeadline(timeout: number, stop?: AbortSignal): RequestDeadline {
	let timer: NodeJS.Timeout | undefined;
	let onStop: (() => void) | undefined;
	const over = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => reject(new DeadlineExceeded(timeout)), timeout);
		if (stop?.aborted) reject(new ExecutionStopped());
		onStop = () => reject(new ExecutionStopped());
		stop?.addEventListener('abort', onStop, { once: true });
	});
	// Nobody may be listening any more once the answer is in.
	over.catch(() => undefined);
	return {
		over,
		release: () => {
			clearTimeout(timer);
			if (onStop) stop?.removeEventListener('abort', onStop);
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
		body.once('error', (error: Error) => settle(error));
		body.once('close', () => settle(new Error('The connection closed before the answer was complete')));
		expired.catch((error: Error) => settle(error));
	});
}

