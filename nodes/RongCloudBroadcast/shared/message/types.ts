import { LATITUDE_RANGE, LONGITUDE_RANGE, MAX_IMAGE_THUMBNAIL_BASE64, MAX_VOICE_DURATION_SECONDS, RECOMMENDED_IMAGE_THUMBNAIL_BASE64 } from '../limits';

/** A check beyond the JSON type, for values a client cannot render otherwise. */
export type ContentRule =
	| 'positiveWholeNumber'
	| 'wholeNumber'
	| 'latitude'
	| 'longitude'
	| 'base64'
	| 'url'
	| 'imageThumbnailSize'
	| 'voiceDuration';

/** One field of a built-in message's content JSON, and the node parameter that fills it. */
export interface ContentField {
	/** Key in the content JSON. */
	key: string;
	/** Node parameter name; differs from `key` only where the key would clash with another parameter. */
	parameter: string;
	displayName: string;
	type: 'string' | 'number' | 'user';
	/** A client needs this field to display the message. */
	required?: boolean;
	/** Why a client needs it, told when it is missing (the generic rule says the rest). */
	why?: string;
	/** Checked in this order; the first one broken is reported. */
	rules?: ContentRule[];
	/** Sent when the user gives nothing: RongCloud's Java SDK sends "" for RC:CmdMsg data. */
	whenBlank?: string;
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
	rules: ['base64'],
	description: 'Base64 of a small JPEG thumbnail, without a data: prefix',
};
const duration: ContentField = {
	key: 'duration',
	parameter: 'duration',
	displayName: 'Duration (Seconds)',
	type: 'number',
	required: true,
	rules: ['positiveWholeNumber'],
	description: 'Length in whole seconds, greater than 0',
};
const name: ContentField = { key: 'name', parameter: 'name', displayName: 'Name', type: 'string' };
const remoteUrl: ContentField = {
	key: 'remoteUrl',
	parameter: 'remoteUrl',
	displayName: 'Remote URL',
	type: 'string',
	required: true,
	rules: ['url'],
	description: 'URL the client downloads the media from',
};
const imageUri: ContentField = { key: 'imageUri', parameter: 'imageUri', displayName: 'Image URL', type: 'string', rules: ['url'] };
const contentOperation: ContentField = {
	key: 'operation',
	parameter: 'contentOperation',
	displayName: 'Notification Operation',
	type: 'string',
	required: true,
	description: 'The "operation" field of the notification content',
};
const data: ContentField = { key: 'data', parameter: 'data', displayName: 'Data', type: 'string' };

