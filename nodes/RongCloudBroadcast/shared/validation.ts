import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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
import { labelOf } from './labels';
import { leavesAsWritten } from './message/jsonNumbers';
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
	objectNameKnown: { parameter: 'objectName', rule: 'unknown message type: must be one of the listed message types, Other Built-in Type, Custom, or a built-in name starting with "RC:"' },
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
	recipientsPerSecondRange: { parameter: 'options.recipientsPerSecond', rule: 'must be a whole number of at least 1' },
	selfReference: { parameter: '(parameter)', rule: 'must not refer to itself: its expression gave an object that contains itself, which cannot be sent as JSON' },
	groupEmpty: { parameter: '(group)', rule: 'was added but holds nothing: fill one of its fields or remove it (n8n empties a group given as a whole expression: give each field its own expression)' },
	notInV4: { parameter: '(parameter)', rule: "is not part of Nexconn's API v4 (the credential's API Version): leave it out, or use a credential whose API Version is RongCloud v1" },
} as const;

export type RuleId = keyof typeof VALIDATION_RULES;

/** Thrown by the builders; turned into a NodeOperationError with the item index by `asNodeError`. */
export class InvalidParameterError extends Error {
	/** The field as the editor labels it, where the builder knows it better than the parameter path says (a message type's field). */
	label?: string;
	/** The node parameter the value came from, where `parameter` is a path on the wire (content.content came from text). */
	field?: string;

	constructor(
		readonly ruleId: RuleId,
		readonly parameter: string,
		readonly detail?: string,
	) {
		super(`Invalid ${parameter}: ${VALIDATION_RULES[ruleId].rule}${detail ? ` (${detail})` : ''}`);
		this.name = 'InvalidParameterError';
	}
}

/** The operation an item error belongs to: its name, and its inputs to label the field by. */
export interface ErrorPlace {
	name: string;
	properties: INodeProperties[];
}

export function invalid(ruleId: RuleId, detail?: string, parameter: string = VALIDATION_RULES[ruleId].parameter): never {
	throw new InvalidParameterError(ruleId, parameter, detail);
}

export function ensure(condition: unknown, ruleId: RuleId, detail?: string, parameter?: string): asserts condition {
	if (!condition) invalid(ruleId, detail, parameter);
}

/**
 * A rule an item broke, in the editor's words: the field as it is labelled, the operation, the
 * parameter path in parentheses (what RongCloud and the docs call it), the rule, and, when the
 * value came from an expression that found nothing, that expression.
 */
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number, place?: ErrorPlace): Error {
	if (!(error instanceof InvalidParameterError)) return error as Error;
	const field = error.field ?? error.parameter;
	const label = error.label ?? labelOf(place?.properties ?? [], field) ?? field;
	const named = `${label}${place ? ` in ${place.name}` : ''} (${error.parameter})`;
	const { rule } = VALIDATION_RULES[error.ruleId];
	const detail = error.detail ? ` (${error.detail})` : '';
	return new NodeOperationError(ctx.getNode(), `Invalid ${named}: ${rule}${detail}${expressionFoundNothing(ctx, field, itemIndex)} [item ${itemIndex}]`, {
		itemIndex,
		description: `Nothing was sent for this item. Fix ${named} and run again.`,
	});
}

/** When the field's value came from an expression that gave nothing: say which, since that is what to fix. */
function expressionFoundNothing(ctx: IExecuteFunctions, field: string, itemIndex: number): string {
	try {
		const raw = ctx.getNodeParameter(field, itemIndex, undefined, { rawExpressions: true });
		if (typeof raw !== 'string' || !raw.startsWith('=') || !raw.includes('{{')) return '';
		const value = ctx.getNodeParameter(field, itemIndex, undefined);
		if (value !== undefined && value !== null && value !== '') return '';
		return `. Its expression ${raw.slice(1).trim().slice(0, 80)} found nothing for this item (such as a field the input item does not have)`;
	} catch {
		return '';
	}
}

