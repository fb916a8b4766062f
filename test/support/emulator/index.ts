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
 * It speaks both API generations, one app with one set of counters whichever calls: RongCloud's v1
 * form API (`code: 200`) and Nexconn's v4 JSON API (`code: 0`, `result`; errors `{code, errorMessage}`
 * with v1's numbers and HTTP statuses), as test/fixtures/nexconn-v4-contract.json and
 * test/fixtures/rongcloud-v1-system-publish.json record them.
 *
 * server.ts is the HTTP side and the handle; router.ts sends each path to its endpoint module behind
 * auth.ts (`HANDLED_PATHS` lists them): v1 broadcast, onlineBroadcast, recall, push, checkOnline; v4
 * v4Broadcast (broadcast-all, broadcast-online, broadcast/delete), v4Push, v4User; both generations'
 * messages to listed users in systemSend. quota.ts, recipientRate.ts, msgRandom.ts, content.ts and
 * pushExt.ts hold the rules the endpoints share; jsonModel.ts and v4Models.ts check JSON bodies field by
 * field; faults.ts the injected failures.
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
	MAX_SEND_RECIPIENTS,
	MAX_USER_ID_LENGTH,
	ONLINE_BROADCAST_PER_MINUTE,
	PATHS,
	RECIPIENT_WINDOW_MS,
	RECIPIENTS_PER_SECOND,
	RONGCLOUD_ERROR_CODES,
	SERVICE_DISABLED_CALLS_PER_MINUTE,
	TIMESTAMP_TOLERANCE_MS,
	V4_PATHS,
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
export type { ModelField } from './jsonModel';
export { HANDLED_PATHS } from './router';
export { startEmulator } from './server';
export { SYSTEM_PUBLISH_FIELDS } from './systemSend';
export { V4_ENDPOINT_MODELS, V4_RECALL_DOC_VARIANTS, V4_REQUEST_MODELS, type V4ModelName } from './v4Models';
export type {
	Delivery,
	EmulatorApp,
	EmulatorOptions,
	EmulatorState,
	Fault,
	FaultOptions,
	IssuedMessage,
	RecipientUsage,
	RecordedRequest,
	RecordedResponse,
	RongCloudEmulator,
} from './types';
