import { type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { SENT_TIME_DIGITS } from '../../shared/limits';
import { readFromUserId } from '../../shared/message/content';
import { fromUserIdField } from '../../shared/message/description';
import { defineOperation, type Operation, type PreparedCall, type RefusalAdvice } from '../../shared/operation';
import { disableUpdateLastMsgOption, optionsCollection, readDisableUpdateLastMsg } from '../../shared/options';
import { asFlag, asNumber, asText, ensure } from '../../shared/validation';

/** The defaults take messageUID and fromUserId from the item a Send to All Users or Push Notification node output. */
const properties: INodeProperties[] = [
	{
		...fromUserIdField,
		default: '={{ $json.fromUserId }}',
		description: 'The From User ID the message was sent with. By default taken from the incoming item, which Send to All Users and Push Notification (with Send System Message) output.',
	},
	{
		displayName: 'Message UID',
		name: 'messageUID',
		type: 'string',
		required: true,
		default: '={{ $json.messageUID }}',
		placeholder: 'e.g. BVQK-8CSS-N3S5-U3ML',
		description: 'The messageUID that Send to All Users, or Push Notification with Send System Message, returned. By default taken from the incoming item.',
	},
	{
		displayName: 'Sent Time (Ms)',
		name: 'sentTime',
		type: 'string',
		default: '',
		placeholder: 'e.g. 1585127132438',
		description:
			'The message\'s dateTime from RongCloud\'s Message History Log, in milliseconds since 1970; sent only when set (0 is sent as 0, as RongCloud\'s Go SDK sends it when the time is unknown). RongCloud\'s English documentation calls it optional, its Chinese documentation required. Not the sentTime that Send to All Users or Push Notification output: that is n8n\'s clock when it sent the request.',
	},
	optionsCollection([
		{
			displayName: 'Delete Without Notice',
			name: 'isDelete',
			type: 'boolean',
			default: false,
			description:
				'Whether clients delete the message without leaving a "message recalled" notice in its place (sent as isDelete 1)',
		},
		disableUpdateLastMsgOption,
		{
			displayName: 'Extra',
			name: 'extra',
			type: 'string',
			default: '',
			description: 'Any extra data to carry with the recall command',
		},
		{
			displayName: 'Recalled by Admin',
			name: 'isAdmin',
			type: 'boolean',
			default: false,
			description: 'Whether clients show the recall as done by an administrator (sent as isAdmin 1)',
		},
	]),
];

function prepare(ctx: IExecuteFunctions, itemIndex: number, options: Record<string, unknown>): PreparedCall {
	const fromUserId = readFromUserId(ctx, itemIndex);
	const messageUID = asText(ctx.getNodeParameter('messageUID', itemIndex, ''), 'messageUID').trim();
	ensure(messageUID !== '', 'messageUIDRequired');
	const fields: Record<string, string> = { fromUserId, messageUID };
	const sentTime = asNumber(ctx.getNodeParameter('sentTime', itemIndex, ''), 'sentTime');
	const warnings: string[] = [];
	if (sentTime !== undefined) {
		// Every source types it a whole number (docs Long, Go int); none refuses another length.
		ensure(Number.isSafeInteger(sentTime) && sentTime >= 0, 'sentTimeMilliseconds', `got ${sentTime}`);
		fields.sentTime = String(sentTime);
		const digits = fields.sentTime.length;
		if (sentTime !== 0 && digits !== SENT_TIME_DIGITS) {
			warnings.push(
				`Sent Time (Ms) ${fields.sentTime} has ${digits} digits${digits < SENT_TIME_DIGITS ? ', which looks like seconds' : ''}: RongCloud's sentTime is the message's dateTime from its Message History Log, in milliseconds (13 digits, such as 1585127132438). Sent as given.`,
			);
		}
	}

	const isAdmin = asFlag(options.isAdmin, 'options.isAdmin');
	if (isAdmin !== undefined) fields.isAdmin = String(isAdmin);
	const isDelete = asFlag(options.isDelete, 'options.isDelete');
	if (isDelete !== undefined) fields.isDelete = String(isDelete);
	const extra = asText(options.extra, 'options.extra');
	if (extra !== '') fields.extra = extra;
	const disableUpdateLastMsg = readDisableUpdateLastMsg(options);
	if (disableUpdateLastMsg !== undefined) fields.disableUpdateLastMsg = String(disableUpdateLastMsg);

	return {
		body: { type: 'form', fields },
		summary: { fromUserId, messageUID },
		refusalAdvice: SENT_TIME_REFUSED,
		warnings,
	};
}

/**
 * RongCloud's English doc marks sentTime optional, its Chinese doc required, and no SDK settles it
 * (Java leaves it out, Go sends 0): the node sends it only when set. Should RongCloud refuse a
 * recall naming it, the error says where the value comes from: RongCloud's own dateTime of the
 * message, never n8n's clock (the sentTime a send outputs).
 */
const SENT_TIME_REFUSED: RefusalAdvice = {
	names: /sentTime/i,
	advice:
		'RongCloud\'s refusal names sentTime: set Sent Time (Ms) to the message\'s dateTime from RongCloud\'s Message History Log (milliseconds), or leave it empty if you set one. Not the sentTime that Send to All Users or Push Notification output: that is n8n\'s clock when it sent the request, not RongCloud\'s time of the message.',
};

export const recall: Operation = defineOperation({
	option: {
		name: 'Recall Broadcast',
		value: 'recall',
		description: 'Take back a message sent to all users',
	},
	endpoint: 'recallBroadcast',
	properties,
	prepare,
	results: {},
	recalls: true,
});
