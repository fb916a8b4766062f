import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAX_OBJECT_NAME_LENGTH, MAX_USER_ID_LENGTH } from '../limits';
import { InvalidParameterError, asNumber, asObject, asText, characterCount, ensure, invalid } from '../validation';
import { checkBuiltInContent, jsonTextOf, parseContentObject, serializeContent } from './contentChecks';
import { BUILT_IN_PREFIX, builtInType, CUSTOM_OBJECT_NAME, OTHER_BUILT_IN_OBJECT_NAME, USER_KEYS } from './messageTypes';
import type { MessageType } from './types';

/**
 * Reading a message from the node's parameters: the sender, the type and the content, typed
 * fields or JSON. What the content must be before it leaves is checked in contentChecks.ts.
 */

interface MessageInput {
	fromUserId: string;
	objectName: string;
	/** The content JSON string exactly as it goes on the wire. */
	content: string;
	/** What the content carries that some of RongCloud's sources advise against (sent all the same). */
	warnings: string[];
}

interface CheckedContent {
	content: string;
	warnings: string[];
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
	const asJson = jsonOnly || read('contentMode', 'fields') === 'json';
	try {
		const { content, warnings } = asJson
			? contentFromJson(objectName, readContentParameter(ctx, itemIndex))
			: contentFromFields(objectName, (parameter) => read(parameter, undefined));
		return { fromUserId, objectName, content, warnings };
	} catch (error) {
		throw asFieldError(error, objectName, asJson);
	}
}

/**
 * A rule of the content JSON (content.duration, content.content) named by the field the user
 * filled: the message type's field in Fields mode ("Duration (Seconds)"), Content (JSON) otherwise.
 */
function asFieldError(error: unknown, objectName: string, asJson: boolean): unknown {
	if (!(error instanceof InvalidParameterError) || (error.parameter !== 'content' && !error.parameter.startsWith('content.'))) return error;
	const key = error.parameter.slice('content.'.length);
	const field = asJson ? undefined : builtInType(objectName)?.fields.find((candidate) => candidate.key === key);
	error.label = field?.displayName ?? 'Content (JSON)';
	error.field = field?.parameter ?? 'content';
	return error;
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
	if (value.startsWith(BUILT_IN_PREFIX)) return { objectName: checkedBuiltInName(value, 'objectName'), jsonOnly: true };
	// RongCloud takes an app's own type by its name (a prefix and a colon, as "App:Order"): from an
	// expression it is a custom type, checked as Custom checks it. Without a colon it is no type name.
	ensure(/^[^:\s]+:\S+$/.test(value.trim()), 'objectNameKnown', `got "${value.slice(0, 40)}"`);
	return { objectName: checkedCustomName(value, 'objectName'), jsonOnly: true };
}

function checkedCustomName(raw: unknown, parameter = 'customObjectName'): string {
	const custom = asText(raw, parameter).trim();
	ensure(custom.length > 0, 'customObjectNameRequired');
	ensure(!custom.toUpperCase().startsWith(BUILT_IN_PREFIX), 'customObjectNameReserved', `got "${custom}"`, parameter);
	const length = characterCount(custom);
	ensure(length <= MAX_OBJECT_NAME_LENGTH, 'customObjectNameLength', `got ${length} characters`, parameter);
	return custom;
}

function checkedBuiltInName(builtIn: string, parameter: string): string {
	ensure(/^RC:\S+$/.test(builtIn), 'builtInObjectNameFormat', `got "${builtIn.slice(0, 40)}"`, parameter);
	const length = characterCount(builtIn);
	ensure(length <= MAX_OBJECT_NAME_LENGTH, 'builtInObjectNameLength', `got ${length} characters`, parameter);
	return builtIn;
}

/** The content form field from the typed fields of a listed type; `read` returns a parameter's value. */
function contentFromFields(objectName: string, read: (parameter: string) => unknown): CheckedContent {
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
	const warnings = checkBuiltInContent(objectName, type, content, 'fields');
	return { content: serializeContent(content), warnings };
}

/**
 * The content form field from a whole content object: JSON text from the editor, or an object from
 * an expression. What is checked is the JSON text that will be sent, parsed back, so an object
 * that would turn into something else on the way (a date, $now, anything with toJSON) is refused.
 */
function contentFromJson(objectName: string, raw: unknown): CheckedContent {
	const content = parseContentObject(jsonTextOf(raw));
	const type = builtInType(objectName);
	if (type) fillBlanks(type, content);
	const warnings = type ? checkBuiltInContent(objectName, type, content, 'json') : [];
	return { content: serializeContent(content), warnings };
}

/** Fields a client reads even when empty get the value RongCloud's SDK sends for nothing. */
function fillBlanks(type: MessageType, content: Record<string, unknown>): void {
	for (const field of type.fields) {
		if (field.whenBlank !== undefined && !Object.hasOwn(content, field.key)) content[field.key] = field.whenBlank;
	}
}