/** A short, safe description of a wrong value for error messages. */
export function describeValue(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`.slice(0, 60);
}

/** With the u flag a surrogate pair is one code point, so only a half without its partner matches. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Characters as RongCloud counts them: Unicode code points (its servers count characters, not the
 * UTF-16 units of JavaScript's length), so an emoji is one character, not two.
 */
export function characterCount(text: string): number {
	return Array.from(text).length;
}

/** The first `count` characters, never half of one. */
export function firstCharacters(text: string, count: number): string {
	return Array.from(text).slice(0, count).join('');
}

/**
 * A number's digits are certain when a double holds every number with as many digits: whole
 * numbers within ±2^53 - 1, and decimals of up to 15 significant digits without an exponent.
 */
const MAX_CERTAIN_DIGITS = 15;

function digitsAreCertain(value: number): boolean {
	if (Number.isSafeInteger(value)) return true;
	const printed = String(value);
	return !/e/i.test(printed) && printed.replace(/^-?0*|\./g, '').replace(/^0+/, '').length <= MAX_CERTAIN_DIGITS;
}

/**
 * Text parameters: expressions may yield numbers (ids). The node cannot see how a number was
 * written, only the double n8n hands over, so a number leaves as its digits only when those are
 * certain to be the written ones; 1e21 would leave as "1e+21", 12345678901234567890 as
 * "12345678901234567000". Objects are never text.
 */
export function asText(value: unknown, parameter: string): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') {
		const lone = LONE_SURROGATE.exec(value);
		if (lone) invalid('textWellFormed', `at character ${characterCount(value.slice(0, lone.index)) + 1}`, parameter);
		return value;
	}
	if (typeof value === 'number' && Number.isFinite(value)) {
		if (digitsAreCertain(value)) return String(value);
		return invalid('fieldType', `expected text, got the number ${String(value)}, which may not be the number that was written (a double keeps about 16 digits and writes large or tiny numbers with an exponent); give it as text, such as "12345678901234567890"`, parameter);
	}
	return invalid('fieldType', `expected text, got ${describeValue(value)}`, parameter);
}

/** Number parameters: numeric strings from expressions are accepted, anything else is not. */
export function asNumber(value: unknown, parameter: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
		const written = value.trim();
		if (leavesAsWritten(written)) return Number(written);
		return invalid('fieldType', `expected a number, got the text "${written.slice(0, 40)}", which would leave as ${Number(written)}: a double keeps about 16 digits`, parameter);
	}
	return invalid('fieldType', `expected a number, got ${describeValue(value)}`, parameter);
}

export function asBoolean(value: unknown, parameter: string): boolean | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 1 || value === '1') return true;
	if (value === 'false' || value === 0 || value === '0') return false;
	return invalid('fieldType', `expected true or false, got ${describeValue(value)}`, parameter);
}

/**
 * A safety switch in an Options collection: off only when not added, or added as false. Once
 * added, only a boolean or the words true and false count (an expression such as
 * {{ $json.dryRun }} that finds no field gives undefined, which must not read as "off").
 */
export function asSwitch(options: Record<string, unknown>, name: string, parameter: string): boolean {
	if (!Object.hasOwn(options, name)) return false;
	const value = options[name];
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string' && /^\s*(true|false)\s*$/i.test(value)) return value.trim().toLowerCase() === 'true';
	return invalid('switchValue', `got ${value === undefined ? 'nothing (undefined)' : describeValue(value)}`, parameter);
}

/** A yes/no parameter as RongCloud's 1/0, undefined when not given. */
export function asFlag(value: unknown, parameter: string): 1 | 0 | undefined {
	const flag = asBoolean(value, parameter);
	return flag === undefined ? undefined : flag ? 1 : 0;
}

export function asObject(value: unknown, parameter: string): Record<string, unknown> {
	if (value === undefined || value === null || value === '') return {};
	if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
	return invalid('fieldType', `expected a group of fields, got ${describeValue(value)}`, parameter);
}

/** A JSON object given as text (a json editor) or as an object (an expression). */
export function asJsonObject(raw: unknown, ruleId: RuleId, parameter?: string): Record<string, unknown> {
	let value = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch (error) {
			invalid(ruleId, `not valid JSON: ${(error as Error).message}`, parameter);
		}
	}
	ensure(value !== null && typeof value === 'object' && !Array.isArray(value), ruleId,
		`got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`, parameter);
	return value as Record<string, unknown>;
}
