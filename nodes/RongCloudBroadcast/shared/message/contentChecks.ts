import {
	IMAGE_THUMBNAIL_ADVICE_WORDS,
	IMAGE_THUMBNAIL_WARNING_BASE64,
	LATITUDE_RANGE,
	LONGITUDE_RANGE,
	MAX_CONTENT_BYTES,
	MAX_CONTENT_DEPTH,
	MAX_VOICE_DURATION_SECONDS,
} from '../limits';
import { isValidUrl } from '../urls';
import { describeValue, ensure, invalid, type RuleId } from '../validation';
import { firstInexactNumber } from './jsonNumbers';
import type { ContentAdvisory, ContentField, ContentRule, MessageType } from './types';

/** What is checked before content leaves: the JSON text as sent, and per type what a client needs. */

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

export function jsonTextOf(raw: unknown): string {
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

export function parseContentObject(text: string): Record<string, unknown> {
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
}

const RULE_CHECKS: Record<ContentRule, RuleCheck> = {
	positiveWholeNumber: { ruleId: 'contentPositiveWholeNumber', passes: (value) => Number.isSafeInteger(value) && (value as number) > 0 },
	wholeNumber: { ruleId: 'contentWholeNumber', passes: (value) => Number.isSafeInteger(value) && (value as number) >= 0 },
	latitude: { ruleId: 'contentLatitude', passes: (value) => Math.abs(value as number) <= LATITUDE_RANGE },
	longitude: { ruleId: 'contentLongitude', passes: (value) => Math.abs(value as number) <= LONGITUDE_RANGE },
	base64: { ruleId: 'contentBase64', passes: (value) => value === '' || BASE64.test(value as string) },
	// Other schemes and relative paths are the app's business; a broken http(s) URL never loads.
	url: { ruleId: 'contentUrl', passes: (value) => !/^\s*https?:/i.test(value as string) || isValidUrl((value as string).trim()) },
	voiceDuration: { ruleId: 'contentVoiceDuration', passes: (value) => (value as number) <= MAX_VOICE_DURATION_SECONDS },
};

interface AdvisoryCheck {
	passes: (value: unknown) => boolean;
	warning: (objectName: string, key: string, value: unknown) => string;
}

const ADVISORY_CHECKS: Record<ContentAdvisory, AdvisoryCheck> = {
	imageThumbnailSize: {
		passes: (value) => (value as string).length <= IMAGE_THUMBNAIL_WARNING_BASE64,
		warning: (objectName, key, value) =>
			`${objectName} thumbnail ("${key}") is ${(value as string).length} characters of Base64; RongCloud's sources advise ${IMAGE_THUMBNAIL_ADVICE_WORDS}. Sent as given: if clients do not show the image, send a smaller thumbnail.`,
	},
};

const DIGITS = /^\d+$/;

function hasJsonType(field: ContentField, value: unknown): boolean {
	switch (field.type) {
		case 'string':
			return typeof value === 'string';
		case 'number':
			return (typeof value === 'number' && Number.isFinite(value)) || (field.digitsAsText === true && typeof value === 'string' && DIGITS.test(value));
		case 'user':
			return value !== null && typeof value === 'object' && !Array.isArray(value) &&
				Object.values(value).every((entry) => typeof entry === 'string');
	}
}

/**
 * The fields a client needs are present, every known field has its JSON type, and numbers and
 * thumbnails pass their rule. Errors name the type, the key and (in fields mode) the parameter.
 * Returns the warnings for what is sent although a source advises against it.
 */
export function checkBuiltInContent(objectName: string, type: MessageType, content: Record<string, unknown>, mode: 'fields' | 'json'): string[] {
	const warnings: string[] = [];
	for (const field of type.fields) {
		const path = `content.${field.key}`;
		const source = mode === 'fields' ? `parameter ${field.parameter}` : 'in the content JSON';
		const value = Object.hasOwn(content, field.key) ? content[field.key] : undefined;
		const empty = value === undefined || (typeof value === 'string' && value.trim() === '');
		if (empty && field.warningWhenMissing !== undefined) warnings.push(field.warningWhenMissing);
		if (value === undefined || (field.required && (value === null || empty))) {
			ensure(!field.required, 'contentRequiredField', `${objectName} needs "${field.key}" (${source})${field.why ? `: ${field.why}` : ''}`, path);
			continue;
		}
		const got = (described: string) => `${objectName} "${field.key}" got ${described} (${source})`;
		ensure(hasJsonType(field, value), 'contentFieldType', got(describeValue(value)), path);
		// A number given as digits (as RongCloud's Go SDKs send it) leaves as written; its rules read its value.
		const digits = field.type === 'number' && typeof value === 'string';
		if (digits) {
			warnings.push(`${objectName} "${field.key}" is the text "${value}": sent as given, as RongCloud's Go SDKs send it; its Java SDK and Web SDK type ${field.key} as a number.`);
		}
		for (const rule of field.rules ?? []) {
			const check = RULE_CHECKS[rule];
			if (check.passes(digits ? Number(value) : value)) continue;
			const dataPrefix = rule === 'base64' && /^data:/i.test(value as string);
			invalid(
				check.ruleId,
				dataPrefix
					? `${objectName} "${field.key}" starts with "data:"; remove everything up to and including "base64," (${source})`
					: got(describeValue(value)),
				path,
			);
		}
		for (const advisory of field.advisories ?? []) {
			if (!ADVISORY_CHECKS[advisory].passes(value)) warnings.push(ADVISORY_CHECKS[advisory].warning(objectName, field.key, value));
		}
	}
	return warnings;
}

/** The content form field exactly as sent, size-checked in UTF-8 bytes. */
export function serializeContent(content: Record<string, unknown>): string {
	const serialized = JSON.stringify(content);
	const bytes = Buffer.byteLength(serialized, 'utf8');
	ensure(bytes <= MAX_CONTENT_BYTES, 'contentSize', `got ${bytes} bytes`);
	return serialized;
}
