/** Checks shared by the endpoints: body shape, form fields, plain values. */
import { MAX_USER_ID_LENGTH } from './constants';
import { Rejection } from './reply';
import type { RecordedRequest } from './types';

/** Length in characters (code points), which is how the docs count. */
export const charLength = (value: string): number => Array.from(value).length;

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

export const hasOwn = (object: object, key: string): boolean => Object.prototype.hasOwnProperty.call(object, key);

export function contentTypeIs(headers: Record<string, string>, expected: string): boolean {
	const value = headers['content-type'];
	if (value === undefined) return false;
	return value.split(';')[0].trim().toLowerCase() === expected;
}

/**
 * The form's fields. A field may repeat only where the endpoint takes it repeated (`repeatable`,
 * such as toUserId): elsewhere the real server would be ambiguous, so a repeat is refused.
 */
export function parseForm(record: RecordedRequest, repeatable: readonly string[] = []): Record<string, string> {
	if (!contentTypeIs(record.headers, 'application/x-www-form-urlencoded')) {
		throw new Rejection(1002, 'Content-Type must be application/x-www-form-urlencoded.');
	}
	if (record.rawBody === '') throw new Rejection(1003, 'No POST data.');
	const duplicates = record.duplicateFormKeys.filter((key) => !repeatable.includes(key));
	if (duplicates.length > 0) {
		throw new Rejection(1002, `Duplicate form field: ${duplicates.join(', ')}.`);
	}
	return record.form ?? {};
}

export function rejectUnknownFields(form: Record<string, string>, allowed: readonly string[]): void {
	const unknown = Object.keys(form).filter((key) => !allowed.includes(key));
	if (unknown.length > 0) throw new Rejection(1002, `Unknown parameter: ${unknown.join(', ')}.`);
}

export function requireField(form: Record<string, string>, name: string): string {
	const value = form[name];
	if (value === undefined || value === '') throw new Rejection(1002, `${name} is required.`);
	return value;
}

export function checkUserId(form: Record<string, string>, name: string): void {
	checkUserIdLength(requireField(form, name), name);
}

export function checkUserIdLength(value: string, name: string): void {
	if (charLength(value) > MAX_USER_ID_LENGTH) {
		throw new Rejection(1005, `${name} is longer than ${MAX_USER_ID_LENGTH} characters.`);
	}
}

export function checkEnum(form: Record<string, string>, name: string, allowed: readonly string[]): void {
	const value = form[name];
	if (value !== undefined && !allowed.includes(value)) {
		throw new Rejection(1002, `${name} must be one of ${allowed.join(', ')}.`);
	}
}

export function checkStringMap(value: unknown, path: string): void {
	if (!isPlainObject(value) || Object.values(value).some((entry) => typeof entry !== 'string')) {
		throw new Rejection(1002, `${path} must be an object of string values.`);
	}
}

export function rejectUnknownKeys(value: Record<string, unknown>, allowed: readonly string[], path: string): void {
	const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
	if (unknown.length > 0) throw new Rejection(1002, `${path}: unknown field ${unknown.join(', ')}.`);
}
