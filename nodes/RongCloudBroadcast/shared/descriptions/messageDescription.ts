import type { INodeProperties, NodeParameterValue } from 'n8n-workflow';

import { CUSTOM_OBJECT_NAME, MESSAGE_TYPES, type ContentField } from '../messageContent';

/** Plain text. The Message Type options are generated from MESSAGE_TYPES; a test checks that this is one of them. */
const DEFAULT_OBJECT_NAME = 'RC:TxtMsg';

/** A displayOptions.show condition: parameter name → the values that show a property. */
export type DisplayCondition = Record<string, NodeParameterValue[]>;

const userInfoOptions: INodeProperties[] = [
	{ displayName: 'Extra', name: 'extra', type: 'string', default: '', description: 'Extra user data' },
	{ displayName: 'ID', name: 'id', type: 'string', default: '', description: 'User ID' },
	{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Display name' },
	{ displayName: 'Portrait URL', name: 'portrait', type: 'string', default: '', description: 'Avatar image URL' },
];

/** One UI property per (parameter, required) pair, shown for the message types that have that field. */
function typedFieldProperties(show: DisplayCondition): INodeProperties[] {
	const groups = new Map<string, { field: ContentField; objectNames: string[] }>();
	for (const [objectName, type] of Object.entries(MESSAGE_TYPES)) {
		for (const field of type.fields) {
			const groupKey = `${field.parameter}|${field.required ? 'required' : 'optional'}|${field.displayName}`;
			const group = groups.get(groupKey) ?? { field, objectNames: [] };
			group.objectNames.push(objectName);
			groups.set(groupKey, group);
		}
	}
	return [...groups.values()].map(({ field, objectNames }): INodeProperties => {
		const displayOptions = { show: { ...show, objectName: objectNames, contentMode: ['fields'] } };
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
		return {
			displayName: field.displayName,
			name: field.parameter,
			type: field.type,
			default: field.type === 'number' ? 0 : '',
			required: field.required ?? false,
			description,
			...(field.parameter === 'text' ? { typeOptions: { rows: 3 } } : {}),
			displayOptions,
		};
	});
}

/** The sender of a message (or of the broadcast to recall); `defaultValue` may be an expression. */
export function fromUserIdProperty(
	show: DisplayCondition,
	defaultValue = '',
	description = 'Sender user ID (1 to 64 characters); the conversation appears under this ID. It should have a user token so push notifications can show the sender.',
): INodeProperties {
	return {
		displayName: 'From User ID',
		name: 'fromUserId',
		type: 'string',
		required: true,
		default: defaultValue,
		placeholder: 'system',
		description,
		displayOptions: { show },
	};
}

/** The disableUpdateLastMsg option, for every Options collection of an operation that sends or recalls a message. */
export const disableUpdateLastMsgOption: INodeProperties = {
	displayName: 'Disable Update Last Message',
	name: 'disableUpdateLastMsg',
	type: 'boolean',
	default: false,
	description: 'Whether to leave the conversation list\'s last message unchanged',
};

/**
 * The message inputs shared by every operation that sends a message (fromUserId, type, content).
 * `condition` narrows where they show beyond the operation, such as push's Send System Message switch.
 */
export function messageProperties(operations: string[], condition: DisplayCondition = {}): INodeProperties[] {
	const show = { operation: operations, ...condition };
	return [
		fromUserIdProperty(show),
		{
			displayName: 'Message Type',
			name: 'objectName',
			type: 'options',
			default: DEFAULT_OBJECT_NAME,
			description: 'The objectName of the message. Built-in types decide storage, unread counts and push; custom types must be registered in the client SDK.',
			options: [
				...Object.entries(MESSAGE_TYPES).map(([value, type]) => ({
					name: type.displayName,
					value,
					description: type.description,
				})),
				{
					name: 'Custom',
					value: CUSTOM_OBJECT_NAME,
					description: 'A message type registered by your client apps',
				},
			],
			displayOptions: { show },
		},
		{
			displayName: 'Custom Message Type',
			name: 'customObjectName',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'App:Announcement',
			description: 'Custom objectName: at most 32 characters, must not start with "RC:"',
			displayOptions: { show: { ...show, objectName: [CUSTOM_OBJECT_NAME] } },
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
			displayOptions: { show, hide: { objectName: [CUSTOM_OBJECT_NAME] } },
		},
		{
			displayName: 'Content (JSON)',
			name: 'content',
			type: 'json',
			required: true,
			default: '{\n  "content": "hello"\n}',
			description: 'The message content object as JSON, at most 128 KB as sent',
			displayOptions: { show: { ...show, contentMode: ['json'] }, hide: { objectName: [CUSTOM_OBJECT_NAME] } },
		},
		{
			displayName: 'Content (JSON)',
			name: 'content',
			type: 'json',
			required: true,
			default: '{\n  "content": "hello"\n}',
			description: 'The content object of your custom message type as JSON, at most 128 KB as sent',
			displayOptions: { show: { ...show, objectName: [CUSTOM_OBJECT_NAME] } },
		},
		...typedFieldProperties(show),
	];
}
