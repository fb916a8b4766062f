import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	disableUpdateLastMsgOption,
	idempotencyKeyOption,
	messageProperties,
} from '../../shared/descriptions/messageDescription';
import { pushExtProperty } from '../../shared/descriptions/pushExtDescription';
import type { Operation, PreparedCall } from '../../shared/operation';
import { buildPushExt } from '../../shared/pushExt/build';
import { prepareMessageForm } from '../../shared/readMessage';
import { asBoolean, asText, ensure, invalid } from '../../shared/validation';
import { optionsProperty } from './callOptions';

export const OS_VALUES = ['iOS', 'Android'];

export const sendProperties: INodeProperties[] = [
	...messageProperties(['send', 'sendOnline']),
	optionsProperty('send', [
		{
			displayName: 'Content Available (iOS Silent Push)',
			name: 'contentAvailable',
			type: 'boolean',
			default: false,
			description: 'Whether to wake the iOS app in the background (silent push); sent as 1',
		},
		disableUpdateLastMsgOption,
		idempotencyKeyOption,
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
	]),
	pushExtProperty(['send']),
];

function prepare(ctx: IExecuteFunctions, itemIndex: number): PreparedCall {
	return prepareMessageForm(ctx, itemIndex, '/message/broadcast.json', (fields, options) => {
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
	});
}

export const send: Operation = { prepare, resultKeys: ['messageUID'] };
