import { contentOperation, data, extra, name } from './commonFields';
import type { MessageType } from './types';

/** Notifications and commands: gray tips, signals to the client app, contact and profile changes. */
export const NOTIFICATION_TYPES: Record<string, MessageType> = {
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
