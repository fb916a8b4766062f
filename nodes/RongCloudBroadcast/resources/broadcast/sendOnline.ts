import { type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { readMessage } from '../../shared/message/content';
import { messageFields } from '../../shared/message/description';
import { missingResultWarning } from '../../run/itemErrors';
import { defineOperation, NAMED_BY_MESSAGE_UID, type Operation, type PreparedCall } from '../../shared/operation';
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
		path: '/message/online/broadcast.json',
		body: { type: 'form', fields },
		summary: { fromUserId: message.fromUserId, objectName: message.objectName },
		warnings: message.warnings,
	};
}

/** Send to Online Users has a limit of its own, apart from the broadcast quota. */
const ONLINE_QUOTA_ADVICE = 'Send to Online Users is limited separately from broadcasts: wait a minute before sending again, and test workflows with the Dry Run option.';

export const sendOnline: Operation = defineOperation({
	option: {
		name: 'Send to Online Users',
		value: 'sendOnline',
		action: 'Send broadcast to online users',
		description:
			'System message to users online now (and those who come online within 10 minutes). It cannot be recalled. Not counted in the broadcast quota.',
	},
	sharesBroadcastQuota: false,
	properties,
	prepare,
	resultKeys: ['messageUID'],
	namedBy: NAMED_BY_MESSAGE_UID,
	done: 'delivered',
	missingResultWarning: (key) => missingResultWarning(key, 'this broadcast cannot be traced from the workflow'),
	codeAdvice: { 1008: ONLINE_QUOTA_ADVICE },
});
