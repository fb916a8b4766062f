import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	LATITUDE_RANGE,
	LONGITUDE_RANGE,
	MAX_CONTENT_BYTES,
	MAX_CONTENT_DEPTH,
	MAX_IMAGE_THUMBNAIL_BASE64,
	MAX_OBJECT_NAME_LENGTH,
	MAX_USER_ID_LENGTH,
	MAX_VOICE_DURATION_SECONDS,
} from '../limits';
import { isValidUrl } from '../urls';
import { asNumber, asObject, asText, characterCount, describeValue, ensure, invalid, type RuleId } from '../validation';
import { firstInexactNumber } from './jsonNumbers';
import {
	BUILT_IN_PREFIX,
	builtInType,
	CUSTOM_OBJECT_NAME,
	OTHER_BUILT_IN_OBJECT_NAME,
	USER_KEYS,
	type ContentField,
	type ContentRule,
	type MessageType,
} from './types';

interface MessageInput {
	fromUserId: string;
	objectName: string;
	/** The content JSON string exactly as it goes on the wire. */
	content: string;
}

/** The sender's user ID, trimmed and checked: of a message, or of the broadcast to recall. */
export function readFromUserId(ctx: IExecuteFunctions, itemIndex: number): string {
	const fromUserId = asText(ctx.getNodeParameter('fromUserId', itemIndex, ''), 'fromUserId').trim();
	ensure(fromUserId.length > 0, 'fromUserIdRequired');
	const length = characterCount(fromUserId);
	ensure(length <= MAX_USER_ID_LENGTH, 'fromUserIdLength', `got ${length} characters`);
	return fromUserId;
}

/** fromUserId, objectName and content of one item, as every message-sending operation reads them. */
export function readMessage(ctx: IExecuteFunctions, itemIndex: number): MessageInput {
	const read = (name: string, fallback: unknown = '') => ctx.getNodeParameter(name, itemIndex, fallback);
	const fromUserId = readFromUserId(ctx, itemIndex);

	const { objectName, jsonOnly } = resolveObjectName(read('objectName', 'RC:TxtMsg'), read);
	const content = jsonOnly || read('contentMode', 'fields') === 'json'
		? contentFromJson(objectName, readContentParameter(ctx, itemIndex))
		: contentFromFields(objectName, (parameter) => read(parameter, undefined));
	return { fromUserId, objectName, content };
}

/** n8n walks an expression's result recursively; content nested deeper than the stack gets the content rule, not a RangeError. */
function readContentParameter(ctx: IExecuteFunctions, itemIndex: number): unknown {
	try {
		return ctx.getNodeParameter('content', itemIndex, null);
	} catch (error) {
		if (error instanceof RangeError) invalid('contentDepth', 'got a value too deeply nested to read');
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
	}
}

interface ResolvedObjectName {
	/** The objectName as it goes on the wire. */
	objectName: string;
	/** Custom and other built-in types have no typed fields: their content is always given as JSON. */
	jsonOnly: boolean;
}

/**
 * The objectName parameter (and the name parameter its choice needs) as the wire value. An
 * `RC:` name the list does not have, from an expression, is an other built-in type.
 */
function resolveObjectName(selected: unknown, read: (parameter: string) => unknown): ResolvedObjectName {
	const value = asText(selected, 'objectName');
	if (builtInType(value)) return { objectName: value, jsonOnly: false };
	if (value === CUSTOM_OBJECT_NAME) return { objectName: checkedCustomName(read('customObjectName')), jsonOnly: true };
	if (value === OTHER_BUILT_IN_OBJECT_NAME) {
		const builtIn = asText(read('builtInObjectName'), 'builtInObjectName').trim();
		ensure(builtIn.length > 0, 'builtInObjectNameRequired');
		return { objectName: checkedBuiltInName(builtIn, 'builtInObjectName'), jsonOnly: true };
	}
	ensure(value.startsWith(BUILT_IN_PREFIX), 'objectNameKnown', `got "${value.slice(0, 40)}"`);
	return { objectName: checkedBuiltInName(value, 'objectName'), jsonOnly: true };
}

function checkedCustomName(raw: unknown): string {
	const custom = asText(raw, 'customObjectName').trim();
	ensure(custom.length > 0, 'customObjectNameRequired');
	ensure(!custom.toUpperCase().startsWith(BUILT_IN_PREFIX), 'customObjectNameReserved', `got "${custom}"`);
	const length = characterCount(custom);
	ensure(length <= MAX_OBJECT_NAME_LENGTH, 'customObjectNameLength', `got ${length} characters`);
	return custom;
}

