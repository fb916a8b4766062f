/* eslint-disable
	@n8n/community-nodes/require-node-api-error
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * Message types and their content, as the apps read them (docs/rongcloud-server-api.md#message-types-and-their-content):
 * content an app could not render is refused with 1002.
 */
import { MAX_CONTENT_BYTES } from './constants';
import { charLength, hasOwn, isPlainObject } from './fields';
import { Rejection } from './reply';

/**
 * The built-in types a client renders from typed content fields, and what each
 * field must be for the client to display the message (a blank bubble otherwise). The server
 * stands in for the apps here: content that an app could not render is refused with 1002.
 */
export type ContentFieldCheck =
	| 'text'
	| 'positiveInteger'
	| 'nonNegativeInteger'
	| 'latitude'
	| 'longitude'
	| 'base64'
	| 'user'
	| 'nonNegativeIntegerOrDigits'
	| 'voiceDuration';

export interface BuiltInContentField {
	check: ContentFieldCheck;
	/** true: present and not blank; 'present': present, and "" will do (RC:CmdMsg data, which the Java SDK sends as ""). */
	required?: boolean | 'present';
}

const textField = (required = false): BuiltInContentField => ({ check: 'text', required });
const USER: BuiltInContentField = { check: 'user' };

export const BUILT_IN_CONTENT: Readonly<Record<string, Readonly<Record<string, BuiltInContentField>>>> = {
	'RC:TxtMsg': { content: textField(true), extra: textField(), user: USER },
	// No size limit on the thumbnail: RongCloud's sources advise 10, 30 or 80 KB; the content's 128 KB holds.
	'RC:ImgMsg': { content: { check: 'base64', required: true }, imageUri: textField(true), extra: textField(), user: USER },
	'RC:GIFMsg': {
		remoteUrl: textField(true),
		gifDataSize: { check: 'positiveInteger', required: true },
		width: { check: 'positiveInteger', required: true },
		height: { check: 'positiveInteger', required: true },
		extra: textField(),
		user: USER,
	},
	'RC:HQVCMsg': { remoteUrl: textField(true), duration: { check: 'voiceDuration', required: true }, extra: textField(), user: USER },
	'RC:ImgTextMsg': { title: textField(true), content: textField(true), imageUri: textField(), url: textField(), extra: textField(), user: USER },
	// name may be left out (a client makes one up, Go SDK v4); size may be digits, as both Go SDKs send it.
	'RC:FileMsg': {
		name: textField(),
		size: { check: 'nonNegativeIntegerOrDigits', required: true },
		type: textField(true),
		fileUrl: textField(true),
		extra: textField(),
		user: USER,
	},
	'RC:SightMsg': {
		content: { check: 'base64', required: true },
		sightUrl: textField(true),
		duration: { check: 'positiveInteger', required: true },
		size: { check: 'positiveInteger', required: true },
		name: textField(true),
		extra: textField(),
		user: USER,
	},
	'RC:LBSMsg': {
		content: { check: 'base64' },
		latitude: { check: 'latitude', required: true },
		longitude: { check: 'longitude', required: true },
		poi: textField(true),
		extra: textField(),
		user: USER,
	},
	'RC:InfoNtf': { message: textField(true), extra: textField() },
	'RC:CmdNtf': { name: textField(true), data: textField() },
	'RC:CmdMsg': { name: textField(true), data: { check: 'text', required: 'present' } },
	'RC:ContactNtf': { operation: textField(true), sourceUserId: textField(true), targetUserId: textField(true), message: textField(true), extra: textField() },
	'RC:ProfileNtf': { operation: textField(true), data: textField(), extra: textField() },
};

