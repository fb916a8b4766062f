import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { MAX_TAGS, MAX_USER_IDS } from '../../../shared/limits';
import { readMessage } from '../../../shared/message/content';
import { messageFields } from '../../../shared/message/description';
import { defineOperation, type Operation, type PreparedCall } from '../../../shared/operation';
import { disableUpdateLastMsgOption, optionsCollection, readDisableUpdateLastMsg } from '../../../shared/options';
import { asSwitch, asText, ensure } from '../../../shared/validation';
import { notificationField } from './notificationDescription';
import { buildAudience, buildNotification, readPlatform } from './payload';

const properties: INodeProperties[] = [
	{
		displayName: 'Platform',
		name: 'platform',
		type: 'multiOptions',
		required: true,
		default: ['ios', 'android'],
		description: 'Operating systems to push to; at least one',
		options: [
			{ name: 'Android', value: 'android' },
			{ name: 'iOS', value: 'ios' },
		],
	},
	{
		displayName: 'Audience',
		name: 'audience',
		type: 'options',
		default: 'all',
		description: 'Who receives the notification',
		options: [
			{ name: 'All Users', value: 'all', description: 'Every user on the chosen platforms' },
			{ name: 'App Package', value: 'packageName', description: 'Users of one app package (such as a student app)' },
			{ name: 'Tags: All of (AND)', value: 'tag', description: `Users who have every tag listed (at most ${MAX_TAGS})` },
			{ name: 'Tags: Any of (OR)', value: 'tag_or', description: `Users who have at least one tag listed (at most ${MAX_TAGS})` },
			{ name: 'User IDs', value: 'userid', description: `The users listed (at most ${MAX_USER_IDS})` },
		],
	},
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. vip, beijing',
		description: `User tags, comma-separated (or an array from an expression); 1 to ${MAX_TAGS}`,
		displayOptions: { show: { audience: ['tag', 'tag_or'] } },
	},
	{
		displayName: 'User IDs',
		name: 'userIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. user1, user2',
		description: `User IDs, comma-separated (or an array from an expression); 1 to ${MAX_USER_IDS}`,
		displayOptions: { show: { audience: ['userid'] } },
	},
	{
		displayName: 'Package Name',
		name: 'packageName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. com.example.app',
		description: 'The app package whose users receive the notification',
		displayOptions: { show: { audience: ['packageName'] } },
	},
	{
		displayName: 'Audience Filters (AND)',
		name: 'audienceFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description:
			'Narrow a tag or app package audience further: a user must match the audience above and every filter added here',
		displayOptions: { show: { audience: ['tag', 'tag_or', 'packageName'] } },
		options: [
			{
				displayName: 'Also Has All These Tags (AND)',
				name: 'tag',
				type: 'string',
				default: '',
				placeholder: 'e.g. vip, beijing',
				description: `Users must also have every tag listed; comma-separated (or an array from an expression), 1 to ${MAX_TAGS}`,
				displayOptions: { show: { '/audience': ['tag_or', 'packageName'] } },
			},
			{
				displayName: 'Also Has Any of These Tags (OR)',
				name: 'tag_or',
				type: 'string',
				default: '',
				placeholder: 'e.g. android-beta, ios-beta',
				description: `Users must also have at least one tag listed; comma-separated (or an array from an expression), 1 to ${MAX_TAGS}`,
				displayOptions: { show: { '/audience': ['tag', 'packageName'] } },
			},
			{
				displayName: 'Also Uses App Package',
				name: 'packageName',
				type: 'string',
				default: '',
				placeholder: 'e.g. com.example.app',
				description: 'Users must also use this app package',
				displayOptions: { show: { '/audience': ['tag', 'tag_or'] } },
			},
		],
	},
	{
		// Not required in the editor: n8n would refuse to run a node whose required parameter is empty, and both platform alerts may stand in for it.
		displayName: 'Alert',
		name: 'alert',
		type: 'string',
		default: '',
		typeOptions: { rows: 2 },
		description: 'The notification text. Required unless both iOS Alert and Android Alert are set under Notification Options (sent then without it, with a warning).',
	},
	notificationField,
	{
		displayName: 'Send System Message',
		name: 'sendMessage',
		type: 'boolean',
		default: false,
		description:
			'Whether to also deliver a system message (stored in the SYSTEM conversation of From User ID), not only the notification',
	},
	...updateDisplayOptions({ show: { sendMessage: [true] } }, messageFields),
	optionsCollection([disableUpdateLastMsgOption]),
];

/** Audiences RongCloud's recall page does not name, in the words of a warning. */
const UNDOCUMENTED_RECALL: Record<string, string> = { all: 'all users', userid: 'user IDs' };

function prepare(ctx: IExecuteFunctions, itemIndex: number, options: Record<string, unknown>): PreparedCall {
	const read = (name: string, fallback: unknown = '') => ctx.getNodeParameter(name, itemIndex, fallback);
	const platform = readPlatform(read('platform', []));
	const audienceName = asText(read('audience', 'all'), 'audience');
	const audience = buildAudience(audienceName, read);
	const { notification, warnings } = buildNotification(read('alert'), read('notification', {}));
	// A switch that decides whether every user also gets a message: true or false, nothing else.
	const sendMessage = asSwitch({ sendMessage: read('sendMessage', false) }, 'sendMessage', 'sendMessage');
	const message = sendMessage ? readMessage(ctx, itemIndex) : undefined;

	const disableUpdateLastMsg = readDisableUpdateLastMsg(options);
	ensure(message || disableUpdateLastMsg === undefined, 'messageOptionNeedsMessage');

	const body: IDataObject = { platform };
	if (message) body.fromuserid = message.fromUserId;
	body.audience = audience;
	body.notification = notification;
	if (message) {
		const systemMessage: IDataObject = { content: message.content, objectName: message.objectName };
		if (disableUpdateLastMsg !== undefined) systemMessage.disableUpdateLastMsg = disableUpdateLastMsg;
		body.message = systemMessage;
	}
	const summary: IDataObject = { platform, audience: audienceName };
	if (message) Object.assign(summary, { fromUserId: message.fromUserId, objectName: message.objectName });
	if (message) warnings.push(...message.warnings);
	// The recall page names pushes by tag and by package name; the server decides the others.
	if (message && Object.hasOwn(UNDOCUMENTED_RECALL, audienceName)) {
		warnings.push(
			`Recall: RongCloud documents recalling a pushed message only for pushes by tag or by package name; this push went to ${UNDOCUMENTED_RECALL[audienceName]}, so Recall Broadcast may not take its system message back.`,
		);
	}
	// RongCloud answers a messageUID only for a push that carries a system message; a recall needs it.
	const expectedResults = message ? ['id', 'messageUID'] : ['id'];
	return { body: { type: 'json', value: body }, summary, expectedResults, warnings };
}

export const push: Operation = defineOperation({
	option: {
		name: 'Push Notification',
		value: 'push',
		description: 'Notification to all users or a segment',
	},
	endpoint: 'push',
	properties,
	prepare,
	results: {
		id: 'this push cannot be traced from the workflow',
		messageUID: 'the system message of this push cannot be recalled from the workflow',
	},
});
