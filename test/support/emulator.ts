/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports,
	@n8n/community-nodes/require-node-api-error
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * A RongCloud Server API emulator for tests, the e2e suite and the `npm start` sandbox.
 *
 * It answers on 127.0.0.1 with plain `node:http` (no dependencies) so that a node under test
 * can talk real HTTP to it: signing, form/JSON bodies, status codes and error bodies are
 * checked the way the project's API notes (rongcloud-api.md; §-references below point there)
 * and the broadcast endpoint spec describe the real service. It is deliberately strict: a request the real server might
 * accept by luck should fail here, so bugs surface in tests rather than in production.
 *
 * Every request that arrives is recorded (even rejected, hung or reset ones) so tests can
 * assert on exactly what the node sent.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

// ---------------------------------------------------------------------------------------
// Public constants
// ---------------------------------------------------------------------------------------

export const DEFAULT_APP_KEY = 'test-app-key';
export const DEFAULT_APP_SECRET = 'test-app-secret';

/** Largest accepted `Nonce` (documented limit). */
export const MAX_NONCE_LENGTH = 18;
/** Largest accepted `X-Request-ID`. */
export const MAX_REQUEST_ID_LENGTH = 36;
/**
 * Allowed distance between `Timestamp` and the emulator's clock. The real tolerance is not
 * documented; 5 minutes is the conventional window and catches seconds/ms mix-ups.
 */
export const TIMESTAMP_TOLERANCE_MS = 5 * 60 * 1000;
/** `content` limit of the message endpoints: 128 KB of UTF-8. */
export const MAX_CONTENT_BYTES = 128 * 1024;

export const BROADCAST_QUOTA_PER_HOUR = 2;
export const BROADCAST_QUOTA_PER_DAY = 3;
export const ONLINE_BROADCAST_PER_MINUTE = 60;
/** Calls an app without the broadcast service may make per minute before 1009 turns into 1008. */
export const SERVICE_DISABLED_CALLS_PER_MINUTE = 3;

/**
 * "Natural day" of the daily quota. RongCloud is operated from Beijing, so the emulator's
 * default calendar day is UTC+8; override with `dayOffsetMinutes` if a test needs UTC.
 */
export const DEFAULT_DAY_OFFSET_MINUTES = 8 * 60;

export interface ErrorCodeInfo {
	httpStatus: number;
	meaning: string;
}

/** rongcloud-api.md §3: body code → documented HTTP status. */
export const RONGCLOUD_ERROR_CODES = {
	200: { httpStatus: 200, meaning: 'success' },
	1000: { httpStatus: 500, meaning: 'internal error, retry later' },
	1001: { httpStatus: 401, meaning: 'app secret does not match the app key' },
	1002: { httpStatus: 400, meaning: 'parameter error' },
	1003: { httpStatus: 400, meaning: 'no POST data' },
	1004: { httpStatus: 401, meaning: 'signature verification failed' },
	1005: { httpStatus: 400, meaning: 'parameter too long' },
	1006: { httpStatus: 401, meaning: 'app locked, deleted or offline' },
	1007: { httpStatus: 401, meaning: 'call restricted (e.g. IP allow-list)' },
	1008: { httpStatus: 429, meaning: 'rate limit exceeded' },
	1009: { httpStatus: 430, meaning: 'service not enabled for this app key' },
	1050: { httpStatus: 504, meaning: 'internal service timeout' },
} as const satisfies Record<number, ErrorCodeInfo>;

export type RongCloudErrorCode = keyof typeof RONGCLOUD_ERROR_CODES;

/**
 * The built-in types a client renders from typed content fields, and what each
 * field must be for the client to display the message (a blank bubble otherwise). The server
 * stands in for the apps here: content that an app could not render is refused with 1002.
 */
export type ContentFieldCheck = 'text' | 'positiveInteger' | 'nonNegativeInteger' | 'latitude' | 'longitude' | 'base64' | 'user';

export interface BuiltInContentField {
	check: ContentFieldCheck;
	required?: boolean;
}

const textField = (required = false): BuiltInContentField => ({ check: 'text', required });
const USER: BuiltInContentField = { check: 'user' };

export const BUILT_IN_CONTENT: Readonly<Record<string, Readonly<Record<string, BuiltInContentField>>>> = {
	'RC:TxtMsg': { content: textField(true), extra: textField(), user: USER },
	'RC:ImgMsg': { content: { check: 'base64', required: true }, imageUri: textField(true), extra: textField(), user: USER },
	'RC:GIFMsg': {
		remoteUrl: textField(true),
		gifDataSize: { check: 'positiveInteger', required: true },
		width: { check: 'positiveInteger', required: true },
		height: { check: 'positiveInteger', required: true },
		extra: textField(),
		user: USER,
	},
	'RC:HQVCMsg': { remoteUrl: textField(true), duration: { check: 'positiveInteger', required: true }, extra: textField(), user: USER },
	'RC:ImgTextMsg': { title: textField(true), content: textField(true), imageUri: textField(), url: textField(), extra: textField(), user: USER },
	'RC:FileMsg': {
		name: textField(true),
		size: { check: 'nonNegativeInteger', required: true },
		type: textField(),
		fileUrl: textField(true),
		extra: textField(),
		user: USER,
	},
	'RC:SightMsg': {
		content: { check: 'base64' },
		sightUrl: textField(true),
		duration: { check: 'positiveInteger', required: true },
		size: { check: 'positiveInteger', required: true },
		name: textField(),
		extra: textField(),
		user: USER,
	},
	'RC:LBSMsg': {
		content: { check: 'base64' },
		latitude: { check: 'latitude', required: true },
		longitude: { check: 'longitude', required: true },
		poi: textField(true),
		extra: textField(),
		user: USER,
	},
	'RC:InfoNtf': { message: textField(true), extra: textField() },
	'RC:CmdNtf': { name: textField(true), data: textField() },
	'RC:CmdMsg': { name: textField(true), data: textField() },
	'RC:ContactNtf': { operation: textField(true), sourceUserId: textField(true), targetUserId: textField(true), message: textField(), extra: textField() },
	'RC:ProfileNtf': { operation: textField(true), data: textField(), extra: textField() },
};

/** Other built-in types: accepted with any JSON object content, as RongCloud documents for built-ins without typed fields here. */
export const OTHER_BUILT_IN_OBJECT_NAMES: readonly string[] = [
	'RC:ReferenceMsg',
	'RC:CombineMsg',
	'RC:CombineV2Msg',
	'RC:StkMsg',
	'RC:GrpNtf',
	'RC:RcNtf',
	'RC:RcCmd',
	'RC:VcMsg',
	'RC:DizNtf',
	'RC:PSImgTxtMsg',
	'RC:PSMultiImgTxtMsg',
	'RC:SRSMsg',
	'RC:ChrmKVNotiMsg',
	'RC:ReadNtf',
	'RC:RRReqMsg',
	'RC:RRRspMsg',
];

/** Only these may start with `RC:`. */
export const BUILT_IN_OBJECT_NAMES: readonly string[] = [...Object.keys(BUILT_IN_CONTENT), ...OTHER_BUILT_IN_OBJECT_NAMES];

