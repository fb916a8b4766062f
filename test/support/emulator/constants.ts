/** The emulator's fixed numbers: default app, documented limits and quotas, error codes, paths. */

export const DEFAULT_APP_KEY = 'test-app-key';
export const DEFAULT_APP_SECRET = 'test-app-secret';

/** Largest accepted `Nonce` (docs/rongcloud-server-api.md#signing). */
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

/** The broadcast family's shared quota (docs/rongcloud-server-api.md#the-endpoints). */
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

/** Body code → documented HTTP status (docs/rongcloud-server-api.md#error-codes). */
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

/** Time within which an app with idempotency enabled refuses a repeated msgRandom. */
export const IDEMPOTENCY_WINDOW_MS = 60 * 1000;

/** v1, the form API (code 200). */
export const PATHS = {
	broadcast: '/message/broadcast.json',
	onlineBroadcast: '/message/online/broadcast.json',
	recall: '/message/broadcast/recall.json',
	push: '/push.json',
	checkOnline: '/user/checkOnline.json',
	systemPublish: '/message/system/publish.json',
} as const;

/** v4, Nexconn's JSON API (code 0), per test/fixtures/nexconn-v4-contract.json. */
export const V4_PATHS = {
	broadcastAll: '/v4/system-channel/message/broadcast-all',
	broadcastOnline: '/v4/system-channel/message/broadcast-online',
	recall: '/v4/system-channel/message/broadcast/delete',
	send: '/v4/system-channel/message/send',
	taggedPush: '/v4/system-channel/tagged-users/send',
	packagePush: '/v4/system-channel/app-package-users/send',
	connectionStatus: '/v4/user/connection-status/get',
	userGet: '/v4/user/get',
} as const;

/** Whether a path is v4's: the generation decides the Timestamp unit and the shape of injected successes. */
export const isV4Path = (path: string): boolean => path.startsWith('/v4/');

/** Recipients of one system message to listed users (publish.json's toUserId, v4's toUserIds). */
export const MAX_SEND_RECIPIENTS = 100;
/** The documented rate of messages to listed users, counted by recipients; apps can have it raised (`recipientsPerSecond`). */
export const RECIPIENTS_PER_SECOND = 100;
/** The window the recipient rate is counted over, by arrival time. */
export const RECIPIENT_WINDOW_MS = 1000;
/** Longest user id RongCloud's Java SDK lets through (its verify.json). */
export const MAX_USER_ID_LENGTH = 64;

export const MINUTE = 60 * 1000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
