/** The emulator's public types: apps, options, recorded requests, faults and the handle. */
import type { RongCloudErrorCode } from './constants';

export interface EmulatorApp {
	appKey: string;
	appSecret: string;
	/**
	 * `false` makes the broadcast family answer 430/1009: v1 broadcast.json, recall.json, push.json;
	 * v4 broadcast-all, broadcast-online, broadcast/delete and both pushes. Default true.
	 */
	broadcastEnabled?: boolean;
	/**
	 * RongCloud enables idempotency per app on request. When true, a msgRandom repeated within one
	 * minute on the same endpoint is refused (400/1002, a message naming msgRandom) and nothing is sent.
	 */
	idempotency?: boolean;
	/**
	 * Where v4's broadcast-all and broadcast-online put the id: `result.messageId` (the contract and SDK
	 * models, default) or `result.messageUID` (the docs pages' variant), so a client's reading of both can be tested.
	 */
	v4IdName?: 'messageId' | 'messageUID';
	/** Recipients per second of the messages to listed users (publish.json, v4 message/send). Default 100, as documented. */
	recipientsPerSecond?: number;
}

/** One recipient's copy of a message to listed users: what a test counts to prove "exactly once". */
export interface Delivery {
	appKey: string;
	/** publish.json or v4's message/send. */
	path: string;
	/** `seq` of the request that delivered it. */
	requestSeq: number;
	userId: string;
	/** The id answered for this recipient (`messageUID` on v1, `messageId` on v4). */
	messageId: string;
	fromUserId: string;
	/** `objectName` on v1, `messageType` on v4. */
	messageType: string;
	content: string;
	/** Arrival time of the request. */
	at: number;
}

/** Recipients accepted by one request, at its arrival time: the recipient rate's window. */
export interface RecipientUsage {
	at: number;
	count: number;
}

/** A message this emulator issued; recall (v1 recall.json, v4 broadcast/delete) only accepts these, from either generation. */
export interface IssuedMessage {
	appKey: string;
	path: string;
	/** The id a broadcast to all users answered, or a push for the system message it carried (v1 messageUID, v4 messageId). */
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
	/** appKey → recent accepted messages to listed users, counted by recipients. */
	recipientUsage?: Record<string, RecipientUsage[]>;
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
	/**
	 * The `npm start` sandbox's: words appended to the errorMessage of every 1008 answer (quotas and
	 * rates), so a person who meets the limit reads how to go on. Given the base URL once listening.
	 */
	rateLimitNote?: (baseUrl: string) => string;
	/**
	 * Paths answered before anything else, by any method, with the JSON the function returns:
	 * unsigned, unrecorded, not RongCloud's (the sandbox's quota reset).
	 */
	controls?: Record<string, (emulator: RongCloudEmulator) => Record<string, unknown>>;
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
	/** Every value of each form key, in order: where an endpoint takes a field repeated (toUserId). */
	formValues?: Record<string, string[]>;
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
	| { kind: 'echoHeaders'; httpStatus: number; as: 'json' | 'html' }
	/**
	 * Put the request's Signature where a value of the answer belongs: a success whose messageUID
	 * (or push id; on a v4 path `result.messageId` or `result.id`) is the signature, or a 307 to a host named after it.
	 */
	| { kind: 'echoSignature'; as: 'messageUID' | 'id' | 'redirectHost' }
	/**
	 * Whatever a hostile server makes of the request: `answer` sees it (headers, body) and returns
	 * the status, headers and bytes to send. The request is not processed (nothing delivered).
	 */
	| { kind: 'custom'; answer: (request: RecordedRequest) => CustomAnswer };

export interface CustomAnswer {
	status: number;
	headers?: Record<string, string>;
	body: string | Buffer;
}

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
	/** Every recipient's copy of every message to listed users, in order; `reset()` clears it. */
	readonly deliveries: Delivery[];
	/** Requests to one path, in arrival order. */
	requestsTo(path: string): RecordedRequest[];
	/** Resolves with the first recorded request matching `predicate` (already recorded ones count). */
	waitForRequest(predicate?: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
	failNext(fault: Fault, options?: FaultOptions): void;
	/** Shortcut: a `code` fault with the HTTP status docs/rongcloud-server-api.md#error-codes documents. */
	failNextWithCode(code: RongCloudErrorCode, options?: FaultOptions & { errorMessage?: string }): void;
	/** Add an app or change one (e.g. toggle `broadcastEnabled`). */
	setApp(app: EmulatorApp): void;
	/**
	 * Forget requests (numbering restarts at 1), accepted signatures, used nonces, quota and
	 * rate counters, deliveries and pending faults. Issued messageUIDs are kept so a test can reset the quota and still recall.
	 */
	reset(): void;
	/**
	 * Forget the quota and rate counters of every app, as if the hour (and the day) had passed;
	 * requests, issued messages and deliveries stay. Returns how many quota calls were forgotten.
	 */
	forgetQuota(): number;
	exportState(): EmulatorState;
	/** Stops listening and destroys open sockets (hung requests included). */
	close(): Promise<void>;
}
