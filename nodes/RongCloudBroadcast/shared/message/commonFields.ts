import type { ContentField } from './types';

/** Fields several message types share, each defined once; a type may narrow one (`{ ...name, required: true }`). */

export const extra: ContentField = {
	key: 'extra',
	parameter: 'extra',
	displayName: 'Extra',
	type: 'string',
	description: 'Custom data passed through to the client app, not displayed',
};
export const user: ContentField = {
	key: 'user',
	parameter: 'user',
	displayName: 'Sender Info',
	type: 'user',
	description: 'User info carried in the message, shown by clients instead of a lookup',
};
export const thumbnail: ContentField = {
	key: 'content',
	parameter: 'thumbnail',
	displayName: 'Thumbnail (Base64)',
	type: 'string',
	rules: ['base64'],
	description: 'Base64 of a small JPEG thumbnail, without a data: prefix',
};
export const duration: ContentField = {
	key: 'duration',
	parameter: 'duration',
	displayName: 'Duration (Seconds)',
	type: 'number',
	required: true,
	rules: ['positiveWholeNumber'],
	description: 'Length in whole seconds, greater than 0',
};
export const name: ContentField = { key: 'name', parameter: 'name', displayName: 'Name', type: 'string' };
export const remoteUrl: ContentField = {
	key: 'remoteUrl',
	parameter: 'remoteUrl',
	displayName: 'Remote URL',
	type: 'string',
	required: true,
	rules: ['url'],
	description: 'URL the client downloads the media from',
};
export const imageUri: ContentField = { key: 'imageUri', parameter: 'imageUri', displayName: 'Image URL', type: 'string', rules: ['url'] };
export const contentOperation: ContentField = {
	key: 'operation',
	parameter: 'contentOperation',
	displayName: 'Notification Operation',
	type: 'string',
	required: true,
	description: 'The "operation" field of the notification content',
};
export const data: ContentField = { key: 'data', parameter: 'data', displayName: 'Data', type: 'string' };