function checkedBuiltInName(builtIn: string, parameter: string): string {
	ensure(/^RC:\S+$/.test(builtIn), 'builtInObjectNameFormat', `got "${builtIn.slice(0, 40)}"`, parameter);
	const length = characterCount(builtIn);
	ensure(length <= MAX_OBJECT_NAME_LENGTH, 'builtInObjectNameLength', `got ${length} characters`, parameter);
	return builtIn;
}

/** The content form field from the typed fields of a listed type; `read` returns a parameter's value. */
function contentFromFields(objectName: string, read: (parameter: string) => unknown): string {
	const type = builtInType(objectName);
	if (!type) return invalid('objectNameKnown', `got "${objectName}"`);
	const content: Record<string, unknown> = {};
	for (const field of type.fields) {
		const raw = read(field.parameter);
		if (field.type === 'user') {
			const userInfo = asObject(raw, field.parameter);
			const picked: Record<string, string> = {};
			for (const key of USER_KEYS) {
				const value = asText(userInfo[key], `${field.parameter}.${key}`);
				if (value !== '') picked[key] = value;
			}
			if (Object.keys(picked).length) content[field.key] = picked;
			continue;
		}
		const value = field.type === 'number' ? asNumber(raw, field.parameter) : asText(raw, field.parameter);
		if (value === undefined || value === '') continue;
		content[field.key] = value;
	}
	fillBlanks(type, content);
	checkBuiltInContent(objectName, type, content, 'fields');
	return serializeContent(content);
}

/**
 * The content form field from a whole content object: JSON text from the editor, or an object from
 * an expression. What is checked is the JSON text that will be sent, parsed back, so an object
 * that would turn into something else on the way (a date, $now, anything with toJSON) is refused.
 */
function contentFromJson(objectName: string, raw: unknown): string {
	const content = parseContentObject(jsonTextOf(raw));
	const type = builtInType(objectName);
	if (type) {
		fillBlanks(type, content);
		checkBuiltInContent(objectName, type, content, 'json');
	}
	return serializeContent(content);
}

/** Fields a client reads even when empty get the value RongCloud's SDK sends for nothing. */
function fillBlanks(type: MessageType, content: Record<string, unknown>): void {
	for (const field of type.fields) {
		if (field.whenBlank !== undefined && !Object.hasOwn(content, field.key)) content[field.key] = field.whenBlank;
	}
}

// What is checked before content leaves: the JSON text as sent, and per type what a client needs.

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** What an object is, for an error message: its class, or that it has its own toJSON. */
function describeObjectKind(value: object): string {
	const className = (value as { constructor?: { name?: unknown } }).constructor?.name;
	if (className === 'DateTime') return 'a Luxon DateTime (such as $now or $today)';
	if (value instanceof Date || className === 'Date') return 'a Date';
	if (typeof className === 'string' && className !== '' && className !== 'Object') return `an object of class ${className}`;
	return 'an object with a toJSON method';
}

/** A plain object: made by a literal or JSON.parse (in any realm), without its own way into JSON. */
function isPlainObject(value: object): boolean {
	const prototype: unknown = Object.getPrototypeOf(value);
	const plainPrototype = prototype === null || Object.getPrototypeOf(prototype) === null;
	return plainPrototype && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

function jsonTextOf(raw: unknown): string {
	if (typeof raw === 'string') {
		ensure(raw.trim() !== '', 'contentJsonObject', 'it is empty');
		return raw;
	}
	if (raw === undefined || raw === null) return invalid('contentJsonObject', 'got nothing');
	if (typeof raw !== 'object' || Array.isArray(raw)) return invalid('contentJsonObject', `got ${describeValue(raw)}`);
	if (!isPlainObject(raw)) return invalid('contentPlainObject', `got ${describeObjectKind(raw)}`);
	try {
		return JSON.stringify(raw);
	} catch (error) {
		if (error instanceof RangeError) return invalid('contentDepth', 'got an object too deeply nested to turn into JSON');
		return invalid('contentJsonObject', `it cannot be turned into JSON: ${(error as Error).message.split('\n')[0]}`);
	}
}

function parseContentObject(text: string): Record<string, unknown> {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		return invalid('contentJsonObject', `not valid JSON: ${(error as Error).message}`);
	}
	ensure(value !== null && typeof value === 'object' && !Array.isArray(value), 'contentJsonObject',
		`got ${describeValue(value)}`);
	checkContentDepth(value);
	const inexact = firstInexactNumber(text);
	if (inexact !== undefined) invalid('contentExactNumber', `got ${inexact.slice(0, 40)}, which would leave as ${JSON.stringify(Number(inexact))}`);
	return value as Record<string, unknown>;
}