/**
 * What a vendor setting must be. `httpsImage`: the vendor refuses anything but an https:// URL;
 * `url`: any absolute URL; `classification`: VIVO's class as text, "0" or "1" (both SDKs type
 * every VIVO value as a string); `notifyLevel`: OPPO's number 1, 2 or 16.
 */
export type VendorFieldCheck = 'text' | 'httpsImage' | 'url' | 'importance' | 'classification' | 'notifyLevel';

/** The vendors of `pushExt.pushConfigs` and the fields each knows. */
export const PUSH_EXT_VENDOR_FIELDS: Readonly<Record<string, Readonly<Record<string, VendorFieldCheck>>>> = {
	HW: { channelId: 'text', importance: 'importance', image: 'httpsImage', category: 'text' },
	HONOR: { importance: 'importance', image: 'httpsImage' },
	MI: { channelId: 'text', large_icon_uri: 'url' },
	OPPO: { channelId: 'text', category: 'text', notify_level: 'notifyLevel' },
	VIVO: { classification: 'classification', category: 'text' },
	APNs: { 'thread-id': 'text', 'apns-collapse-id': 'text', richMediaUri: 'url', 'interruption-level': 'text' },
	FCM: { channelId: 'text', collapse_key: 'text', imageUrl: 'url' },
	OHOS: { category: 'text', image: 'httpsImage' },
};

/** rongcloud-api.md §6: allowed keys of the one-key objects in `pushExt.pushConfigs`. */
export const PUSH_CONFIG_VENDORS: readonly string[] = Object.keys(PUSH_EXT_VENDOR_FIELDS);

/** push.json's notification.android keys per vendor (the Java SDK's names), with the pushExt rules. */
const PUSH_ANDROID_VENDORS: Readonly<Record<string, string>> = { hw: 'HW', honor: 'HONOR', mi: 'MI', oppo: 'OPPO', vivo: 'VIVO', fcm: 'FCM' };
/** Keys of notification.ios / notification.android besides the vendor objects (the Java SDK's PlatformNotification). */
const PUSH_PLATFORM_KEYS: readonly string[] = [
	'alert',
	'title',
	'contentAvailable',
	'extras',
	'badge',
	'category',
	'richMediaUri',
	'thread-id',
	'apns-collapse-id',
	'interruption-level',
];
/** Time within which an app with idempotency enabled refuses a repeated msgRandom. */
export const IDEMPOTENCY_WINDOW_MS = 60 * 1000;

export const PATHS = {
	broadcast: '/message/broadcast.json',
	onlineBroadcast: '/message/online/broadcast.json',
	recall: '/message/broadcast/recall.json',
	push: '/push.json',
	checkOnline: '/user/checkOnline.json',
} as const;

// ---------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------

export interface EmulatorApp {
	appKey: string;
	appSecret: string;
	/** `false` makes broadcast.json, recall.json and push.json answer 430/1009. Default true. */
	broadcastEnabled?: boolean;
	/**
	 * RongCloud enables idempotency per app on request. When true, a msgRandom repeated within one
	 * minute on the same endpoint is refused (400/1002, a message naming msgRandom) and nothing is sent.
	 */
	idempotency?: boolean;
}

/** A message this emulator issued; recall.json only accepts these. */
export interface IssuedMessage {
	appKey: string;
	path: string;
	/** `messageUID` (broadcast.json) or `id` (push.json). */
	uid: string;
	sentAt: number;
	recalled?: boolean;
}

/** What survives a restart of the CLI (see emulator-cli.ts `--state`). */
export interface EmulatorState {
	apps?: EmulatorApp[];
	/** appKey → times (ms) of accepted calls that count toward the broadcast quota. */
	quotaUsage?: Record<string, number[]>;
	issued?: IssuedMessage[];
}

export interface EmulatorOptions {
	apps?: EmulatorApp[];
	/** 0 (default) picks a free port. */
	port?: number;
	/** The emulator's clock in ms; tests pass a controllable one to exercise quota windows. */
	now?: () => number;
	dayOffsetMinutes?: number;
	initialState?: EmulatorState;
	/** Called once per request when it is final (answered, hung or reset). */
	onRequest?: (request: RecordedRequest) => void;
}

export interface RecordedResponse {
	status: number;
	headers: Record<string, string>;
	/** Parsed JSON for JSON answers, the raw text otherwise. */
	body: unknown;
}

export interface RecordedRequest {
	/** 1-based arrival order. */
	seq: number;
	receivedAt: number;
	method: string;
	/** Path without the query string. */
	path: string;
	query: Record<string, string>;
	/** Lower-cased names, as Node delivers them. */
	headers: Record<string, string>;
	rawBody: string;
	/** Set for application/x-www-form-urlencoded bodies; the last value wins on duplicates. */
	form?: Record<string, string>;
	/** Keys that occurred more than once in the form body (the real server would be ambiguous). */
	duplicateFormKeys: string[];
	/** Set for application/json bodies that parse. */
	json?: unknown;
	/** App-Key as sent (plain or RC- header), if any. */
	appKey?: string;
	/** Signature matched sha1(appSecret + nonce + timestamp) of a known app (replay/time not considered). */
	signatureValid: boolean;
	/** Fault that was injected for this request, if any. */
	fault?: Fault['kind'];
	/** What was sent back; undefined while pending and for hang/reset faults. */
	response?: RecordedResponse;
	/** With `afterProcessing` faults: what the server did but never told the client. */
	unsentResponse?: RecordedResponse;
	/** Trickled and large answers: when the client closed the connection before the answer ended. */
	abandonedByClientAt?: number;
}

export type Fault =
	/** Answer `{code, errorMessage}` with this HTTP status instead of processing. */
	| { kind: 'code'; code: number; httpStatus: number; errorMessage?: string }
	/** An HTML error page (text/html), as a gateway/load balancer would send. */
	| { kind: 'html'; httpStatus: number }
	/** Any text body (text/plain). */
	| { kind: 'text'; httpStatus: number; body: string }
	/**
	 * Read the body, record, never answer. `afterProcessing: true` first processes the request
	 * (quota used, messageUID issued): the dangerous "delivered but the client timed out" case.
	 */
	| { kind: 'hang'; afterProcessing?: boolean }
	/** Read the body, record, destroy the socket. `afterProcessing` as for hang. */
	| { kind: 'reset'; afterProcessing?: boolean }
	/** Wait, then answer normally. */
	| { kind: 'delay'; ms: number }
	/** Any JSON body with this HTTP status, e.g. a success without a messageUID or a third party's fake one. */
	| { kind: 'json'; httpStatus: number; body: unknown }
	/** A redirect to `location`, as a misconfigured gateway would send; the request is not processed. */
	| { kind: 'redirect'; httpStatus: 301 | 302 | 303 | 307 | 308; location: string }
	/**
	 * Process the request, send the headers of a JSON answer at once, then its body one byte every
	 * `intervalMs`; with `endless` the body never ends (a space per tick after the JSON).
	 */
	| { kind: 'trickle'; intervalMs: number; endless?: boolean }
	/** Process the request, then answer HTTP 200 with `bytes` bytes of JSON-looking text, streamed. */
	| { kind: 'large'; bytes: number; declareLength?: boolean }
	/** Answer an error that quotes the request's headers back, as a debugging proxy would: JSON or an HTML page. */
	| { kind: 'echoHeaders'; httpStatus: number; as: 'json' | 'html' };

