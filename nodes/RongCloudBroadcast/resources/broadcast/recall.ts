import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { MAX_SENT_TIME_MS, MIN_SENT_TIME_MS } from '../../shared/limits';
import { readFromUserId } from '../../shared/message/content';
import { fromUserIdField } from '../../shared/message/description';
import type { Operation, PreparedCall } from '../../shared/operation';
import { disableUpdateLastMsgOption, optionsCollection, readDisableUpdateLastMsg } from '../../shared/options';
import { asFlag, asNumber, asText, ensure } from '../../shared/validation';

/** The defaults take messageUID and fromUserId from the item a Send to All Users or Push Notification node output. */
const properties: INodeProperties[] = updateDisplayOptions({ show: { operation: ['recall'] } }, [
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
			'Optional: when RongCloud recorded the broadcast, in milliseconds since 1970; sent only when set. RongCloud finds the broadcast by its Message UID. The sentTime that Send to All Users outputs is the local time of n8n when it sent the request, not RongCloud\'s.',
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
]);

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

	return { path: '/message/broadcast/recall.json', body: { type: 'form', fields }, summary: { fromUserId, messageUID } };
}

export const recall: Operation = { properties, prepare, resultKeys: [] };
