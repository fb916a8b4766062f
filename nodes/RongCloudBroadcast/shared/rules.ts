import {
	LATITUDE_RANGE,
	LONGITUDE_RANGE,
	MAX_BADGE,
	MAX_CONTENT_BYTES,
	MAX_CONTENT_DEPTH,
	MAX_OBJECT_NAME_LENGTH,
	MAX_RECIPIENTS_PER_ITEM,
	MAX_TAGS,
	MAX_TIMEOUT_MS,
	MAX_TITLE_LENGTH,
	MAX_USER_ID_LENGTH,
	MAX_USER_IDS,
	MAX_VOICE_DURATION_SECONDS,
} from './limits';
import { IMPORTANCE_VALUES, INTERRUPTION_LEVEL_VALUES, NOTIFY_LEVEL_VALUES } from './pushExt/vendors';

/** "a, b or c" */
function oneOf(values: ReadonlyArray<string | number>): string {
	return values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

/**
 * Every rule an item must pass before anything is sent. A broadcast reaches every user and the
 * quota is 3 a day, so bad input is stopped here, named by parameter and rule.
 * Tests walk this table: each rule has a case that breaks it and proves nothing was sent.
 */
export const VALIDATION_RULES = {
	fromUserIdRequired: { parameter: 'fromUserId', rule: 'is required' },
	fromUserIdLength: { parameter: 'fromUserId', rule: `must be at most ${MAX_USER_ID_LENGTH} characters` },
	customObjectNameRequired: { parameter: 'customObjectName', rule: 'is required when Message Type is Custom' },
	customObjectNameReserved: { parameter: 'customObjectName', rule: 'must not start with "RC:" (reserved for built-in types)' },
	customObjectNameLength: { parameter: 'customObjectName', rule: `must be at most ${MAX_OBJECT_NAME_LENGTH} characters` },
	builtInObjectNameRequired: { parameter: 'builtInObjectName', rule: 'is required when Message Type is Other Built-in Type' },
	builtInObjectNameFormat: { parameter: 'builtInObjectName', rule: 'must be "RC:" followed by the type name, without spaces, such as RC:ReferenceMsg' },
	builtInObjectNameLength: { parameter: 'builtInObjectName', rule: `must be at most ${MAX_OBJECT_NAME_LENGTH} characters` },
	objectNameKnown: { parameter: 'objectName', rule: 'unknown message type: must be one of the listed message types, Other Built-in Type, Custom, or a type name with a colon ("RC:..." for a built-in type, such as "App:Order" for your own)' },
	contentJsonObject: { parameter: 'content', rule: 'must be a JSON object, such as {"content":"hello"}' },
	contentPlainObject: { parameter: 'content', rule: 'must be a plain object, not a date or another object that turns itself into JSON (such as $now)' },
	contentDepth: { parameter: 'content', rule: `must be nested at most ${MAX_CONTENT_DEPTH} levels deep` },
	contentUrl: { parameter: 'content', rule: 'must be a well-formed URL: after http:// or https:// comes a host (no user info, no spaces)' },
	contentExactNumber: { parameter: 'content', rule: 'must hold only numbers that leave exactly as written (a number\'s exact decimal value must be the one JSON sends; whole numbers within ±9007199254740991 and decimals of up to 15 significant digits always are): write long IDs and exact decimals as text' },
	contentSize: { parameter: 'content', rule: `must be at most ${MAX_CONTENT_BYTES / 1024} KB (${MAX_CONTENT_BYTES} bytes) as sent` },
	contentRequiredField: { parameter: 'content', rule: 'must contain every field the message type needs to be displayed' },
	contentFieldType: { parameter: 'content', rule: 'must have the JSON type the message type defines for this field (text, a number, or for user an object of texts)' },
	contentPositiveWholeNumber: { parameter: 'content', rule: 'must be a whole number greater than 0' },
	contentWholeNumber: { parameter: 'content', rule: 'must be a whole number, 0 or more' },
	contentLatitude: { parameter: 'content', rule: `must be a latitude from -${LATITUDE_RANGE} to ${LATITUDE_RANGE}` },
	contentLongitude: { parameter: 'content', rule: `must be a longitude from -${LONGITUDE_RANGE} to ${LONGITUDE_RANGE}` },
	contentBase64: { parameter: 'content', rule: 'must be Base64 (A-Z, a-z, 0-9, +, / and = padding) without a data: prefix' },
	contentVoiceDuration: {
		parameter: 'content',
		rule: `must be at most ${MAX_VOICE_DURATION_SECONDS} seconds: RongCloud's voice messages (RC:HQVCMsg) last at most ${MAX_VOICE_DURATION_SECONDS} seconds; send longer audio as a file`,
	},
	fieldType: { parameter: '(field)', rule: 'has the wrong type' },
	textWellFormed: { parameter: '(text)', rule: 'must not contain a lone surrogate (half of an emoji or of another character beyond U+FFFF, often from text cut in the middle): it cannot be sent as UTF-8 and would arrive as \uFFFD' },
	osValue: { parameter: 'options.os', rule: 'must be iOS or Android (leave it out to push to both)' },
	pushDataType: { parameter: 'options.pushData', rule: 'must be a string or a JSON object' },
	switchValue: { parameter: '(switch)', rule: 'must be true or false (a boolean, or the word true or false): anything else, such as an expression that found no value, 0 or "yes", could send a broadcast by mistake' },
	timeoutRange: { parameter: 'options.timeout', rule: `must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS}` },
	msgRandomWholeNumber: { parameter: 'options.msgRandom', rule: `must be a whole number from -${Number.MAX_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER}` },
	msgRandomUnique: { parameter: 'options.msgRandom', rule: 'must differ between items that send different messages: RongCloud delivers only the first message of a key' },
	pushExtTitleLength: { parameter: 'pushExt.title', rule: `must be at most ${MAX_TITLE_LENGTH} characters` },
	imageUrlHttps: { parameter: 'pushExt.pushConfigs', rule: 'must be an https:// URL with a host, such as https://example.com/image.png (HW, HONOR and OHOS images)' },
	vendorUrlAbsolute: { parameter: 'pushExt.pushConfigs', rule: 'must be an absolute URL, such as https://example.com/icon.png or myapp://path' },
	hwCategoryUpperCase: { parameter: 'pushExt.pushConfigs.HW.category', rule: 'must be upper-case letters, such as IM' },
	importanceValue: { parameter: 'pushExt.pushConfigs.*.importance', rule: `must be ${oneOf(IMPORTANCE_VALUES)}` },
	oppoNotifyLevelValue: { parameter: 'pushExt.pushConfigs.OPPO.notify_level', rule: `must be ${oneOf(NOTIFY_LEVEL_VALUES)}` },
	oppoNotifyLevelNeedsCategory: { parameter: 'pushExt.pushConfigs.OPPO.notify_level', rule: 'needs OPPO category to be set' },
	vivoClassificationValue: { parameter: 'pushExt.pushConfigs.VIVO.classification', rule: 'must be 0 (operational) or 1 (system)' },
	vivoCategoryNeedsClassification: { parameter: 'pushExt.pushConfigs.VIVO.category', rule: 'needs VIVO classification to be set' },
	interruptionLevelValue: { parameter: 'pushExt.pushConfigs.APNs.interruptionLevel', rule: `must be ${oneOf(INTERRUPTION_LEVEL_VALUES)}` },
	messageUIDRequired: { parameter: 'messageUID', rule: 'is required: the messageUID that Send to All Users, or Push Notification with Send System Message, returned' },
	sentTimeMilliseconds: {
		parameter: 'sentTime',
		rule: 'must be a whole number of milliseconds since 1970, 0 or more: the message\'s dateTime from RongCloud\'s Message History Log (13 digits, such as 1585127132438), or 0 when unknown',
	},
	platformValue: { parameter: 'platform', rule: 'must be ios, android or both' },
	audienceValue: { parameter: 'audience', rule: 'must be all, tag, tag_or, userid or packageName' },
	listType: { parameter: '(list)', rule: 'must be comma-separated text or an array of texts' },
	tagsRequired: { parameter: 'tags', rule: 'needs at least one tag' },
	tagsCount: { parameter: 'tags', rule: `must hold at most ${MAX_TAGS} tags` },
	userIdsRequired: { parameter: 'userIds', rule: 'needs at least one user ID' },
	userIdsCount: { parameter: 'userIds', rule: `must hold at most ${MAX_USER_IDS} user IDs` },
	userIdsLength: { parameter: 'userIds', rule: `each user ID must be at most ${MAX_USER_ID_LENGTH} characters` },
	packageNameRequired: { parameter: 'packageName', rule: 'is required when Audience is App Package' },
	audienceFilterEmpty: { parameter: 'audienceFilters', rule: 'each added filter needs a value: an empty filter would widen the audience' },
	alertRequired: { parameter: 'alert', rule: 'is required unless both the iOS Alert and the Android Alert are given (Notification Options): the text of the notification' },
	notificationTitleLength: { parameter: 'notification.title', rule: `must be at most ${MAX_TITLE_LENGTH} characters` },
	badgeRange: { parameter: 'notification.iosBadge', rule: `must be a whole number up to ${MAX_BADGE} (0 or less clears the badge)` },
	extrasObject: { parameter: 'notification.iosExtras', rule: 'must be a JSON object whose values are text, numbers or booleans' },
	messageOptionNeedsMessage: { parameter: 'options.disableUpdateLastMsg', rule: 'applies only when Send System Message is on' },
	toUserIdsRequired: { parameter: 'toUserIds', rule: 'needs at least one user ID' },
	toUserIdsCount: { parameter: 'toUserIds', rule: `must hold at most ${MAX_RECIPIENTS_PER_ITEM} user IDs per item (split longer lists across items)` },
	toUserIdsLength: { parameter: 'toUserIds', rule: `each user ID must be at most ${MAX_USER_ID_LENGTH} characters` },
	toUserIdsEntryEmpty: {
		parameter: 'toUserIds',
		rule: 'each entry of a list from an expression must be a user ID, not null or empty text: such an entry is usually a user whose ID the expression did not find, who would get nothing',
	},
	recipientsPerSecondRange: { parameter: 'options.recipientsPerSecond', rule: 'must be a whole number of at least 1' },
	selfReference: { parameter: '(parameter)', rule: 'must not refer to itself: its expression gave an object that contains itself, which cannot be sent as JSON' },
	groupEmpty: { parameter: '(group)', rule: 'was added but holds nothing: fill one of its fields or remove it (n8n empties a group given as a whole expression: give each field its own expression)' },
	notInV4: { parameter: '(parameter)', rule: "is not part of Nexconn's API v4 (the credential's API Version): leave it out, or use a credential whose API Version is RongCloud v1" },
} as const;

export type RuleId = keyof typeof VALIDATION_RULES;
