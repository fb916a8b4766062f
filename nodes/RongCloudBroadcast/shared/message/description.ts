import type { INodeProperties } from 'n8n-workflow';

import { LATITUDE_RANGE, LONGITUDE_RANGE, MAX_CONTENT_BYTES, MAX_OBJECT_NAME_LENGTH, MAX_USER_ID_LENGTH, MAX_VOICE_DURATION_SECONDS } from '../limits';
import { CUSTOM_OBJECT_NAME, MESSAGE_TYPES, OTHER_BUILT_IN_OBJECT_NAME } from './messageTypes';
import type { ContentField, ContentRule } from './types';

/** Plain text. The Message Type options are generated from MESSAGE_TYPES; a test checks that this is one of them. */
const DEFAULT_OBJECT_NAME = 'RC:TxtMsg';

const userInfoOptions: INodeProperties[] = [
	{ displayName: 'Extra', name: 'extra', type: 'string', default: '', description: 'Extra user data' },
	{ displayName: 'ID', name: 'id', type: 'string', default: '', description: 'User ID' },
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Display name' },
	{ displayName: 'Portrait URL', name: 'portrait', type: 'string', default: '', description: 'Avatar image URL' },
];

/** The editor's bounds for a number field, from its rules (the node checks the rules again: expressions bypass the editor). */
const NUMBER_BOUNDS: Partial<Record<ContentRule, { minValue?: number; maxValue?: number }>> = {
	positiveWholeNumber: { minValue: 1 },
	wholeNumber: { minValue: 0 },
	latitude: { minValue: -LATITUDE_RANGE, maxValue: LATITUDE_RANGE },
	longitude: { minValue: -LONGITUDE_RANGE, maxValue: LONGITUDE_RANGE },
	voiceDuration: { maxValue: MAX_VOICE_DURATION_SECONDS },
};

/** One UI property per (parameter, required, rules, description) group, shown for the message types that have that field. */
function typedFieldProperties(): INodeProperties[] {
	const groups = new Map<string, { field: ContentField; objectNames: string[] }>();
	for (const [objectName, type] of Object.entries(MESSAGE_TYPES)) {
		for (const field of type.fields) {
			const groupKey = `${field.parameter}|${field.required ? 'required' : 'optional'}|${(field.rules ?? []).join(',')}|${field.displayName}|${field.description ?? ''}`;
			const group = groups.get(groupKey) ?? { field, objectNames: [] };
			group.objectNames.push(objectName);
			groups.set(groupKey, group);
		}
	}
	return [...groups.values()].map(({ field, objectNames }): INodeProperties => {
		const displayOptions = { show: { objectName: objectNames, contentMode: ['fields'] } };
		const description = field.description ?? `The "${field.key}" field of the message content`;
		if (field.type === 'user') {
			return {
				displayName: field.displayName,
				name: field.parameter,
				type: 'collection',
				placeholder: 'Add Sender Info Field',
				default: {},
				description,
				options: userInfoOptions,
				displayOptions,
			};
		}
		const ruleBounds = (field.rules ?? []).map((rule) => NUMBER_BOUNDS[rule]).filter((bound) => bound !== undefined);
		const bounds = ruleBounds.length ? Object.assign({}, ...ruleBounds) : undefined;
		return {
			displayName: field.displayName,
			name: field.parameter,
			type: field.type,
			// Empty, as n8n's own nodes leave a number without a sensible default: an empty field is not sent, never as 0.
			default: '',
			required: field.required ?? false,
			description,
			...(field.parameter === 'text' ? { typeOptions: { rows: 3 } } : {}),
			...(field.type === 'number' && bounds ? { typeOptions: bounds } : {}),
			displayOptions,
		};
	});
}

/** The sender of a message; recall gives it its own default and description. */
export const fromUserIdField: INodeProperties = {
	displayName: 'From User ID',
	name: 'fromUserId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. system',
	description: `Sender user ID (1 to ${MAX_USER_ID_LENGTH} characters); the conversation appears under this ID. It should have a user token so push notifications can show the sender.`,
};

const listedTypes = Object.keys(MESSAGE_TYPES);

/**
 * The inputs of a message (sender, type, content) for every operation that sends one; each
 * operation shows them with updateDisplayOptions.
 */
export const messageFields: INodeProperties[] = [
	fromUserIdField,
	{
		displayName: 'Message Type',
		name: 'objectName',
		type: 'options',
		default: DEFAULT_OBJECT_NAME,
		description: 'The objectName of the message. Built-in types decide storage, unread counts and push; custom types must be registered in the client SDK. An expression may also give any built-in name starting with "RC:".',
		// Alphabetical, as n8n wants lists of 5 or more; the table keeps RongCloud's order for everything else.
		options: [
			...Object.entries(MESSAGE_TYPES).map(([value, type]) => ({
				name: type.displayName,
				value,
				description: type.description,
			})),
			{
				name: 'Other Built-in Type',
				value: OTHER_BUILT_IN_OBJECT_NAME,
				description: 'Another RongCloud built-in type, such as RC:ReferenceMsg or RC:StkMsg, with JSON content',
			},
			{
				name: 'Custom',
				value: CUSTOM_OBJECT_NAME,
				description: 'A message type registered by your client apps',
			},
		].sort((a, b) => a.name.localeCompare(b.name)),
	},
	{
		displayName: 'Built-in Message Type',
		name: 'builtInObjectName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. RC:ReferenceMsg',
		description: `A built-in objectName the list does not have, such as RC:ReferenceMsg or RC:StkMsg: "RC:" and the type name, at most ${MAX_OBJECT_NAME_LENGTH} characters. Its content is given as JSON.`,
		displayOptions: { show: { objectName: [OTHER_BUILT_IN_OBJECT_NAME] } },
	},
	{
		displayName: 'Custom Message Type',
		name: 'customObjectName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. App:Announcement',
		description: `Custom objectName: at most ${MAX_OBJECT_NAME_LENGTH} characters, must not start with "RC:"`,
		displayOptions: { show: { objectName: [CUSTOM_OBJECT_NAME] } },
	},
	{
		displayName: 'Content Mode',
		name: 'contentMode',
		type: 'options',
		default: 'fields',
		options: [
			{ name: 'Fields', value: 'fields', description: 'Fill the fields of the chosen message type' },
			{ name: 'JSON', value: 'json', description: 'Give the whole content object as JSON' },
		],
		displayOptions: { show: { objectName: listedTypes } },
	},
	{
		displayName: 'Content (JSON)',
		name: 'content',
		type: 'json',
		required: true,
		// Empty, not an example: an example left untouched would go out to every user.
		default: '',
		description: `The message content object as JSON, such as {"content": "hello"} for Text, at most ${MAX_CONTENT_BYTES / 1024} KB as sent. The fields the type needs to be displayed are checked.`,
		displayOptions: { show: { objectName: listedTypes, contentMode: ['json'] } },
	},
	{
		// Also shown for an RC: name (or an expression) set directly in Message Type, which is sent as an other built-in type.
		displayName: 'Content (JSON)',
		name: 'content',
		type: 'json',
		required: true,
		default: '',
		description: `The content object of the message type as JSON, at most ${MAX_CONTENT_BYTES / 1024} KB as sent`,
		displayOptions: { hide: { objectName: listedTypes } },
	},
	...typedFieldProperties(),
];
