/**
 * JSON request bodies (push.json and every v4 endpoint): a JSON object, checked field by field
 * against a model table such as v4Models.ts holds. Every refusal names the field it is about.
 */
import { contentTypeIs, hasOwn, isPlainObject } from './fields';
import { Rejection } from './reply';
import type { RecordedRequest } from './types';

export interface ModelField {
	name: string;
	/**
	 * The contract's JSON type: `string`, `integer`, `boolean`, `array<string>`, `object` (free-form),
	 * or the name of a nested model, whose table is `fields`.
	 */
	type: string;
	required: boolean;
	/** The integers allowed. */
	enum?: readonly number[];
	/** Most entries of an array; more is refused with 1005, as v1's limits are. */
	maxItems?: number;
	fields?: readonly ModelField[];
}

/** The body as a JSON object, or the refusal the real server gives. */
export function parseJsonBody(record: RecordedRequest): Record<string, unknown> {
	if (!contentTypeIs(record.headers, 'application/json')) {
		throw new Rejection(1002, 'Content-Type must be application/json.');
	}
	if (record.rawBody === '') throw new Rejection(1003, 'No POST data.');
	if (record.json === undefined) throw new Rejection(1002, 'The body is not valid JSON.');
	if (!isPlainObject(record.json)) throw new Rejection(1002, 'The body must be a JSON object.');
	return record.json;
}

const TYPE_TEXT: Record<string, string> = {
	string: 'a string',
	integer: 'a whole number',
	boolean: 'true or false (a JSON boolean)',
	'array<string>': 'an array of non-empty strings',
	object: 'an object',
};

function checkValue(field: ModelField, value: unknown, path: string): void {
	const wrongType = (): Rejection => new Rejection(1002, `${path} must be ${TYPE_TEXT[field.type] ?? 'an object'}.`);
	switch (field.type) {
		case 'string':
			if (typeof value !== 'string') throw wrongType();
			if (field.required && value === '') throw new Rejection(1002, `${path} is required.`);
			return;
		case 'integer':
			if (!Number.isInteger(value)) throw wrongType();
			if (field.enum && !field.enum.includes(value as number)) {
				throw new Rejection(1002, `${path} must be ${field.enum.join(' or ')}.`);
			}
			return;
		case 'boolean':
			if (typeof value !== 'boolean') throw wrongType();
			return;
		case 'array<string>':
			if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string' || entry === '')) throw wrongType();
			if (value.length === 0) throw new Rejection(1002, `${path} must not be empty.`);
			if (field.maxItems !== undefined && value.length > field.maxItems) {
				throw new Rejection(1005, `${path} has more than ${field.maxItems} entries.`);
			}
			return;
		default:
			if (!isPlainObject(value)) throw wrongType();
			if (field.fields) checkModel(value, field.fields, path);
	}
}

/** Unknown fields first (a misspelt name is the likelier mistake), then each field in table order. */
export function checkModel(value: Record<string, unknown>, fields: readonly ModelField[], path = ''): void {
	const unknown = Object.keys(value).filter((key) => !fields.some((field) => field.name === key));
	if (unknown.length > 0) {
		throw new Rejection(1002, path === '' ? `Unknown parameter: ${unknown.join(', ')}.` : `${path}: unknown field ${unknown.join(', ')}.`);
	}
	for (const field of fields) {
		const name = path === '' ? field.name : `${path}.${field.name}`;
		if (!hasOwn(value, field.name)) {
			if (field.required) throw new Rejection(1002, `${name} is required.`);
			continue;
		}
		checkValue(field, value[field.name], name);
	}
}
