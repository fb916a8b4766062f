import { type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { readMessage } from '../../shared/message/content';
import { messageFields } from '../../shared/message/description';
import { defineOperation, type Operation, type PreparedCall } from '../../shared/operation';
import { disableUpdateLastMsgOption, idempotencyKeyOption, messageOptionFields, optionsCollection } from '../../shared/options';
import { pushExtField } from '../../shared/pushExt/description';
import { contentAvailableOption, pushContentOption, pushDataOption, readContentAvailable, readPushFields } from '../../shared/pushOptions';
import { asText, ensure } from '../../shared/validation';

const OS_VALUES = ['iOS', 'Android'];

const properties: INodeProperties[] = [
	...messageFields,
	optionsCollection([
		contentAvailableOption,
		disableUpdateLastMsgOption,
		idempotencyKeyOption,
		pushContentOption,
		pushDataOption,
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

/** The form of v1's /message/broadcast.json, fields in the order RongCloud's documented example sends them. */
function prepare(ctx: IExecuteFunctions, itemIndex: number, options: Record<string, unknown>): PreparedCall {
	const message = readMessage(ctx, itemIndex);
	const fields: Record<string, string> = { content: message.content, fromUserId: message.fromUserId, objectName: message.objectName };
	Object.assign(fields, readPushFields(ctx, itemIndex, options));
	// Once added, the option narrows the push: a value an expression did not find must not widen it to every OS.
	if (Object.hasOwn(options, 'os')) {
		const os = asText(options.os, 'options.os');
		ensure(OS_VALUES.includes(os), 'osValue', `got ${os === '' ? 'nothing' : `"${os}"`}`);
		fields.os = os;
	}
	Object.assign(fields, readContentAvailable(options), messageOptionFields(options));
	return {
		body: { type: 'form', fields },
		summary: { fromUserId: message.fromUserId, objectName: message.objectName },
		warnings: message.warnings,
	};
}

export const send: Operation = defineOperation({
	option: {
		name: 'Send to All Users',
		value: 'send',
		description: 'System message to every user of the app',
	},
	endpoint: 'broadcastToAll',
	properties,
	prepare,
	results: { messageUID: 'this broadcast cannot be recalled from the workflow' },
});
