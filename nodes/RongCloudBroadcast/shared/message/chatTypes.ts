import { IMAGE_THUMBNAIL_ADVICE_WORDS, LATITUDE_RANGE, LONGITUDE_RANGE, MAX_VOICE_DURATION_SECONDS } from '../limits';
import { duration, extra, imageUri, name, remoteUrl, thumbnail, user } from './commonFields';
import type { MessageType } from './types';

/** Messages a chat shows as a bubble: text, media, files and places, in the order users meet them. */
export const CHAT_MESSAGE_TYPES: Record<string, MessageType> = {
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
				advisories: ['imageThumbnailSize'],
				description: `Base64 of a small JPEG thumbnail, without a data: prefix. RongCloud's sources advise ${IMAGE_THUMBNAIL_ADVICE_WORDS} of Base64: a larger one is sent, with a warning. Clients show it first; without it the image may never display.`,
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
			{
				...name,
				warningWhenMissing:
					'RC:FileMsg has no "name": sent without it. RongCloud\'s Go SDK v4 says a client makes up a name when it downloads the file; its Java SDK, Web SDK and documentation expect one (the name shown in the chat).',
				description: 'File name shown in the chat, such as report.pdf. Left out, it is sent without one (a client makes one up, says RongCloud\'s Go SDK v4), with a warning: its Java SDK and documentation expect one.',
			},
			{
				key: 'size',
				parameter: 'size',
				displayName: 'Size (Bytes)',
				type: 'number',
				required: true,
				rules: ['wholeNumber'],
				digitsAsText: true,
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
};
