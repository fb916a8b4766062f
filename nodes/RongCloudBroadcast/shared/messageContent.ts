import { asJsonObject, asNumber, asObject, asText, ensure } from './validation';

/** One field of a built-in message's content JSON, and the node parameter that fills it. */
export interface ContentField {
	/** Key in the content JSON. */
	key: string;
	/** Node parameter name; differs from `key` only where the key would clash with another parameter. */
	parameter: string;
	displayName: string;
	type: 'string' | 'number' | 'user';
	required?: boolean;
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
	description: 'Base64 of a small JPEG thumbnail, without a data: prefix',
};
const duration: ContentField = { key: 'duration', parameter: 'duration', displayName: 'Duration (Seconds)', type: 'number' };
const size: ContentField = { key: 'size', parameter: 'size', displayName: 'Size (Bytes)', type: 'number' };
const name: ContentField = { key: 'name', parameter: 'name', displayName: 'Name', type: 'string' };
const remoteUrl: ContentField = { key: 'remoteUrl', parameter: 'remoteUrl', displayName: 'Remote URL', type: 'string' };
const imageUri: ContentField = { key: 'imageUri', parameter: 'imageUri', displayName: 'Image URL', type: 'string' };
const contentOperation: ContentField = {
	key: 'operation',
	parameter: 'contentOperation',
	displayName: 'Notification Operation',
	type: 'string',
	description: 'The "operation" field of the notification content',
};
const data = (required: boolean): ContentField => ({ key: 'data', parameter: 'data', displayName: 'Data', type: 'string', required });

/** Built-in types (rongcloud-api.md section 5), in the order users meet them. */
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
		fields: [{ ...imageUri, required: true, description: 'URL of the full image' }, thumbnail, extra, user],
	},
	'RC:GIFMsg': {
		displayName: 'GIF (RC:GIFMsg)',
		description: 'Stored and counted',
		fields: [
			remoteUrl,
			{ key: 'gifDataSize', parameter: 'gifDataSize', displayName: 'GIF Size (Bytes)', type: 'number' },
			{ key: 'width', parameter: 'width', displayName: 'Width', type: 'number' },
			{ key: 'height', parameter: 'height', displayName: 'Height', type: 'number' },
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
			name,
			size,
			{ key: 'type', parameter: 'type', displayName: 'File Type', type: 'string', description: 'File extension without the dot, such as pdf' },
			{ key: 'fileUrl', parameter: 'fileUrl', displayName: 'File URL', type: 'string' },
			extra,
			user,
		],
	},
	'RC:SightMsg': {
		displayName: 'Short Video (RC:SightMsg)',
		description: 'Stored and counted',
		fields: [thumbnail, { key: 'sightUrl', parameter: 'sightUrl', displayName: 'Video URL', type: 'string' }, duration, size, name, extra, user],
	},
	'RC:LBSMsg': {
		displayName: 'Location (RC:LBSMsg)',
		description: 'Pushed as "[Location]"',
		fields: [
			thumbnail,
			{ key: 'latitude', parameter: 'latitude', displayName: 'Latitude', type: 'number' },
			{ key: 'longitude', parameter: 'longitude', displayName: 'Longitude', type: 'number' },
			{ key: 'poi', parameter: 'poi', displayName: 'Place Name', type: 'string' },
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
		fields: [name, data(false)],
	},
	'RC:CmdMsg': {
		displayName: 'Command (RC:CmdMsg)',
		description: 'Not stored, not counted, never pushed: a signal to the client app',
		fields: [{ ...name, required: true }, data(true)],
	},
	'RC:ContactNtf': {
		displayName: 'Contact Notification (RC:ContactNtf)',
		description: 'Friend request style notification',
		fields: [
			contentOperation,
			{ key: 'sourceUserId', parameter: 'sourceUserId', displayName: 'Source User ID', type: 'string' },
			{ key: 'targetUserId', parameter: 'targetUserId', displayName: 'Target User ID', type: 'string' },
			{ key: 'message', parameter: 'message', displayName: 'Message', type: 'string' },
			extra,
		],
	},
	'RC:ProfileNtf': {
		displayName: 'Profile Notification (RC:ProfileNtf)',
		description: 'Profile change notification',
		fields: [contentOperation, data(false), extra],
	},
};

export const CUSTOM_OBJECT_NAME = 'custom';
export const MAX_CONTENT_BYTES = 128 * 1024;

const USER_KEYS = ['id', 'name', 'portrait', 'extra'] as const;

/** Resolves the objectName parameter pair into the wire value, checking custom names. */
export function resolveObjectName(objectName: unknown, customObjectName: unknown): string {
	const selected = asText(objectName, 'objectName');
	if (selected !== CUSTOM_OBJECT_NAME) {
		ensure(MESSAGE_TYPES[selected], 'objectNameKnown', `got "${selected}"`);
		return selected;
	}
	const custom = asText(customObjectName, 'customObjectName').trim();
	ensure(custom.length > 0, 'customObjectNameRequired');
	ensure(!custom.toUpperCase().startsWith('RC:'), 'customObjectNameReserved', `got "${custom}"`);
	ensure(custom.length <= 32, 'customObjectNameLength', `got ${custom.length} characters`);
	return custom;
}

/** Content JSON from the typed fields of a built-in type; `read` returns a parameter's value. */
export function contentFromFields(objectName: string, read: (parameter: string) => unknown): Record<string, unknown> {
	const type = MESSAGE_TYPES[objectName];
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
	checkRequiredFields(objectName, content);
	return content;
}

/** Content JSON given whole (JSON mode, or custom types): a string from the editor or an object from an expression. */
export function contentFromJson(objectName: string, raw: unknown): Record<string, unknown> {
	const content = asJsonObject(raw, 'contentJsonObject');
	if (MESSAGE_TYPES[objectName]) checkRequiredFields(objectName, content);
	return content;
}

function checkRequiredFields(objectName: string, content: Record<string, unknown>): void {
	for (const field of MESSAGE_TYPES[objectName].fields) {
		if (!field.required) continue;
		const value = content[field.key];
		const present = value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
		ensure(present, 'contentRequiredField', `${objectName} needs "${field.key}" (parameter ${field.parameter})`,
			`content.${field.key}`);
	}
}

/** The content form field exactly as sent, size-checked in UTF-8 bytes. */
export function serializeContent(content: Record<string, unknown>): string {
	const serialized = JSON.stringify(content);
	const bytes = Buffer.byteLength(serialized, 'utf8');
	ensure(bytes <= MAX_CONTENT_BYTES, 'contentSize', `got ${bytes} bytes`);
	return serialized;
}
