import { type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { MAX_SENT_TIME_MS, MIN_SENT_TIME_MS } from '../../shared/limits';
import { readFromUserId } from '../../shared/message/content';
import { fromUserIdField } from '../../shared/message/description';
import { QUOTA_TEXT } from '../../../../credentials/common/rongcloud/codes';
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
			'When the message was sent, in milliseconds since 1970; sent only when set. RongCloud\'s English documentation calls it optional, its Chinese documentation required: if RongCloud refuses the recall naming sentTime, set it to the sentTime that Send to All Users or Push Notification output (n8n\'s clock when it sent the request).',
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
	if (sentTime !== undefined) {
		ensure(
			Number.isInteger(sentTime) && sentTime >= MIN_SENT_TIME_MS && sentTime <= MAX_SENT_TIME_MS,
			'sentTimeMilliseconds',
			sentTime > 0 && sentTime < MIN_SENT_TIME_MS ? `got ${sentTime}, which looks like seconds` : `got ${sentTime}`,
		);
		fields.sentTime = String(sentTime);
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
	};
}

/**
 * RongCloud's English doc marks sentTime optional, its Chinese doc required, and no SDK settles it
 * (Java leaves it out, Go sends 0): the node sends it only when set, and says what to pass should
 * RongCloud refuse a recall for want of it.
 */
const SENT_TIME_REFUSED: RefusalAdvice = {
	names: /sentTime/i,
	advice:
		'RongCloud\'s refusal names sentTime: pass the message\'s send time in Sent Time (Ms). The output item of the Send to All Users or Push Notification node that sent the message has it as sentTime (milliseconds on n8n\'s clock when it sent the request), so after that node set Sent Time (Ms) to {{ $json.sentTime }}.',
};

export const recall: Operation = defineOperation({
	option: {
		name: 'Recall Broadcast',
		value: 'recall',
		action: 'Recall broadcast',
		description: `Take back a message sent to all users, or the system message of a push, by its messageUID. ${QUOTA_TEXT}.`,
	},
	endpoint: 'recallBroadcast',
	properties,
	prepare,
	results: {},
	recalls: true,
});
