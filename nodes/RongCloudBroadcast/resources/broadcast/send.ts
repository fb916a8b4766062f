import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { messageProperties } from '../../shared/descriptions/messageDescription';
import { pushExtProperty } from '../../shared/descriptions/pushExtDescription';
import { readCallOptions, readOptions, type Operation, type PreparedCall } from '../../shared/operation';
import { buildPushExt } from '../../shared/pushExt';
import { readMessage } from '../../shared/readMessage';
import { asBoolean, asText, ensure, invalid } from '../../shared/validation';
import { callOptionProperties } from './callOptions';

export const OS_VALUES = ['iOS', 'Android'];

export const sendProperties: INodeProperties[] = [
	...messageProperties(['send']),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { operation: ['send'] } },
		options: [
			{
				displayName: 'Content Available (iOS Silent Push)',
				name: 'contentAvailable',
				type: 'boolean',
				default: false,
				description: 'Whether to wake the iOS app in the background (silent push); sent as 1',
			},
			{
				displayName: 'Disable Update Last Message',
				name: 'disableUpdateLastMsg',
				type: 'boolean',
				default: false,
				description: 'Whether to leave the conversation list\'s last message unchanged',
			},
			...callOptionProperties,
			{
				displayName: 'Platform',
				name: 'os',
				type: 'options',
				default: 'iOS',
				description: 'Send only to this platform; leave this option out to reach all users',
				options: [
					{ name: 'iOS', value: 'iOS' },
					{ name: 'Android', value: 'Android' },
				],
			},
			{
				displayName: 'Push Content',
				name: 'pushContent',
				type: 'string',
				default: '',
				description: 'Text of the push notification offline users receive. Some message types (custom, notifications) push only when this is set.',
			},
			{
				displayName: 'Push Data',
				name: 'pushData',
				type: 'string',
				default: '',
				description: 'Data delivered with the push notification (appData in the payload); an object from an expression is sent as JSON',
			},
		],
	},
	pushExtProperty(['send']),
];

function prepare(ctx: IExecuteFunctions, itemIndex: number): PreparedCall {
	const message = readMessage(ctx, itemIndex);
	const options = readOptions(ctx, itemIndex);
	const { dryRun, timeout } = readCallOptions(options);
	const fields: Record<string, string> = {
		content: message.content,
		fromUserId: message.fromUserId,
		objectName: message.objectName,
	};

	const pushContent = asText(options.pushContent, 'options.pushContent');
	if (pushContent !== '') fields.pushContent = pushContent;
	const pushData = options.pushData;
	if (pushData !== undefined && pushData !== null && pushData !== '') {
		if (typeof pushData === 'object' && !Array.isArray(pushData)) fields.pushData = JSON.stringify(pushData);
		else if (typeof pushData === 'string') fields.pushData = pushData;
		else invalid('pushDataType');
	}
	const pushExt = buildPushExt(ctx.getNodeParameter('pushExt', itemIndex, {}));
	if (pushExt) fields.pushExt = JSON.stringify(pushExt);

	const os = asText(options.os, 'options.os');
	if (os !== '') {
		ensure(OS_VALUES.includes(os), 'osValue', `got "${os}"`);
		fields.os = os;
	}
	const contentAvailable = asBoolean(options.contentAvailable, 'options.contentAvailable');
	if (contentAvailable !== undefined) fields.contentAvailable = contentAvailable ? '1' : '0';
	const disableUpdateLastMsg = asBoolean(options.disableUpdateLastMsg, 'options.disableUpdateLastMsg');
	if (disableUpdateLastMsg !== undefined) fields.disableUpdateLastMsg = String(disableUpdateLastMsg);

	return {
		request: { path: '/message/broadcast.json', body: { type: 'form', fields }, timeout },
		dryRun,
		summary: { fromUserId: message.fromUserId, objectName: message.objectName },
	};
}

export const send: Operation = { prepare, resultKeys: ['messageUID'] };
