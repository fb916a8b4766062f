import { asNumber, asObject, asText, describeValue, ensure, invalid, type RuleId } from './validation';

/** A check beyond the JSON type, for values a client cannot render otherwise. */
export type ContentRule = 'positiveWholeNumber' | 'wholeNumber' | 'latitude' | 'longitude' | 'base64';

/** One field of a built-in message's content JSON, and the node parameter that fills it. */
export interface ContentField {
	/** Key in the content JSON. */
	key: string;
	/** Node parameter name; differs from `key` only where the key would clash with another parameter. */
	parameter: string;
	displayName: string;
	type: 'string' | 'number' | 'user';
	/** A client needs this field to display the message. */
	required?: boolean;
	rule?: ContentRule;
	description?: string;
}

export interface MessageType {
	displayName: string;
	description: string;
	fields: ContentField[];
}

const extra: ContentField = {
	key: 'extra',
	parameter: 'extra',
	displayName: 'Extra',
	type: 'string',
	description: 'Custom data passed through to the client app, not displayed',
};
const user: ContentField = {
	key: 'user',
	parameter: 'user',
	displayName: 'Sender Info',
	type: 'user',
	description: 'User info carried in the message, shown by clients instead of a lookup',
};
const thumbnail: ContentField = {
	key: 'content',
	parameter: 'thumbnail',
	displayName: 'Thumbnail (Base64)',
	type: 'string',
	rule: 'base64',
	description: 'Base64 of a small JPEG thumbnail, without a data: prefix',
};
const duration: ContentField = {
	key: 'duration',
	parameter: 'duration',
	displayName: 'Duration (Seconds)',
	type: 'number',
	required: true,
	rule: 'positiveWholeNumber',
	description: 'Length in whole seconds, greater than 0',
};
const name: ContentField = { key: 'name', parameter: 'name', displayName: 'Name', type: 'string' };
const remoteUrl: ContentField = {
	key: 'remoteUrl',
	parameter: 'remoteUrl',
	displayName: 'Remote URL',
	type: 'string',
	required: true,
	description: 'URL the client downloads the media from',
};
const imageUri: ContentField = { key: 'imageUri', parameter: 'imageUri', displayName: 'Image URL', type: 'string' };
const contentOperation: ContentField = {
	key: 'operation',
	parameter: 'contentOperation',
	displayName: 'Notification Operation',
	type: 'string',
	required: true,
	description: 'The "operation" field of the notification content',
};
const data: ContentField = { key: 'data', parameter: 'data', displayName: 'Data', type: 'string' };

