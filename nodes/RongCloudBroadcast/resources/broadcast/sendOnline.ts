import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { disableUpdateLastMsgOption, idempotencyKeyOption } from '../../shared/descriptions/messageDescription';
import type { Operation, PreparedCall } from '../../shared/operation';
import { prepareMessageForm } from '../../shared/readMessage';
import { optionsProperty } from './callOptions';

/**
 * Send to Online Users: the message inputs are send's (messageProperties(['send', 'sendOnline']) in
 * send.ts); only the Options differ, because the endpoint takes no push settings.
 */
export const sendOnlineProperties: INodeProperties[] = [
	{
		displayName:
			'Only users online now receive this message (and those who come online within 10 minutes). It cannot be recalled, and it does not use the broadcast quota.',
		name: 'onlineNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: ['sendOnline'] } },
	},
	optionsProperty('sendOnline', [disableUpdateLastMsgOption, idempotencyKeyOption]),
];

function prepare(ctx: IExecuteFunctions, itemIndex: number): PreparedCall {
	return prepareMessageForm(ctx, itemIndex, '/message/online/broadcast.json');
}

export const sendOnline: Operation = { prepare, resultKeys: ['messageUID'] };
