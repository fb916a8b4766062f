import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../shared/operation';
import { QUOTA_TEXT } from '../../shared/apiErrors';
import { send, sendProperties } from './send';

export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	default: 'send',
	options: [
		{
			name: 'Send to All Users',
			value: 'send',
			action: 'Send a broadcast to all users',
			description: `System message to every user of the app. ${QUOTA_TEXT}.`,
		},
	],
};

export const quotaNotice: INodeProperties = {
	displayName: `${QUOTA_TEXT} Turn on Options → Dry Run to test a workflow without sending.`,
	name: 'quotaNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { operation: ['send'] } },
};

export const broadcastProperties: INodeProperties[] = [operationProperty, quotaNotice, ...sendProperties];

export const operations: Record<string, Operation> = { send };