/** Built-in types a client renders from typed fields, in the order users meet them. */
export const MESSAGE_TYPES: Record<string, MessageType> = {
	'RC:TxtMsg': {
		displayName: 'Text (RC:TxtMsg)',
		description: 'Stored, counted as unread, pushed when offline',
		fields: [
			{ key: 'content', parameter: 'text', displayName: 'Text', type: 'string', required: true, description: 'The message text' },
			extra,
			user,
		],
	},
	'RC:ImgMsg': {
		displayName: 'Image (RC:ImgMsg)',
		description: 'Pushed as "[Image]"',
		fields: [
			{ ...imageUri, required: true, description: 'URL of the full image' },
			{
				...thumbnail,
				required: true,
				description: 'Base64 of a small JPEG thumbnail, without a data: prefix. Clients show it first; without it the image may never display.',
			},
			extra,
			user,
		],
	},
	'RC:GIFMsg': {
		displayName: 'GIF (RC:GIFMsg)',
		description: 'Stored and counted',
		fields: [
			remoteUrl,
			{
				key: 'gifDataSize',
				parameter: 'gifDataSize',
				displayName: 'GIF Size (Bytes)',
				type: 'number',
				required: true,
				rule: 'positiveWholeNumber',
				description: 'File size in bytes, greater than 0',
			},
			{ key: 'width', parameter: 'width', displayName: 'Width', type: 'number', required: true, rule: 'positiveWholeNumber', description: 'Width in pixels, greater than 0' },
			{ key: 'height', parameter: 'height', displayName: 'Height', type: 'number', required: true, rule: 'positiveWholeNumber', description: 'Height in pixels, greater than 0' },
			extra,
			user,
		],
	},
	'RC:HQVCMsg': {
		displayName: 'Voice (RC:HQVCMsg)',
		description: 'High-quality voice message; stored and counted',
		fields: [remoteUrl, duration, extra, user],
	},
	'RC:ImgTextMsg': {
		displayName: 'Rich Content (RC:ImgTextMsg)',
		description: 'Title, digest, image and link; pushed as "[Rich Content]"',
		fields: [
			{ key: 'title', parameter: 'title', displayName: 'Title', type: 'string', required: true },
			{ key: 'content', parameter: 'text', displayName: 'Digest', type: 'string', required: true, description: 'Short summary text' },
			imageUri,
			{ key: 'url', parameter: 'url', displayName: 'Link URL', type: 'string' },
			extra,
			user,
		],
	},
	'RC:FileMsg': {
		displayName: 'File (RC:FileMsg)',
		description: 'Pushed as "[File]"',
		fields: [
			{ ...name, required: true, description: 'File name shown in the chat, such as report.pdf' },
			{
				key: 'size',
				parameter: 'size',
				displayName: 'Size (Bytes)',
				type: 'number',
				required: true,
				rule: 'wholeNumber',
				description: 'File size in bytes, 0 or more',
			},
			{ key: 'type', parameter: 'type', displayName: 'File Type', type: 'string', description: 'File extension without the dot, such as pdf' },
			{ key: 'fileUrl', parameter: 'fileUrl', displayName: 'File URL', type: 'string', required: true, description: 'URL the client downloads the file from' },
			extra,
			user,
		],
	},
	'RC:SightMsg': {
		displayName: 'Short Video (RC:SightMsg)',
		description: 'Stored and counted',
		fields: [
			thumbnail,
			{ key: 'sightUrl', parameter: 'sightUrl', displayName: 'Video URL', type: 'string', required: true, description: 'URL the client plays the video from' },
			duration,
			{
				key: 'size',
				parameter: 'size',
				displayName: 'Size (Bytes)',
				type: 'number',
				required: true,
				rule: 'positiveWholeNumber',
				description: 'Video size in bytes, greater than 0',
			},
			name,
			extra,
			user,
		],
	},
	'RC:LBSMsg': {
		displayName: 'Location (RC:LBSMsg)',
		description: 'Pushed as "[Location]"',
		fields: [
			thumbnail,
			{ key: 'latitude', parameter: 'latitude', displayName: 'Latitude', type: 'number', required: true, rule: 'latitude', description: 'From -90 to 90' },
			{ key: 'longitude', parameter: 'longitude', displayName: 'Longitude', type: 'number', required: true, rule: 'longitude', description: 'From -180 to 180' },
			{ key: 'poi', parameter: 'poi', displayName: 'Place Name', type: 'string', required: true, description: 'Name of the place, shown under the map' },
			extra,
			user,
		],
	},
	'RC:InfoNtf': {
		displayName: 'Info Notification (RC:InfoNtf)',
		description: 'Gray tip in the chat; not counted, no push unless Push Content is set',
		fields: [{ key: 'message', parameter: 'message', displayName: 'Message', type: 'string', required: true }, extra],
	},
	'RC:CmdNtf': {
		displayName: 'Command Notification (RC:CmdNtf)',
		description: 'Stored, not counted',
		fields: [{ ...name, required: true, description: 'Command name your client app handles' }, data],
	},
	'RC:CmdMsg': {
		displayName: 'Command (RC:CmdMsg)',
		description: 'Not stored, not counted, never pushed: a signal to the client app',
		fields: [{ ...name, required: true, description: 'Command name your client app handles' }, data],
	},
	'RC:ContactNtf': {
		displayName: 'Contact Notification (RC:ContactNtf)',
		description: 'Friend request style notification',
		fields: [
			contentOperation,
			{ key: 'sourceUserId', parameter: 'sourceUserId', displayName: 'Source User ID', type: 'string', required: true },
			{ key: 'targetUserId', parameter: 'targetUserId', displayName: 'Target User ID', type: 'string', required: true },
			{ key: 'message', parameter: 'message', displayName: 'Message', type: 'string' },
			extra,
		],
	},
	'RC:ProfileNtf': {
		displayName: 'Profile Notification (RC:ProfileNtf)',
		description: 'Profile change notification',
		fields: [contentOperation, data, extra],
	},
};

export const CUSTOM_OBJECT_NAME = 'custom';
/** Message Type choice for a built-in type the list does not have; its name goes in builtInObjectName. */
export const OTHER_BUILT_IN_OBJECT_NAME = 'otherBuiltIn';
export const BUILT_IN_PREFIX = 'RC:';
export const MAX_OBJECT_NAME_LENGTH = 32;
export const MAX_CONTENT_BYTES = 128 * 1024;
export const MAX_CONTENT_DEPTH = 100;

const USER_KEYS = ['id', 'name', 'portrait', 'extra'] as const;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

/** The listed built-in type of that name; a lookup that never reaches Object.prototype (toString, __proto__). */
export function builtInType(objectName: string): MessageType | undefined {
	return hasOwn(MESSAGE_TYPES, objectName) ? MESSAGE_TYPES[objectName] : undefined;
}

