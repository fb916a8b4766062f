import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { labelOf } from './labels';
import { leavesAsWritten } from './message/jsonNumbers';

import { VALIDATION_RULES, type RuleId } from './rules';

export { VALIDATION_RULES, type RuleId };


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
