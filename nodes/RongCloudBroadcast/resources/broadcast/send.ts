import { type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { readMessage } from '../../shared/message/content';
import { messageFields } from '../../shared/message/description';
import { BROADCAST_QUOTA_ADVICE, QUOTA_TEXT } from '../../../../credentials/common/rongcloud/codes';
import { missingResultWarning } from '../../run/itemErrors';
import { defineOperation, NAMED_BY_MESSAGE_UID, type Operation, type PreparedCall } from '../../shared/operation';
import { disableUpdateLastMsgOption, idempotencyKeyOption, messageOptionFields, optionsCollection } from '../../shared/options';
import { buildPushExt } from '../../shared/pushExt/build';
import { pushExtField } from '../../shared/pushExt/description';
import { asFlag, asText, ensure, invalid } from '../../shared/validation';

const OS_VALUES = ['iOS', 'Android'];

const properties: INodeProperties[] = [
	...messageFields,
	optionsCollection([
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
		{
			// RongCloud's SDKs document os as the push's target; the broadcast itself is not filtered by it.
			displayName: 'Push Notification OS',
			name: 'os',
			type: 'options',
			default: 'iOS',
			description:
				'Which operating system gets the push notification that offline users receive (iOS or Android). The message itself still reaches every user on every platform. Leave this option out to push to both.',
			options: [
				{ name: 'iOS', value: 'iOS' },
				{ name: 'Android', value: 'Android' },
			],
		},
	]),
	pushExtField,
];

/** The form of /message/broadcast.json, fields in the order RongCloud's documented example sends them. */
function prepare(ctx: IExecuteFunctions, itemIndex: number, options: Record<string, unknown>): PreparedCall {
	const message = readMessage(ctx, itemIndex);
	const fields: Record<string, string> = { content: message.content, fromUserId: message.fromUserId, objectName: message.objectName };
	const pushContent = asText(options.pushContent, 'options.pushContent');
	if (pushContent !== '') fields.pushContent = pushContent;
	const pushData = options.pushData;
	if (pushData !== undefined && pushData !== null && pushData !== '') {
		if (typeof pushData === 'object' && !Array.isArray(pushData)) fields.pushData = JSON.stringify(pushData);
		else if (typeof pushData === 'string') fields.pushData = asText(pushData, 'options.pushData');
		else invalid('pushDataType');
	}
	const pushExt = buildPushExt(ctx.getNodeParameter('pushExt', itemIndex, {}));
	if (pushExt) fields.pushExt = JSON.stringify(pushExt);
	// Once added, the option narrows the push: a value an expression did not find must not widen it to every OS.
	if (Object.hasOwn(options, 'os')) {
		const os = asText(options.os, 'options.os');
		ensure(OS_VALUES.includes(os), 'osValue', `got ${os === '' ? 'nothing' : `"${os}"`}`);
		fields.os = os;
	}
	const contentAvailable = asFlag(options.contentAvailable, 'options.contentAvailable');
	if (contentAvailable !== undefined) fields.contentAvailable = String(contentAvailable);
	Object.assign(fields, messageOptionFields(options));
	return {
		path: '/message/broadcast.json',
		body: { type: 'form', fields },
		summary: { fromUserId: message.fromUserId, objectName: message.objectName },
		warnings: message.warnings,
	};
}

export const send: Operation = defineOperation({
	option: {
		name: 'Send to All Users',
		value: 'send',
		action: 'Send broadcast to all users',
		description: `System message to every user of the app. ${QUOTA_TEXT}.`,
	},
	sharesBroadcastQuota: true,
	properties,
	prepare,
	resultKeys: ['messageUID'],
	namedBy: NAMED_BY_MESSAGE_UID,
	done: 'delivered',
	missingResultWarning: (key) => missingResultWarning(key, 'this broadcast cannot be recalled from the workflow'),
	codeAdvice: { 1008: BROADCAST_QUOTA_ADVICE },
});