export interface ResolvedObjectName {
	/** The objectName as it goes on the wire. */
	objectName: string;
	/** Custom and other built-in types have no typed fields: their content is always given as JSON. */
	jsonOnly: boolean;
}

/**
 * The objectName parameter (and the name parameter its choice needs) as the wire value. An
 * `RC:` name the list does not have, from an expression, is an other built-in type.
 */
export function resolveObjectName(selected: unknown, read: (parameter: string) => unknown): ResolvedObjectName {
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
	ensure(custom.length <= MAX_OBJECT_NAME_LENGTH, 'customObjectNameLength', `got ${custom.length} characters`);
	return custom;
}

function checkedBuiltInName(builtIn: string, parameter: string): string {
	ensure(/^RC:\S+$/.test(builtIn), 'builtInObjectNameFormat', `got "${builtIn.slice(0, 40)}"`, parameter);
	ensure(builtIn.length <= MAX_OBJECT_NAME_LENGTH, 'builtInObjectNameLength', `got ${builtIn.length} characters`, parameter);
	return builtIn;
}

/** The content form field from the typed fields of a listed type; `read` returns a parameter's value. */
export function contentFromFields(objectName: string, read: (parameter: string) => unknown): string {
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
	checkBuiltInContent(objectName, type, content, 'fields');
	return serializeContent(content);
}

/**
 * The content form field from a whole content object: JSON text from the editor, or an object from
 * an expression. What is checked is the JSON text that will be sent, parsed back, so an object
 * that would turn into something else on the way (a date, $now, anything with toJSON) is refused.
 */
export function contentFromJson(objectName: string, raw: unknown): string {
	const content = parseContentObject(jsonTextOf(raw));
	const type = builtInType(objectName);
	if (type) checkBuiltInContent(objectName, type, content, 'json');
	return serializeContent(content);
}

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
	ensure(!nestedDeeperThan(value, MAX_CONTENT_DEPTH), 'contentDepth', `got more than ${MAX_CONTENT_DEPTH} levels`);
	return value as Record<string, unknown>;
}

/** Without recursion: the value may come from JSON text nested far deeper than the call stack allows. */
function nestedDeeperThan(root: object, maxDepth: number): boolean {
	const pending: Array<[object, number]> = [[root, 1]];
	while (pending.length > 0) {
		const [value, depth] = pending.pop() as [object, number];
		if (depth > maxDepth) return true;
		for (const child of Object.values(value)) {
			if (child !== null && typeof child === 'object') pending.push([child as object, depth + 1]);
		}
	}
	return false;
}

const RULE_CHECKS: Record<ContentRule, { ruleId: RuleId; passes: (value: unknown) => boolean }> = {
	positiveWholeNumber: { ruleId: 'contentPositiveWholeNumber', passes: (value) => Number.isSafeInteger(value) && (value as number) > 0 },
	wholeNumber: { ruleId: 'contentWholeNumber', passes: (value) => Number.isSafeInteger(value) && (value as number) >= 0 },
	latitude: { ruleId: 'contentLatitude', passes: (value) => (value as number) >= -90 && (value as number) <= 90 },
	longitude: { ruleId: 'contentLongitude', passes: (value) => (value as number) >= -180 && (value as number) <= 180 },
	base64: { ruleId: 'contentBase64', passes: (value) => value === '' || BASE64.test(value as string) },
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
		const value = hasOwn(content, field.key) ? content[field.key] : undefined;
		const blank = value === undefined || (field.required && (value === null || (typeof value === 'string' && value.trim() === '')));
		if (blank) {
			ensure(!field.required, 'contentRequiredField', `${objectName} needs "${field.key}" (${source})`, path);
			continue;
		}
		const got = `${objectName} "${field.key}" got ${describeValue(value)} (${source})`;
		ensure(hasJsonType(field, value), 'contentFieldType', got, path);
		if (field.rule) {
			const check = RULE_CHECKS[field.rule];
			if (check.passes(value)) continue;
			const dataPrefix = field.rule === 'base64' && /^data:/i.test(value as string);
			invalid(check.ruleId, dataPrefix ? `${objectName} "${field.key}" starts with "data:"; remove everything up to and including "base64," (${source})` : got, path);
		}
	}
}

/** The content form field exactly as sent, size-checked in UTF-8 bytes. */
export function serializeContent(content: Record<string, unknown>): string {
	const serialized = JSON.stringify(content);
	const bytes = Buffer.byteLength(serialized, 'utf8');
	ensure(bytes <= MAX_CONTENT_BYTES, 'contentSize', `got ${bytes} bytes`);
	return serialized;
}
