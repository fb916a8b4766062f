import type { INodeProperties } from 'n8n-workflow';

import { QUOTA_TEXT } from '../../../../credentials/common/rongcloud/codes';
import type { Operation } from '../../shared/operation';
import { push } from './push';
import { recall } from './recall';
import { send } from './send';
import { sendOnline } from './sendOnline';

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	default: 'send',
	options: [
		{
			name: 'Push Notification',
			value: 'push',
			action: 'Push notification to all users or segment',
			description: `Push notification (optionally with a system message) to everyone or a segment. ${QUOTA_TEXT}.`,
		},
		{
			name: 'Recall Broadcast',
			value: 'recall',
			action: 'Recall broadcast',
			description: `Take back a message sent to all users, or the system message of a push, by its messageUID. ${QUOTA_TEXT}.`,
		},
		{
			name: 'Send to All Users',
			value: 'send',
			action: 'Send broadcast to all users',
			description: `System message to every user of the app. ${QUOTA_TEXT}.`,
		},
		{
			name: 'Send to Online Users',
			value: 'sendOnline',
			action: 'Send broadcast to online users',
			description:
				'System message to users online now (and those who come online within 10 minutes). It cannot be recalled. Not counted in the broadcast quota.',
		},
	],
};

const quotaNotice: INodeProperties = {
	displayName: `${QUOTA_TEXT}. Turn on Options → Dry Run to test a workflow without sending.`,
	name: 'quotaNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { operation: ['send', 'recall', 'push'] } },
};

export const operations: Record<string, Operation> = { send, sendOnline, recall, push };

export const broadcastProperties: INodeProperties[] = [
	operationProperty,
	quotaNotice,
	...Object.values(operations).flatMap((operation) => operation.properties),
];