/** Without recursion: JSON text can nest far deeper than the call stack allows. */
function checkContentDepth(root: object): void {
	const pending: Array<[object, number]> = [[root, 1]];
	while (pending.length > 0) {
		const [value, depth] = pending.pop() as [object, number];
		ensure(depth <= MAX_CONTENT_DEPTH, 'contentDepth', `got more than ${MAX_CONTENT_DEPTH} levels`);
		for (const child of Object.values(value)) {
			if (child !== null && typeof child === 'object') pending.push([child as object, depth + 1]);
		}
	}
}

interface RuleCheck {
	ruleId: RuleId;
	passes: (value: unknown) => boolean;
	/** What the value was, where its text would not help (a 10 KB thumbnail). */
	got?: (value: unknown) => string;
}

const RULE_CHECKS: Record<ContentRule, RuleCheck> = {
	positiveWholeNumber: { ruleId: 'contentPositiveWholeNumber', passes: (value) => Number.isSafeInteger(value) && (value as number) > 0 },
	wholeNumber: { ruleId: 'contentWholeNumber', passes: (value) => Number.isSafeInteger(value) && (value as number) >= 0 },
	latitude: { ruleId: 'contentLatitude', passes: (value) => Math.abs(value as number) <= LATITUDE_RANGE },
	longitude: { ruleId: 'contentLongitude', passes: (value) => Math.abs(value as number) <= LONGITUDE_RANGE },
	base64: { ruleId: 'contentBase64', passes: (value) => value === '' || BASE64.test(value as string) },
	// Other schemes and relative paths are the app's business; a broken http(s) URL never loads.
	url: { ruleId: 'contentUrl', passes: (value) => !/^\s*https?:/i.test(value as string) || isValidUrl((value as string).trim()) },
	imageThumbnailSize: {
		ruleId: 'contentImageThumbnailSize',
		passes: (value) => (value as string).length <= MAX_IMAGE_THUMBNAIL_BASE64,
		got: (value) => `${(value as string).length} characters`,
	},
	voiceDuration: { ruleId: 'contentVoiceDuration', passes: (value) => (value as number) <= MAX_VOICE_DURATION_SECONDS },
};

function hasJsonType(field: ContentField, value: unknown): boolean {
	switch (field.type) {
		case 'string':
			return typeof value === 'string';
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'user':
			return value !== null && typeof value === 'object' && !Array.isArray(value) &&
				Object.values(value).every((entry) => typeof entry === 'string');
	}
}

/**
 * The fields a client needs are present, every known field has its JSON type, and numbers and
 * thumbnails pass their rule. Errors name the type, the key and (in fields mode) the parameter.
 */
function checkBuiltInContent(objectName: string, type: MessageType, content: Record<string, unknown>, mode: 'fields' | 'json'): void {
	for (const field of type.fields) {
		const path = `content.${field.key}`;
		const source = mode === 'fields' ? `parameter ${field.parameter}` : 'in the content JSON';
		const value = Object.hasOwn(content, field.key) ? content[field.key] : undefined;
		const blank = value === undefined || (field.required && (value === null || (typeof value === 'string' && value.trim() === '')));
		if (blank) {
			ensure(!field.required, 'contentRequiredField', `${objectName} needs "${field.key}" (${source})${field.why ? `: ${field.why}` : ''}`, path);
			continue;
		}
		const got = (described: string) => `${objectName} "${field.key}" got ${described} (${source})`;
		ensure(hasJsonType(field, value), 'contentFieldType', got(describeValue(value)), path);
		for (const rule of field.rules ?? []) {
			const check = RULE_CHECKS[rule];
			if (check.passes(value)) continue;
			const dataPrefix = rule === 'base64' && /^data:/i.test(value as string);
			invalid(
				check.ruleId,
				dataPrefix
					? `${objectName} "${field.key}" starts with "data:"; remove everything up to and including "base64," (${source})`
					: got((check.got ?? describeValue)(value)),
				path,
			);
		}
	}
}

/** The content form field exactly as sent, size-checked in UTF-8 bytes. */
function serializeContent(content: Record<string, unknown>): string {
	const serialized = JSON.stringify(content);
	const bytes = Buffer.byteLength(serialized, 'utf8');
	ensure(bytes <= MAX_CONTENT_BYTES, 'contentSize', `got ${bytes} bytes`);
	return serialized;
}
