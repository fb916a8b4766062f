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
/**
 * RC:ImgMsg's thumbnail, in characters of Base64, as each of RongCloud's sources advises it
 * (docs/rongcloud-server-api.md#where-the-sources-differ). They differ, so none is enforced:
 * a larger thumbnail is sent with a warning; the whole content's 128 KB still applies.
 */
const IMAGE_THUMBNAIL_ADVICE = [
	{ maxBase64: 10 * 1024, source: 'Go SDK v4, 5 KB recommended' },
	{ maxBase64: 30 * 1024, source: 'Java SDK' },
	{ maxBase64: 80 * 1024, source: 'help centre and Web SDK' },
];
/** The smallest of those limits: above it, some source advises against the thumbnail. */
export const IMAGE_THUMBNAIL_WARNING_BASE64 = Math.min(...IMAGE_THUMBNAIL_ADVICE.map(({ maxBase64 }) => maxBase64));
const thumbnailLimits = IMAGE_THUMBNAIL_ADVICE.map(({ maxBase64, source }) => `${maxBase64 / 1024} KB (${source})`);
/** "at most 10 KB (Go SDK v4, 5 KB recommended), 30 KB (Java SDK) or 80 KB (help centre and Web SDK)" */
export const IMAGE_THUMBNAIL_ADVICE_WORDS = `at most ${thumbnailLimits.slice(0, -1).join(', ')} or ${thumbnailLimits[thumbnailLimits.length - 1]}`;
/** RC:HQVCMsg, in seconds. */
export const MAX_VOICE_DURATION_SECONDS = 60;

/**
 * RongCloud answers with a few hundred bytes of JSON. Reading more than this only costs memory
 * (a 64 MB answer cost 283 MB when read whole): whoever sends it is not RongCloud.
 */
export const MAX_ANSWER_BYTES = 64 * 1024;

export const DEFAULT_TIMEOUT_MS = 10000;
export const MAX_TIMEOUT_MS = 600000;

/**
 * Recall's sentTime, RongCloud's dateTime of the message in milliseconds: 13 digits from 2001 to
 * 2286. Fewer digits are almost surely seconds. No source refuses another length: it is warned about.
 */
export const SENT_TIME_DIGITS = 13;
