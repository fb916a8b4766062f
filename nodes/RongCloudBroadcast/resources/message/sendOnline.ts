import { type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { readMessage } from '../../shared/message/content';
import { messageFields } from '../../shared/message/description';
import { defineOperation, type Operation, type PreparedCall } from '../../shared/operation';
import { disableUpdateLastMsgOption, idempotencyKeyOption, messageOptionFields, optionsCollection } from '../../shared/options';

/** The same message inputs as Send to All Users; the endpoint takes no push settings. */
const properties: INodeProperties[] = [
	{
		displayName:
			'Only users online now receive this message (and those who come online within 10 minutes). It cannot be recalled, and it does not use the broadcast quota.',
		name: 'onlineNotice',
		type: 'notice',
		default: '',
	},
	...messageFields,
	optionsCollection([disableUpdateLastMsgOption, idempotencyKeyOption]),
];

function prepare(ctx: IExecuteFunctions, itemIndex: number, options: Record<string, unknown>): PreparedCall {
	const message = readMessage(ctx, itemIndex);
	const fields: Record<string, string> = { content: message.content, fromUserId: message.fromUserId, objectName: message.objectName };
	Object.assign(fields, messageOptionFields(options));
	return {
		body: { type: 'form', fields },
		summary: { fromUserId: message.fromUserId, objectName: message.objectName },
		warnings: message.warnings,
	};
}

export const sendOnline: Operation = defineOperation({
	option: {
		name: 'Send to Online Users',
		value: 'sendOnline',
		description: 'System message to users online now',
	},
	endpoint: 'broadcastToOnline',
	properties,
	prepare,
	results: { messageUID: 'this broadcast cannot be traced from the workflow' },
});
