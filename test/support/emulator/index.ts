/**
 * A RongCloud Server API emulator for tests, the e2e suite and the `npm start` sandbox.
 *
 * It answers on 127.0.0.1 with plain `node:http` (no dependencies) so that a node under test
 * can talk real HTTP to it: signing, form/JSON bodies, status codes and error bodies are
 * checked the way docs/rongcloud-server-api.md describes the real service. It is deliberately
 * strict: a request the real server might accept by luck should fail here, so bugs surface in
 * tests rather than in production.
 *
 * Every request that arrives is recorded (even rejected, hung or reset ones) so tests can
 * assert on exactly what the node sent.
 *
 * server.ts is the HTTP side and the handle; router.ts sends each path to its endpoint module
 * (broadcast, onlineBroadcast, recall, push, checkOnline) behind auth.ts; quota.ts, msgRandom.ts,
 * content.ts and pushExt.ts hold the rules the endpoints share; faults.ts the injected failures.
 */
export {
	BROADCAST_QUOTA_PER_DAY,
	BROADCAST_QUOTA_PER_HOUR,
	DEFAULT_APP_KEY,
	DEFAULT_APP_SECRET,
	DEFAULT_DAY_OFFSET_MINUTES,
	IDEMPOTENCY_WINDOW_MS,
	MAX_CONTENT_BYTES,
	MAX_NONCE_LENGTH,
	MAX_REQUEST_ID_LENGTH,
	ONLINE_BROADCAST_PER_MINUTE,
	PATHS,
	RONGCLOUD_ERROR_CODES,
	SERVICE_DISABLED_CALLS_PER_MINUTE,
	TIMESTAMP_TOLERANCE_MS,
	type ErrorCodeInfo,
	type RongCloudErrorCode,
} from './constants';
export {
	BUILT_IN_CONTENT,
	BUILT_IN_OBJECT_NAMES,
	OTHER_BUILT_IN_OBJECT_NAMES,
	type BuiltInContentField,
	type ContentFieldCheck,
} from './content';
export { PUSH_CONFIG_VENDORS, PUSH_EXT_VENDOR_FIELDS, type VendorFieldCheck } from './pushExt';
export { PUSH_ANDROID_VENDORS } from './push';
export { computeSignature, signedHeaders } from './auth';
export { startEmulator } from './server';
export type {
	EmulatorApp,
	EmulatorOptions,
	EmulatorState,
	Fault,
	FaultOptions,
	IssuedMessage,
	RecordedRequest,
	RecordedResponse,
	RongCloudEmulator,
} from './types';