/** Other built-in types: accepted with any JSON object content, as RongCloud documents for built-ins without typed fields here. */
export const OTHER_BUILT_IN_OBJECT_NAMES: readonly string[] = [
	'RC:ReferenceMsg',
	'RC:CombineMsg',
	'RC:CombineV2Msg',
	'RC:StkMsg',
	'RC:GrpNtf',
	'RC:RcNtf',
	'RC:RcCmd',
	'RC:VcMsg',
	'RC:DizNtf',
	'RC:PSImgTxtMsg',
	'RC:PSMultiImgTxtMsg',
	'RC:SRSMsg',
	'RC:ChrmKVNotiMsg',
	'RC:ReadNtf',
	'RC:RRReqMsg',
	'RC:RRRspMsg',
];

/** Only these may start with `RC:`. */
export const BUILT_IN_OBJECT_NAMES: readonly string[] = [...Object.keys(BUILT_IN_CONTENT), ...OTHER_BUILT_IN_OBJECT_NAMES];

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const CONTENT_CHECK_TEXT: Record<ContentFieldCheck, string> = {
	text: 'must be a string',
	positiveInteger: 'must be a whole number greater than 0',
	nonNegativeInteger: 'must be a whole number, 0 or more',
	latitude: 'must be a number from -90 to 90',
	longitude: 'must be a number from -180 to 180',
	base64: 'must be Base64 without a data: prefix',
	user: 'must be an object of string values',
	nonNegativeIntegerOrDigits: 'must be a whole number, 0 or more, or a text of digits',
	voiceDuration: 'must be a whole number of seconds from 1 to 60',
};

function contentFieldPasses(check: ContentFieldCheck, value: unknown): boolean {
	switch (check) {
		case 'text':
			return typeof value === 'string';
		case 'positiveInteger':
			return Number.isInteger(value) && (value as number) > 0;
		case 'nonNegativeInteger':
			return Number.isInteger(value) && (value as number) >= 0;
		case 'latitude':
			return typeof value === 'number' && value >= -90 && value <= 90;
		case 'longitude':
			return typeof value === 'number' && value >= -180 && value <= 180;
		case 'base64':
			return typeof value === 'string' && BASE64.test(value);
		case 'user':
			return isPlainObject(value) && Object.values(value).every((entry) => typeof entry === 'string');
		case 'nonNegativeIntegerOrDigits':
			return contentFieldPasses('nonNegativeInteger', value) || (typeof value === 'string' && /^\d+$/.test(value));
		case 'voiceDuration':
			return contentFieldPasses('positiveInteger', value) && (value as number) <= 60;
	}
}

export function checkObjectName(value: string, name = 'objectName'): void {
	if (charLength(value) > 32) throw new Rejection(1005, `${name} is longer than 32 characters.`);
	if (value.startsWith('RC:') && !BUILT_IN_OBJECT_NAMES.includes(value)) {
		throw new Rejection(1002, `${name} ${value} is not a built-in type; custom types must not start with "RC:".`);
	}
}

export function checkContent(value: string, objectName: string, name = 'content'): void {
	if (Buffer.byteLength(value, 'utf8') > MAX_CONTENT_BYTES) {
		throw new Rejection(1005, `${name} is larger than ${MAX_CONTENT_BYTES} bytes.`);
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(value);
	} catch {
		throw new Rejection(1002, `${name} is not valid JSON.`);
	}
	if (!isPlainObject(parsed)) throw new Rejection(1002, `${name} must be a JSON object.`);
	const fields = hasOwn(BUILT_IN_CONTENT, objectName) ? BUILT_IN_CONTENT[objectName] : undefined;
	if (!fields) return;
	for (const [key, field] of Object.entries(fields)) {
		const entry = hasOwn(parsed, key) ? parsed[key] : undefined;
		const blank = entry === undefined || entry === null || (field.required !== 'present' && typeof entry === 'string' && entry.trim() === '');
		if (blank && field.required) {
			throw new Rejection(1002, `${name}: ${objectName} needs "${key}"; clients cannot display the message without it.`);
		}
		if (entry === undefined) continue;
		if (!contentFieldPasses(field.check, entry)) {
			throw new Rejection(1002, `${name}: ${objectName} "${key}" ${CONTENT_CHECK_TEXT[field.check]}.`);
		}
	}
}