/** Built-in types a client renders from typed fields, in the order users meet them. */
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
		fields: [
			{ ...imageUri, required: true, description: 'URL of the full image' },
			{
				...thumbnail,
				required: true,
				rules: ['base64', 'imageThumbnailSize'],
				description: `Base64 of a small JPEG thumbnail, without a data: prefix: at most ${MAX_IMAGE_THUMBNAIL_BASE64 / 1024} KB of Base64, ${RECOMMENDED_IMAGE_THUMBNAIL_BASE64 / 1024} KB recommended. Clients show it first; without it the image may never display.`,
			},
			extra,
			user,
		],
	},
	'RC:GIFMsg': {
		displayName: 'GIF (RC:GIFMsg)',
		description: 'Stored and counted',
		fields: [
			remoteUrl,
			{
				key: 'gifDataSize',
				parameter: 'gifDataSize',
				displayName: 'GIF Size (Bytes)',
				type: 'number',
				required: true,
				rules: ['positiveWholeNumber'],
				description: 'File size in bytes, greater than 0',
			},
			{ key: 'width', parameter: 'width', displayName: 'Width', type: 'number', required: true, rules: ['positiveWholeNumber'], description: 'Width in pixels, greater than 0' },
			{ key: 'height', parameter: 'height', displayName: 'Height', type: 'number', required: true, rules: ['positiveWholeNumber'], description: 'Height in pixels, greater than 0' },
			extra,
			user,
		],
	},
	'RC:HQVCMsg': {
		displayName: 'Voice (RC:HQVCMsg)',
		description: 'High-quality voice message; stored and counted',
		fields: [
			remoteUrl,
			{
				...duration,
				rules: ['positiveWholeNumber', 'voiceDuration'],
				description: `Length in whole seconds, 1 to ${MAX_VOICE_DURATION_SECONDS}`,
			},
			extra,
			user,
		],
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
			{ ...name, required: true, description: 'File name shown in the chat, such as report.pdf' },
			{
				key: 'size',
				parameter: 'size',
				displayName: 'Size (Bytes)',
				type: 'number',
				required: true,
				rules: ['wholeNumber'],
				description: 'File size in bytes, 0 or more',
			},
			{
				key: 'type',
				parameter: 'type',
				displayName: 'File Type',
				type: 'string',
				required: true,
				why: 'the file\'s extension (such as pdf), by which clients show the file',
				description: 'File extension without the dot, such as pdf',
			},
			{ key: 'fileUrl', parameter: 'fileUrl', displayName: 'File URL', type: 'string', required: true, rules: ['url'], description: 'URL the client downloads the file from' },
			extra,
			user,
		],
	},
	'RC:SightMsg': {
		displayName: 'Short Video (RC:SightMsg)',
		description: 'Stored and counted',
		fields: [
			{
				...thumbnail,
				required: true,
				why: 'the first-frame thumbnail clients show before the video plays',
				description: 'Base64 of the video\'s first frame as a small JPEG, without a data: prefix; clients show it before the video plays',
			},
			{ key: 'sightUrl', parameter: 'sightUrl', displayName: 'Video URL', type: 'string', required: true, rules: ['url'], description: 'URL the client plays the video from' },
			duration,
			{
				key: 'size',
				parameter: 'size',
				displayName: 'Size (Bytes)',
				type: 'number',
				required: true,
				rules: ['positiveWholeNumber'],
				description: 'Video size in bytes, greater than 0',
			},
			{ ...name, required: true, why: 'the video\'s file name, which RongCloud\'s client SDKs require', description: 'File name of the video, such as clip.mp4' },
			extra,
			user,
		],
	},
	'RC:LBSMsg': {
		displayName: 'Location (RC:LBSMsg)',
		description: 'Pushed as "[Location]"',
		fields: [
			thumbnail,
			{ key: 'latitude', parameter: 'latitude', displayName: 'Latitude', type: 'number', required: true, rules: ['latitude'], description: `From -${LATITUDE_RANGE} to ${LATITUDE_RANGE}` },
			{ key: 'longitude', parameter: 'longitude', displayName: 'Longitude', type: 'number', required: true, rules: ['longitude'], description: `From -${LONGITUDE_RANGE} to ${LONGITUDE_RANGE}` },
			{ key: 'poi', parameter: 'poi', displayName: 'Place Name', type: 'string', required: true, description: 'Name of the place, shown under the map' },
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
		fields: [{ ...name, required: true, description: 'Command name your client app handles' }, data],
	},
	'RC:CmdMsg': {
		displayName: 'Command (RC:CmdMsg)',
		description: 'Not stored, not counted: a signal to the client app. Pushed to offline users only when Push Content is set.',
		fields: [
			{ ...name, required: true, description: 'Command name your client app handles' },
			{ ...data, whenBlank: '', description: 'Data your client app reads with the command; sent as "" when empty, as RongCloud\'s Java SDK sends it' },
		],
	},
	'RC:ContactNtf': {
		displayName: 'Contact Notification (RC:ContactNtf)',
		description: 'Friend request style notification',
		fields: [
			contentOperation,
			{ key: 'sourceUserId', parameter: 'sourceUserId', displayName: 'Source User ID', type: 'string', required: true },
			{ key: 'targetUserId', parameter: 'targetUserId', displayName: 'Target User ID', type: 'string', required: true },
			{
				key: 'message',
				parameter: 'message',
				displayName: 'Message',
				type: 'string',
				required: true,
				why: 'the text clients show with the contact request or answer',
				description: 'Text shown with the request or answer, such as a greeting',
			},
			extra,
		],
	},
	'RC:ProfileNtf': {
		displayName: 'Profile Notification (RC:ProfileNtf)',
		description: 'Profile change notification',
		fields: [contentOperation, data, extra],
	},
};

export const CUSTOM_OBJECT_NAME = 'custom';
/** Message Type choice for a built-in type the list does not have; its name goes in builtInObjectName. */
export const OTHER_BUILT_IN_OBJECT_NAME = 'otherBuiltIn';
export const BUILT_IN_PREFIX = 'RC:';

export const USER_KEYS = ['id', 'name', 'portrait', 'extra'] as const;
/** The listed built-in type of that name; a lookup that never reaches Object.prototype (toString, __proto__). */
export function builtInType(objectName: string): MessageType | undefined {
	return Object.hasOwn(MESSAGE_TYPES, objectName) ? MESSAGE_TYPES[objectName] : undefined;
}