export interface FaultOptions {
	/** Only requests to this exact path; default: any path. */
	path?: string;
	/** How many matching requests get the fault; default 1. */
	times?: number;
	/** How many matching requests to let through first; default 0. */
	skip?: number;
}

export interface RongCloudEmulator {
	/** `http://127.0.0.1:<port>` with no trailing slash. */
	readonly baseUrl: string;
	readonly port: number;
	readonly requests: RecordedRequest[];
	/** Signatures of requests that passed the whole signature check, in order. */
	readonly acceptedSignatures: string[];
	readonly issued: IssuedMessage[];
	/** Requests to one path, in arrival order. */
	requestsTo(path: string): RecordedRequest[];
	/** Resolves with the first recorded request matching `predicate` (already recorded ones count). */
	waitForRequest(predicate?: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
	failNext(fault: Fault, options?: FaultOptions): void;
	/** Shortcut: a `code` fault with the HTTP status rongcloud-api.md §3 documents. */
	failNextWithCode(code: RongCloudErrorCode, options?: FaultOptions & { errorMessage?: string }): void;
	/** Add an app or change one (e.g. toggle `broadcastEnabled`). */
	setApp(app: EmulatorApp): void;
	/**
	 * Forget requests (numbering restarts at 1), accepted signatures, used nonces, quota and
	 * rate counters, and pending faults. Issued messageUIDs are kept so a test can reset the quota and still recall.
	 */
	reset(): void;
	exportState(): EmulatorState;
	/** Stops listening and destroys open sockets (hung requests included). */
	close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/** Lower-case hex SHA1(appSecret + nonce + timestamp): the documented signature. */
export function computeSignature(appSecret: string, nonce: string, timestamp: string): string {
	return createHash('sha1').update(appSecret + nonce + timestamp).digest('hex');
}

/** Headers for a correctly signed call; handy for tests and scripts that hit the emulator directly. */
export function signedHeaders(
	appKey: string,
	appSecret: string,
	options: { nonce?: string; timestamp?: string | number } = {},
): Record<string, string> {
	const nonce = options.nonce ?? randomBytes(8).toString('hex');
	const timestamp = String(options.timestamp ?? Date.now());
	return {
		'App-Key': appKey,
		Nonce: nonce,
		Timestamp: timestamp,
		Signature: computeSignature(appSecret, nonce, timestamp),
	};
}

/** Thrown inside handlers; turned into `{code, errorMessage}` with the documented status. */
class Rejection {
	constructor(
		readonly code: number,
		readonly errorMessage: string,
		readonly httpStatus: number = (RONGCLOUD_ERROR_CODES as Record<number, ErrorCodeInfo>)[code]?.httpStatus ?? 400,
	) {}
}

interface Reply {
	status: number;
	body: Record<string, unknown>;
}

const ok = (extra: Record<string, unknown> = {}): Reply => ({ status: 200, body: { code: 200, ...extra } });

/** Length in characters (code points), which is how the docs count. */
const charLength = (value: string): number => Array.from(value).length;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

const MAX_LONG = 2n ** 63n - 1n;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * An absolute URL a client can load. `new URL` forgives `https:///x` (it reads host "x"), so
 * http(s) URLs must also show a host, without user info, right after "//".
 */
function isLoadableUrl(value: unknown, httpsOnly: boolean): boolean {
	if (typeof value !== 'string' || /\s/.test(value)) return false;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return false;
	}
	if (httpsOnly && url.protocol !== 'https:') return false;
	if (url.protocol === 'http:' || url.protocol === 'https:') return /^https?:\/\/[^/?#@]+/i.test(value);
	return value.length > url.protocol.length;
}

const CONTENT_CHECK_TEXT: Record<ContentFieldCheck, string> = {
	text: 'must be a string',
	positiveInteger: 'must be a whole number greater than 0',
	nonNegativeInteger: 'must be a whole number, 0 or more',
	latitude: 'must be a number from -90 to 90',
	longitude: 'must be a number from -180 to 180',
	base64: 'must be Base64 without a data: prefix',
	user: 'must be an object of string values',
};

function contentFieldPasses(check: ContentFieldCheck, value: unknown): boolean {
	switch (check) {
		case 'text':
			return typeof value === 'string';
		case 'positiveInteger':
			return Number.isInteger(value) && (value as number) > 0;
		case 'nonNegativeInteger':
			return Number.isInteger(value) && (value as number) >= 0;
		case 'latitude':
			return typeof value === 'number' && value >= -90 && value <= 90;
		case 'longitude':
			return typeof value === 'number' && value >= -180 && value <= 180;
		case 'base64':
			return typeof value === 'string' && BASE64.test(value);
		case 'user':
			return isPlainObject(value) && Object.values(value).every((entry) => typeof entry === 'string');
	}
}

const VENDOR_CHECK_TEXT: Record<VendorFieldCheck, string> = {
	text: 'must be a string',
	httpsImage: 'must be an https:// URL',
	url: 'must be an absolute URL',
	importance: 'must be NORMAL or LOW',
	classification: 'must be the string "0" or "1"',
	notifyLevel: 'must be the number 1, 2 or 16',
};

function vendorFieldPasses(check: VendorFieldCheck, value: unknown): boolean {
	switch (check) {
		case 'text':
			return typeof value === 'string';
		case 'httpsImage':
			return isLoadableUrl(value, true);
		case 'url':
			return isLoadableUrl(value, false);
		case 'importance':
			return value === 'NORMAL' || value === 'LOW';
		case 'classification':
			return value === '0' || value === '1';
		case 'notifyLevel':
			return value === 1 || value === 2 || value === 16;
	}
}

function contentTypeIs(headers: Record<string, string>, expected: string): boolean {
	const value = headers['content-type'];
	if (value === undefined) return false;
	return value.split(';')[0].trim().toLowerCase() === expected;
}

/** A 4x4 id shaped like real messageUIDs (e.g. `BVQK-8CSS-N3S5-U3ML`). */
function newMessageUid(): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
	const bytes = randomBytes(16);
	let out = '';
	for (let i = 0; i < 16; i++) {
		if (i > 0 && i % 4 === 0) out += '-';
		out += alphabet[bytes[i] % alphabet.length];
	}
	return out;
}

interface PendingFault {
	fault: Fault;
	path?: string;
	remaining: number;
	skip: number;
}

interface AppRuntime {
	/** nonce → time it was accepted. */
	nonces: Map<string, number>;
	quotaUsage: number[];
	disabledCalls: number[];
	onlineBroadcasts: number[];
	/** `path msgRandom` → time it was accepted (apps with idempotency). */
	msgRandoms: Map<string, number>;
}

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------------------
// The emulator
// ---------------------------------------------------------------------------------------

export async function startEmulator(options: EmulatorOptions = {}): Promise<RongCloudEmulator> {
	const now = options.now ?? Date.now;
	const dayOffsetMs = (options.dayOffsetMinutes ?? DEFAULT_DAY_OFFSET_MINUTES) * MINUTE;
	const apps = new Map<string, EmulatorApp>();
	const runtime = new Map<string, AppRuntime>();
	const requests: RecordedRequest[] = [];
	const acceptedSignatures: string[] = [];
	const issued: IssuedMessage[] = [...(options.initialState?.issued ?? [])];
	let faults: PendingFault[] = [];
	let seq = 0;
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	const waiters = new Set<{ predicate: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }>();

	const runtimeOf = (appKey: string): AppRuntime => {
		let state = runtime.get(appKey);
		if (!state) {
			state = { nonces: new Map(), quotaUsage: [], disabledCalls: [], onlineBroadcasts: [], msgRandoms: new Map() };
			runtime.set(appKey, state);
		}
		return state;
	};

	for (const app of options.initialState?.apps ?? []) apps.set(app.appKey, { ...app });
	for (const app of options.apps ?? (apps.size ? [] : [{ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET }])) {
		apps.set(app.appKey, { ...app });
	}
	for (const [appKey, usage] of Object.entries(options.initialState?.quotaUsage ?? {})) {
		runtimeOf(appKey).quotaUsage.push(...usage);
	}

	// -- authentication -----------------------------------------------------------------

	const header = (headers: Record<string, string>, name: string): string | undefined =>
		headers[name] ?? headers[`rc-${name}`];

	/** Whether the signature matches a known app; no clock or replay checks, no side effects. */
	function signatureMatches(headers: Record<string, string>): boolean {
		const appKey = header(headers, 'app-key');
		const nonce = header(headers, 'nonce');
		const timestamp = header(headers, 'timestamp');
		const signature = header(headers, 'signature');
		const app = appKey === undefined ? undefined : apps.get(appKey);
		if (!app || nonce === undefined || timestamp === undefined || signature === undefined) return false;
		return signature === computeSignature(app.appSecret, nonce, timestamp);
	}

	/** The full check the real server does; records the nonce on success (replay protection). */
	function authenticate(headers: Record<string, string>): EmulatorApp {
		const appKey = header(headers, 'app-key');
		const nonce = header(headers, 'nonce');
		const timestamp = header(headers, 'timestamp');
		const signature = header(headers, 'signature');
		if (appKey === undefined || appKey === '') throw new Rejection(1004, 'App-Key header is missing.');
		const app = apps.get(appKey);
		if (!app) throw new Rejection(1001, `Unknown App-Key: ${appKey}.`);
		if (nonce === undefined || nonce === '') throw new Rejection(1004, 'Nonce header is missing.');
		if (timestamp === undefined || timestamp === '') throw new Rejection(1004, 'Timestamp header is missing.');
		if (signature === undefined || signature === '') throw new Rejection(1004, 'Signature header is missing.');
		if (nonce.length > MAX_NONCE_LENGTH) {
			throw new Rejection(1004, `Nonce is longer than ${MAX_NONCE_LENGTH} characters.`);
		}
		if (!/^\d+$/.test(timestamp)) throw new Rejection(1004, 'Timestamp must be digits (ms or s since the epoch).');
		// 13+ digits are milliseconds, fewer are seconds: the server accepts both.
		const timestampMs = timestamp.length >= 13 ? Number(timestamp) : Number(timestamp) * 1000;
		const current = now();
		if (Math.abs(current - timestampMs) > TIMESTAMP_TOLERANCE_MS) {
			throw new Rejection(1004, 'Timestamp is too far from the server time.');
		}
		if (signature !== computeSignature(app.appSecret, nonce, timestamp)) {
			throw new Rejection(1004, 'Signature verification failed.');
		}
		const state = runtimeOf(appKey);
		// Nonces older than twice the window can no longer pass the timestamp check anyway.
		for (const [seen, at] of state.nonces) if (current - at > 2 * TIMESTAMP_TOLERANCE_MS) state.nonces.delete(seen);
		if (state.nonces.has(nonce)) throw new Rejection(1004, 'Nonce has already been used (replay).');
		state.nonces.set(nonce, current);
		acceptedSignatures.push(signature);
		return app;
	}

	// -- quota ------------------------------------------------------------------------

	const dayIndex = (ms: number): number => Math.floor((ms + dayOffsetMs) / DAY);

	/**
	 * Broadcast-family gate. Checked before parameter validation (a rate limiter sits in front
	 * of the handlers); only accepted calls are counted (see `consumeQuota`).
	 */
	function checkBroadcastService(app: EmulatorApp): void {
		const state = runtimeOf(app.appKey);
		const current = now();
		if (app.broadcastEnabled === false) {
			// The seed: without the service the API answers 1009, and continuous calls turn into 1008.
			state.disabledCalls = state.disabledCalls.filter((at) => current - at < MINUTE);
			const tooMany = state.disabledCalls.length >= SERVICE_DISABLED_CALLS_PER_MINUTE;
			state.disabledCalls.push(current);
			if (tooMany) throw new Rejection(1008, 'Too many requests: the broadcast service is not enabled.');
			throw new Rejection(1009, 'The broadcast service is not enabled for this app key.');
		}
		const lastHour = state.quotaUsage.filter((at) => current - at < HOUR).length;
		const today = state.quotaUsage.filter((at) => dayIndex(at) === dayIndex(current)).length;
		if (lastHour >= BROADCAST_QUOTA_PER_HOUR) {
			throw new Rejection(1008, `Rate limit: at most ${BROADCAST_QUOTA_PER_HOUR} calls per hour.`);
		}
		if (today >= BROADCAST_QUOTA_PER_DAY) {
			throw new Rejection(1008, `Rate limit: at most ${BROADCAST_QUOTA_PER_DAY} calls per day.`);
		}
	}

	const consumeQuota = (app: EmulatorApp): void => {
		runtimeOf(app.appKey).quotaUsage.push(now());
	};

	// -- parameter validation -------------------------------------------------------------

	function parseForm(record: RecordedRequest): Record<string, string> {
		if (!contentTypeIs(record.headers, 'application/x-www-form-urlencoded')) {
			throw new Rejection(1002, 'Content-Type must be application/x-www-form-urlencoded.');
		}
		if (record.rawBody === '') throw new Rejection(1003, 'No POST data.');
		if (record.duplicateFormKeys.length > 0) {
			throw new Rejection(1002, `Duplicate form field: ${record.duplicateFormKeys.join(', ')}.`);
		}
		return record.form ?? {};
	}

	function rejectUnknownFields(form: Record<string, string>, allowed: readonly string[]): void {
		const unknown = Object.keys(form).filter((key) => !allowed.includes(key));
		if (unknown.length > 0) throw new Rejection(1002, `Unknown parameter: ${unknown.join(', ')}.`);
	}

	function requireField(form: Record<string, string>, name: string): string {
		const value = form[name];
		if (value === undefined || value === '') throw new Rejection(1002, `${name} is required.`);
		return value;
	}

	function checkUserId(form: Record<string, string>, name: string): void {
		const value = requireField(form, name);
		if (charLength(value) > 64) throw new Rejection(1005, `${name} is longer than 64 characters.`);
	}

	function checkObjectName(value: string, name = 'objectName'): void {
		if (charLength(value) > 32) throw new Rejection(1005, `${name} is longer than 32 characters.`);
		if (value.startsWith('RC:') && !BUILT_IN_OBJECT_NAMES.includes(value)) {
			throw new Rejection(1002, `${name} ${value} is not a built-in type; custom types must not start with "RC:".`);
		}
	}

	function checkContent(value: string, objectName: string, name = 'content'): void {
		if (Buffer.byteLength(value, 'utf8') > MAX_CONTENT_BYTES) {
			throw new Rejection(1005, `${name} is larger than ${MAX_CONTENT_BYTES} bytes.`);
		}
		let parsed: unknown;
		try {
			parsed = JSON.parse(value);
		} catch {
			throw new Rejection(1002, `${name} is not valid JSON.`);
		}
		if (!isPlainObject(parsed)) throw new Rejection(1002, `${name} must be a JSON object.`);
		const fields = hasOwn(BUILT_IN_CONTENT, objectName) ? BUILT_IN_CONTENT[objectName] : undefined;
		if (!fields) return;
		for (const [key, field] of Object.entries(fields)) {
			const entry = hasOwn(parsed, key) ? parsed[key] : undefined;
			const blank = entry === undefined || entry === null || (typeof entry === 'string' && entry.trim() === '');
			if (blank && field.required) {
				throw new Rejection(1002, `${name}: ${objectName} needs "${key}"; clients cannot display the message without it.`);
			}
			if (entry === undefined) continue;
			if (!contentFieldPasses(field.check, entry)) {
				throw new Rejection(1002, `${name}: ${objectName} "${key}" ${CONTENT_CHECK_TEXT[field.check]}.`);
			}
		}
	}

	function checkMsgRandom(form: Record<string, string>): void {
		const value = form.msgRandom;
		if (value === undefined) return;
		if (!/^-?\d{1,19}$/.test(value) || BigInt(value) > MAX_LONG || BigInt(value) < -MAX_LONG - 1n) {
			throw new Rejection(1002, 'msgRandom must be a whole number (a Long).');
		}
	}

	/** With idempotency on, a msgRandom accepted within the last minute is refused; nothing is sent again. */
	function checkRepeatedMsgRandom(app: EmulatorApp, path: string, form: Record<string, string>): void {
		if (!app.idempotency || form.msgRandom === undefined) return;
		const state = runtimeOf(app.appKey);
		const current = now();
		for (const [key, at] of state.msgRandoms) if (current - at >= IDEMPOTENCY_WINDOW_MS) state.msgRandoms.delete(key);
		if (state.msgRandoms.has(`${path} ${form.msgRandom}`)) {
			throw new Rejection(1002, `msgRandom ${form.msgRandom} was already used within 1 minute; the message was not sent again.`);
		}
	}

	function rememberMsgRandom(app: EmulatorApp, path: string, form: Record<string, string>): void {
		if (app.idempotency && form.msgRandom !== undefined) runtimeOf(app.appKey).msgRandoms.set(`${path} ${form.msgRandom}`, now());
	}

	function checkEnum(form: Record<string, string>, name: string, allowed: readonly string[]): void {
		const value = form[name];
		if (value !== undefined && !allowed.includes(value)) {
			throw new Rejection(1002, `${name} must be one of ${allowed.join(', ')}.`);
		}
	}

	function checkPushExt(value: string): void {
		let parsed: unknown;
		try {
			parsed = JSON.parse(value);
		} catch {
			throw new Rejection(1002, 'pushExt is not valid JSON.');
		}
		if (!isPlainObject(parsed)) throw new Rejection(1002, 'pushExt must be a JSON object.');
		const { title, templateId, forceShowPushContent, pushConfigs } = parsed;
		if (title !== undefined) {
			if (typeof title !== 'string') throw new Rejection(1002, 'pushExt.title must be a string.');
			if (charLength(title) > 50) throw new Rejection(1005, 'pushExt.title is longer than 50 characters.');
		}
		if (templateId !== undefined && typeof templateId !== 'string') {
			throw new Rejection(1002, 'pushExt.templateId must be a string.');
		}
		if (forceShowPushContent !== undefined && ![0, 1, '0', '1'].includes(forceShowPushContent as number)) {
			throw new Rejection(1002, 'pushExt.forceShowPushContent must be 0 or 1.');
		}
		if (pushConfigs !== undefined) {
			if (!Array.isArray(pushConfigs)) throw new Rejection(1002, 'pushExt.pushConfigs must be an array.');
			pushConfigs.forEach((entry, index) => {
				const keys = isPlainObject(entry) ? Object.keys(entry) : [];
				if (keys.length !== 1) {
					throw new Rejection(1002, `pushExt.pushConfigs[${index}] must be an object with exactly one vendor key.`);
				}
				if (!PUSH_CONFIG_VENDORS.includes(keys[0])) {
					throw new Rejection(1002, `pushExt.pushConfigs[${index}]: unknown vendor ${keys[0]}.`);
				}
				checkVendorSettings(keys[0], (entry as Record<string, unknown>)[keys[0]], `pushExt.pushConfigs[${index}].${keys[0]}`);
			});
		}
	}

	/** One vendor's settings, in pushExt or in push.json's notification: known fields, each as the vendor reads it. */
	function checkVendorSettings(vendor: string, settings: unknown, path: string): void {
		if (!isPlainObject(settings)) throw new Rejection(1002, `${path} must be an object.`);
		const known = PUSH_EXT_VENDOR_FIELDS[vendor];
		for (const [field, value] of Object.entries(settings)) {
			const check = hasOwn(known, field) ? known[field] : undefined;
			if (!check) throw new Rejection(1002, `${path}: unknown field ${field}.`);
			if (!vendorFieldPasses(check, value)) throw new Rejection(1002, `${path}.${field} ${VENDOR_CHECK_TEXT[check]}.`);
		}
	}

	function checkStringMap(value: unknown, path: string): void {
		if (!isPlainObject(value) || Object.values(value).some((entry) => typeof entry !== 'string')) {
			throw new Rejection(1002, `${path} must be an object of string values.`);
		}
	}

	function rejectUnknownKeys(value: Record<string, unknown>, allowed: readonly string[], path: string): void {
		const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
		if (unknown.length > 0) throw new Rejection(1002, `${path}: unknown field ${unknown.join(', ')}.`);
	}

	/** push.json's notification, shaped as the Java SDK sends it (ios, android with vendor objects, harmonyOS). */
	function checkPushNotification(notification: Record<string, unknown>): void {
		rejectUnknownKeys(notification, ['alert', 'title', 'forceShowPushContent', 'ios', 'android', 'harmonyOS'], 'notification');
		if (notification.forceShowPushContent !== undefined && ![0, 1].includes(notification.forceShowPushContent as number)) {
			throw new Rejection(1002, 'notification.forceShowPushContent must be 0 or 1.');
		}
		for (const platform of ['ios', 'android'] as const) {
			const settings = notification[platform];
			if (settings === undefined) continue;
			const path = `notification.${platform}`;
			if (!isPlainObject(settings)) throw new Rejection(1002, `${path} must be an object.`);
			const vendorKeys = platform === 'android' ? Object.keys(PUSH_ANDROID_VENDORS) : [];
			rejectUnknownKeys(settings, [...PUSH_PLATFORM_KEYS, ...vendorKeys], path);
			if (settings.extras !== undefined) checkStringMap(settings.extras, `${path}.extras`);
			if (settings.richMediaUri !== undefined && !vendorFieldPasses('url', settings.richMediaUri)) {
				throw new Rejection(1002, `${path}.richMediaUri ${VENDOR_CHECK_TEXT.url}.`);
			}
			for (const key of vendorKeys) {
				if (settings[key] !== undefined) checkVendorSettings(PUSH_ANDROID_VENDORS[key], settings[key], `${path}.${key}`);
			}
		}
		const harmonyOS = notification.harmonyOS;
		if (harmonyOS !== undefined) {
			if (!isPlainObject(harmonyOS)) throw new Rejection(1002, 'notification.harmonyOS must be an object.');
			rejectUnknownKeys(harmonyOS, ['alert', 'extras', 'ohos'], 'notification.harmonyOS');
			if (harmonyOS.alert !== undefined && typeof harmonyOS.alert !== 'string') {
				throw new Rejection(1002, 'notification.harmonyOS.alert must be a string.');
			}
			if (harmonyOS.extras !== undefined) checkStringMap(harmonyOS.extras, 'notification.harmonyOS.extras');
			if (harmonyOS.ohos !== undefined) checkVendorSettings('OHOS', harmonyOS.ohos, 'notification.harmonyOS.ohos');
		}
	}

	function issue(app: EmulatorApp, path: string, uid: string): void {
		issued.push({ appKey: app.appKey, path, uid, sentAt: now() });
	}

	// -- endpoint handlers -----------------------------------------------------------

	const BROADCAST_FIELDS = [
		'fromUserId',
		'objectName',
		'content',
		'pushContent',
		'pushData',
		'os',
		'contentAvailable',
		'pushExt',
		'msgRandom',
		'disableUpdateLastMsg',
	] as const;

	function handleBroadcast(app: EmulatorApp, record: RecordedRequest): Reply {
		checkBroadcastService(app);
		const form = parseForm(record);
		rejectUnknownFields(form, BROADCAST_FIELDS);
		checkUserId(form, 'fromUserId');
		const objectName = requireField(form, 'objectName');
		checkObjectName(objectName);
		checkContent(requireField(form, 'content'), objectName);
		checkEnum(form, 'os', ['iOS', 'Android']);
		checkEnum(form, 'contentAvailable', ['0', '1']);
		checkEnum(form, 'disableUpdateLastMsg', ['true', 'false']);
		checkMsgRandom(form);
		if (form.pushExt !== undefined) checkPushExt(form.pushExt);
		checkRepeatedMsgRandom(app, PATHS.broadcast, form);
		rememberMsgRandom(app, PATHS.broadcast, form);
		consumeQuota(app);
		const messageUID = newMessageUid();
		issue(app, PATHS.broadcast, messageUID);
		return ok({ messageUID });
	}

	function handleOnlineBroadcast(app: EmulatorApp, record: RecordedRequest): Reply {
		const state = runtimeOf(app.appKey);
		const current = now();
		state.onlineBroadcasts = state.onlineBroadcasts.filter((at) => current - at < MINUTE);
		if (state.onlineBroadcasts.length >= ONLINE_BROADCAST_PER_MINUTE) {
			throw new Rejection(1008, `Rate limit: at most ${ONLINE_BROADCAST_PER_MINUTE} online broadcasts per minute.`);
		}
		const form = parseForm(record);
		rejectUnknownFields(form, ['fromUserId', 'objectName', 'content', 'msgRandom', 'disableUpdateLastMsg']);
		checkUserId(form, 'fromUserId');
		const objectName = requireField(form, 'objectName');
		checkObjectName(objectName);
		checkContent(requireField(form, 'content'), objectName);
		checkEnum(form, 'disableUpdateLastMsg', ['true', 'false']);
		checkMsgRandom(form);
		checkRepeatedMsgRandom(app, PATHS.onlineBroadcast, form);
		rememberMsgRandom(app, PATHS.onlineBroadcast, form);
		state.onlineBroadcasts.push(current);
		// Online broadcasts cannot be recalled, so the UID is not added to `issued`.
		return ok({ messageUID: newMessageUid() });
	}

	function handleRecall(app: EmulatorApp, record: RecordedRequest): Reply {
		checkBroadcastService(app);
		const form = parseForm(record);
		rejectUnknownFields(form, [
			'fromUserId',
			'messageUID',
			'sentTime',
			'isAdmin',
			'isDelete',
			'extra',
			'disableUpdateLastMsg',
		]);
		checkUserId(form, 'fromUserId');
		const messageUID = requireField(form, 'messageUID');
		if (form.sentTime !== undefined && !/^\d+$/.test(form.sentTime)) {
			throw new Rejection(1002, 'sentTime must be a time in milliseconds (digits).');
		}
		checkEnum(form, 'isAdmin', ['0', '1']);
		checkEnum(form, 'isDelete', ['0', '1']);
		checkEnum(form, 'disableUpdateLastMsg', ['true', 'false']);
		const message = issued.find((m) => m.uid === messageUID && m.appKey === app.appKey);
		if (!message) throw new Rejection(1002, `messageUID ${messageUID} is unknown.`);
		consumeQuota(app);
		message.recalled = true;
		return ok();
	}

	function handlePush(app: EmulatorApp, record: RecordedRequest): Reply {
		checkBroadcastService(app);
		if (!contentTypeIs(record.headers, 'application/json')) {
			throw new Rejection(1002, 'Content-Type must be application/json.');
		}
		if (record.rawBody === '') throw new Rejection(1003, 'No POST data.');
		if (record.json === undefined) throw new Rejection(1002, 'The body is not valid JSON.');
		const body = record.json;
		if (!isPlainObject(body)) throw new Rejection(1002, 'The body must be a JSON object.');
		const unknown = Object.keys(body).filter(
			(key) => !['platform', 'fromuserid', 'audience', 'message', 'notification'].includes(key),
		);
		if (unknown.length > 0) throw new Rejection(1002, `Unknown parameter: ${unknown.join(', ')}.`);

		const { platform, audience, notification, message, fromuserid } = body;
		if (
			!Array.isArray(platform) ||
			platform.length < 1 ||
			platform.length > 2 ||
			platform.some((p) => p !== 'ios' && p !== 'android') ||
			new Set(platform).size !== platform.length
		) {
			throw new Rejection(1002, 'platform must be an array of 1 to 2 distinct values out of "ios", "android".');
		}
		if (fromuserid !== undefined && (typeof fromuserid !== 'string' || fromuserid === '')) {
			throw new Rejection(1002, 'fromuserid must be a non-empty string.');
		}

		if (!isPlainObject(audience)) throw new Rejection(1002, 'audience is required and must be an object.');
		// `is_to_all: false` next to the selectors is what the SDKs send; only `true` selects everyone.
		if (audience.is_to_all !== undefined && typeof audience.is_to_all !== 'boolean') {
			throw new Rejection(1002, 'audience.is_to_all must be a boolean.');
		}
		const selectors = ['tag', 'tag_or', 'userid', 'packageName'].filter((key) => audience[key] !== undefined);
		if (audience.is_to_all === true && selectors.length > 0) {
			throw new Rejection(1002, `audience.is_to_all: true cannot be combined with ${selectors.join(', ')}.`);
		}
		if (audience.is_to_all !== true && selectors.length === 0) {
			throw new Rejection(1002, 'audience needs is_to_all: true or at least one of tag, tag_or, userid, packageName.');
		}
		// tag, tag_or and packageName narrow each other (AND); RongCloud lets userid override the rest, so a mix is a mistake.
		if (selectors.includes('userid') && selectors.length > 1) {
			throw new Rejection(1002, 'audience.userid cannot be combined with tag, tag_or or packageName.');
		}
		const limits: Record<string, number> = { tag: 20, tag_or: 20, userid: 1000 };
		for (const selector of selectors) {
			if (!(selector in limits)) continue;
			const list = audience[selector];
			if (!Array.isArray(list) || list.length === 0 || list.some((v) => typeof v !== 'string' || v === '')) {
				throw new Rejection(1002, `audience.${selector} must be a non-empty array of strings.`);
			}
			if (list.length > limits[selector]) {
				throw new Rejection(1005, `audience.${selector} has more than ${limits[selector]} entries.`);
			}
		}
		if (audience.packageName !== undefined && (typeof audience.packageName !== 'string' || audience.packageName === '')) {
			throw new Rejection(1002, 'audience.packageName must be a non-empty string.');
		}

		if (!isPlainObject(notification)) throw new Rejection(1002, 'notification is required and must be an object.');
		if (typeof notification.alert !== 'string' || notification.alert === '') {
			throw new Rejection(1002, 'notification.alert is required.');
		}
		if (notification.title !== undefined) {
			if (typeof notification.title !== 'string') throw new Rejection(1002, 'notification.title must be a string.');
			if (charLength(notification.title) > 50) {
				throw new Rejection(1005, 'notification.title is longer than 50 characters.');
			}
		}
		checkPushNotification(notification);

		if (message !== undefined) {
			if (!isPlainObject(message)) throw new Rejection(1002, 'message must be an object.');
			if (typeof message.objectName !== 'string' || message.objectName === '') {
				throw new Rejection(1002, 'message.objectName is required.');
			}
			checkObjectName(message.objectName, 'message.objectName');
			if (typeof message.content !== 'string' || message.content === '') {
				throw new Rejection(1002, 'message.content is required and must be a JSON string.');
			}
			checkContent(message.content, message.objectName, 'message.content');
			if (message.disableUpdateLastMsg !== undefined && typeof message.disableUpdateLastMsg !== 'boolean') {
				throw new Rejection(1002, 'message.disableUpdateLastMsg must be a boolean.');
			}
		}

		consumeQuota(app);
		const id = `push-${randomBytes(10).toString('hex')}`;
		issue(app, PATHS.push, id);
		return ok({ id });
	}

	function handleCheckOnline(_app: EmulatorApp, record: RecordedRequest): Reply {
		const form = parseForm(record);
		rejectUnknownFields(form, ['userId']);
		requireField(form, 'userId');
		return ok({ status: '0' });
	}

	const handlers: Record<string, (app: EmulatorApp, record: RecordedRequest) => Reply> = {
		[PATHS.broadcast]: handleBroadcast,
		[PATHS.onlineBroadcast]: handleOnlineBroadcast,
		[PATHS.recall]: handleRecall,
		[PATHS.push]: handlePush,
		[PATHS.checkOnline]: handleCheckOnline,
	};

	/** Route, authenticate, validate: the normal (fault-free) behaviour. */
	function processRequest(record: RecordedRequest): Reply {
		const handler = record.method === 'POST' ? handlers[record.path] : undefined;
		if (!handler) {
			return { status: 404, body: { code: 404, errorMessage: `Not found: ${record.method} ${record.path}` } };
		}
		try {
			const requestId = record.headers['x-request-id'];
			if (requestId !== undefined && requestId.length > MAX_REQUEST_ID_LENGTH) {
				throw new Rejection(1005, `X-Request-ID is longer than ${MAX_REQUEST_ID_LENGTH} characters.`);
			}
			return handler(authenticate(record.headers), record);
		} catch (error) {
			if (error instanceof Rejection) {
				return { status: error.httpStatus, body: { code: error.code, errorMessage: error.errorMessage } };
			}
			return { status: 500, body: { code: 1000, errorMessage: `Emulator bug: ${String(error)}` } };
		}
	}

	// -- HTTP plumbing ----------------------------------------------------------------

	function takeFault(path: string): Fault | undefined {
		const pending = faults.find((f) => f.path === undefined || f.path === path);
		if (!pending) return undefined;
		if (pending.skip > 0) {
			pending.skip -= 1;
			return undefined;
		}
		pending.remaining -= 1;
		if (pending.remaining <= 0) faults = faults.filter((f) => f !== pending);
		return pending.fault;
	}

	function finish(record: RecordedRequest): void {
		options.onRequest?.(record);
	}

	function send(
		res: http.ServerResponse,
		record: RecordedRequest,
		status: number,
		body: string,
		contentType: string,
		recordedBody: unknown,
	): void {
		const headers: Record<string, string> = { 'content-type': contentType };
		// Echo the trace id like the real gateway, so clients can correlate.
		const requestId = record.headers['x-request-id'];
		if (requestId !== undefined) headers['x-request-id'] = requestId;
		record.response = { status, headers, body: recordedBody };
		// Log first: once a client (maybe another process) has the answer, the record is out.
		finish(record);
		res.writeHead(status, headers);
		res.end(body);
	}

	function noteAbandonment(res: http.ServerResponse, record: RecordedRequest): void {
		res.on('close', () => {
			if (!res.writableFinished) record.abandonedByClientAt = now();
		});
	}

	/** Headers now, the processed answer's JSON one byte per tick; `endless` keeps ticking spaces after it. */
	function trickle(res: http.ServerResponse, record: RecordedRequest, intervalMs: number, endless: boolean): void {
		const reply = processRequest(record);
		const text = JSON.stringify(reply.body);
		record.response = { status: reply.status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: reply.body };
		finish(record);
		res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
		noteAbandonment(res, record);
		let at = 0;
		const timer = setInterval(() => {
			if (res.destroyed) {
				clearInterval(timer);
				timers.delete(timer);
				return;
			}
			if (at < text.length) res.write(text[at++]);
			else if (endless) res.write(' ');
			else {
				clearInterval(timer);
				timers.delete(timer);
				res.end();
			}
		}, intervalMs);
		timers.add(timer);
	}

	/** A 200 answer of `bytes` bytes in 64 KB chunks, written as fast as the client reads. */
	function sendLarge(res: http.ServerResponse, record: RecordedRequest, bytes: number, declareLength: boolean): void {
		processRequest(record);
		record.response = { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: `[${bytes} bytes]` };
		finish(record);
		res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...(declareLength ? { 'content-length': String(bytes) } : {}) });
		const chunk = Buffer.alloc(64 * 1024, 0x20);
		chunk.write('{"code":200,"padding":"');
		let left = bytes;
		const pump = (): void => {
			while (left > 0 && !res.destroyed) {
				const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
				left -= piece.length;
				if (!res.write(piece)) {
					res.once('drain', pump);
					return;
				}
			}
			if (!res.destroyed) res.end();
		};
		noteAbandonment(res, record);
		res.on('close', () => {
			left = 0;
		});
		pump();
	}

	const sendReply = (res: http.ServerResponse, record: RecordedRequest, reply: Reply): void =>
		send(res, record, reply.status, JSON.stringify(reply.body), 'application/json; charset=utf-8', reply.body);

	function record(req: http.IncomingMessage, rawBody: string): RecordedRequest {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(req.headers)) {
			if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
		}
		const entry: RecordedRequest = {
			seq: ++seq,
			receivedAt: now(),
			method: req.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers,
			rawBody,
			duplicateFormKeys: [],
			appKey: header(headers, 'app-key'),
			signatureValid: signatureMatches(headers),
		};
		if (contentTypeIs(headers, 'application/x-www-form-urlencoded')) {
			const form: Record<string, string> = {};
			for (const [key, value] of new URLSearchParams(rawBody)) {
				if (key in form && !entry.duplicateFormKeys.includes(key)) entry.duplicateFormKeys.push(key);
				form[key] = value;
			}
			entry.form = form;
		}
		if (contentTypeIs(headers, 'application/json')) {
			try {
				entry.json = JSON.parse(rawBody);
			} catch {
				// Left undefined: the handler reports invalid JSON.
			}
		}
		requests.push(entry);
		for (const waiter of waiters) {
			if (waiter.predicate(entry)) {
				waiters.delete(waiter);
				waiter.resolve(entry);
			}
		}
		return entry;
	}

	function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const entry = record(req, Buffer.concat(chunks).toString('utf8'));
			const fault = takeFault(entry.path);
			if (fault) entry.fault = fault.kind;
			switch (fault?.kind) {
				case undefined:
					return sendReply(res, entry, processRequest(entry));
				case 'code':
					return sendReply(res, entry, {
						status: fault.httpStatus,
						body: {
							code: fault.code,
							errorMessage:
								fault.errorMessage ??
								(RONGCLOUD_ERROR_CODES as Record<number, ErrorCodeInfo>)[fault.code]?.meaning ??
								'injected error',
						},
					});
				case 'html': {
					const page = `<html><head><title>${fault.httpStatus} Error</title></head><body><center><h1>${fault.httpStatus} Error</h1></center><hr><center>nginx</center></body></html>\n`;
					return send(res, entry, fault.httpStatus, page, 'text/html; charset=utf-8', page);
				}
				case 'text':
					return send(res, entry, fault.httpStatus, fault.body, 'text/plain; charset=utf-8', fault.body);
				case 'delay': {
					const timer = setTimeout(() => {
						timers.delete(timer);
						if (!res.destroyed) sendReply(res, entry, processRequest(entry));
					}, fault.ms);
					timers.add(timer);
					return;
				}
				case 'json':
					return send(res, entry, fault.httpStatus, JSON.stringify(fault.body), 'application/json; charset=utf-8', fault.body);
				case 'redirect': {
					entry.response = { status: fault.httpStatus, headers: { location: fault.location }, body: '' };
					finish(entry);
					res.writeHead(fault.httpStatus, { location: fault.location, 'content-length': '0' });
					res.end();
					return;
				}
				case 'trickle':
					return trickle(res, entry, fault.intervalMs, fault.endless === true);
				case 'large':
					return sendLarge(res, entry, fault.bytes, fault.declareLength === true);
				case 'echoHeaders': {
					// The signing headers first, as a proxy that logs "auth" headers would quote them.
					const signing = ['app-key', 'nonce', 'timestamp', 'signature'];
					const ordered = [...signing.filter((name) => name in entry.headers), ...Object.keys(entry.headers).filter((name) => !signing.includes(name))];
					const echoed = ordered.map((name) => `${name}: ${entry.headers[name]}`).join('\n');
					if (fault.as === 'json') {
						return sendReply(res, entry, { status: fault.httpStatus, body: { code: 1002, errorMessage: `Bad request. Headers received:\n${echoed}` } });
					}
					const page = `<html><body><h1>${fault.httpStatus} Bad Request</h1><pre>${echoed}</pre></body></html>\n`;
					return send(res, entry, fault.httpStatus, page, 'text/html; charset=utf-8', page);
				}
				case 'hang':
				case 'reset': {
					if (fault.afterProcessing) {
						const reply = processRequest(entry);
						entry.unsentResponse = {
							status: reply.status,
							headers: { 'content-type': 'application/json; charset=utf-8' },
							body: reply.body,
						};
					}
					if (fault.kind === 'reset') req.socket.destroy();
					finish(entry);
					return;
				}
			}
		});
	}

	const server = http.createServer(handle);
	// Node's default keep-alive timeout would keep close() waiting; sockets are tracked instead.
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;

	const emulator: RongCloudEmulator = {
		baseUrl: `http://127.0.0.1:${port}`,
		port,
		requests,
		acceptedSignatures,
		issued,
		requestsTo: (path) => requests.filter((r) => r.path === path),
		waitForRequest(predicate = () => true, timeoutMs = 5000) {
			const found = requests.find(predicate);
			if (found) return Promise.resolve(found);
			return new Promise((resolve, reject) => {
				const waiter = {
					predicate,
					resolve: (r: RecordedRequest) => {
						clearTimeout(timer);
						resolve(r);
					},
				};
				const timer = setTimeout(() => {
					waiters.delete(waiter);
					reject(new Error(`No matching request arrived within ${timeoutMs} ms`));
				}, timeoutMs);
				waiters.add(waiter);
			});
		},
		failNext(fault, faultOptions = {}) {
			faults.push({ fault, path: faultOptions.path, remaining: faultOptions.times ?? 1, skip: faultOptions.skip ?? 0 });
		},
		failNextWithCode(code, faultOptions = {}) {
			const { httpStatus, meaning } = RONGCLOUD_ERROR_CODES[code];
			emulator.failNext(
				{ kind: 'code', code, httpStatus, errorMessage: faultOptions.errorMessage ?? meaning },
				faultOptions,
			);
		},
		setApp(app) {
			apps.set(app.appKey, { ...app });
		},
		reset() {
			requests.length = 0;
			seq = 0;
			acceptedSignatures.length = 0;
			runtime.clear();
			faults = [];
		},
		exportState() {
			const quotaUsage: Record<string, number[]> = {};
			for (const [appKey, state] of runtime) quotaUsage[appKey] = [...state.quotaUsage];
			return {
				apps: [...apps.values()].map((app) => ({ ...app })),
				quotaUsage,
				issued: issued.map((m) => ({ ...m })),
			};
		},
		async close() {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	return emulator;
}
