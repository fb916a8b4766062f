/**
 * The limits the node enforces, most of them RongCloud's (docs/rongcloud-server-api.md), each
 * defined once: the rules that enforce them, their texts and the editor's bounds read them here.
 */
export const MAX_USER_ID_LENGTH = 64;
export const MAX_OBJECT_NAME_LENGTH = 32;
export const MAX_CONTENT_BYTES = 128 * 1024;
/** Not RongCloud's: deeper content is surely a mistake, and checking it must not exhaust the stack. */
export const MAX_CONTENT_DEPTH = 100;
export const MAX_TITLE_LENGTH = 50;
export const MAX_TAGS = 20;
export const MAX_USER_IDS = 1000;
/**
 * Not RongCloud's: a list of Send to Users is split into requests of 100, sent at RongCloud's rate
 * (100 recipients a second), so this many take about 17 minutes; longer lists belong in batches.
 */
export const MAX_RECIPIENTS_PER_ITEM = 100_000;
export const MAX_BADGE = 9999;
export const LATITUDE_RANGE = 90;
export const LONGITUDE_RANGE = 180;
/** RC:ImgMsg's thumbnail, in characters of Base64: at most 10 KB, 5 KB recommended. */
export const MAX_IMAGE_THUMBNAIL_BASE64 = 10 * 1024;
export const RECOMMENDED_IMAGE_THUMBNAIL_BASE64 = 5 * 1024;
/** RC:HQVCMsg, in seconds. */
export const MAX_VOICE_DURATION_SECONDS = 60;

/**
 * RongCloud answers with a few hundred bytes of JSON. Reading more than this only costs memory
 * (a 64 MB answer cost 283 MB when read whole): whoever sends it is not RongCloud.
 */
export const MAX_ANSWER_BYTES = 64 * 1024;

export const DEFAULT_TIMEOUT_MS = 10000;
export const MAX_TIMEOUT_MS = 600000;

/** 13 digits: milliseconds since 1970 from 2001 to 2286. Fewer digits are almost surely seconds. */
export const MIN_SENT_TIME_MS = 1e12;
export const MAX_SENT_TIME_MS = 1e13 - 1;
