/**
 * Calls to an emulator the way a test needs them: signed by default (with a nonce of its own and
 * the test's clock as Timestamp), or with any header, body or method a refusal test needs.
 */
import { computeSignature, DEFAULT_APP_KEY, DEFAULT_APP_SECRET, type RongCloudEmulator } from './emulator';

let nonceCounter = 0;

export interface CallOptions {
	form?: Record<string, string>;
	json?: unknown;
	/** Raw body; wins over form/json. */
	body?: string;
	contentType?: string;
	method?: string;
	headers?: Record<string, string>;
	appKey?: string;
	appSecret?: string;
	nonce?: string;
	timestamp?: string;
	/** Send no signing headers at all. */
	unsigned?: boolean;
	signal?: AbortSignal;
	redirect?: 'follow' | 'manual';
}

export interface CallResult {
	status: number;
	headers: Headers;
	text: string;
	body: { code?: number; errorMessage?: string; [key: string]: unknown };
}

export type Call = (emulator: Pick<RongCloudEmulator, 'baseUrl'>, path: string, options?: CallOptions) => Promise<CallResult>;

/** `call(emulator, path, options)` with `now()` as the default Timestamp. */
export const emulatorCaller = (now: () => number): Call => async (emulator, path, options = {}) => {
	const appKey = options.appKey ?? DEFAULT_APP_KEY;
	const appSecret = options.appSecret ?? DEFAULT_APP_SECRET;
	const nonce = options.nonce ?? `n${++nonceCounter}`;
	const timestamp = options.timestamp ?? String(now());
	const headers: Record<string, string> = options.unsigned
		? {}
		: { 'App-Key': appKey, Nonce: nonce, Timestamp: timestamp, Signature: computeSignature(appSecret, nonce, timestamp) };
	let body: string | undefined = options.body;
	let contentType = options.contentType;
	if (body === undefined && options.form) {
		body = new URLSearchParams(options.form).toString();
		contentType ??= 'application/x-www-form-urlencoded';
	}
	if (body === undefined && options.json !== undefined) {
		body = JSON.stringify(options.json);
		contentType ??= 'application/json';
	}
	if (contentType) headers['Content-Type'] = contentType;
	const method = options.method ?? 'POST';
	const response = await fetch(`${emulator.baseUrl}${path}`, {
		method,
		headers: { ...headers, ...options.headers },
		body: method === 'GET' ? undefined : (body ?? ''),
		signal: options.signal,
		redirect: options.redirect,
	});
	const text = await response.text();
	let parsed: CallResult['body'] = {};
	try {
		parsed = JSON.parse(text) as CallResult['body'];
	} catch {
		// Not JSON (html/text faults); `text` has it.
	}
	return { status: response.status, headers: response.headers, text, body: parsed };
};

export function expectError(result: CallResult, status: number, code: number, messagePart?: RegExp): void {
	expect({ status: result.status, code: result.body.code }).toEqual({ status, code });
	if (messagePart) expect(result.body.errorMessage).toMatch(messagePart);
}
