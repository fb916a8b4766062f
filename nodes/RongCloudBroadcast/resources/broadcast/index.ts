import type { INodeProperties } from 'n8n-workflow';

import { QUOTA_TEXT } from '../../../../credentials/common/rongcloud/codes';
import { sharesBroadcastQuota } from '../../shared/endpoints';
import type { Operation } from '../../shared/operation';
import { push } from './push/push';
import { recall } from './recall';
import { send } from './send';
import { sendOnline } from './sendOnline';
import { sendToUsers } from './sendToUsers';

/**
 * Every operation, registered here once: the Operation list, the node's subtitle, the quota notice
 * and the router all derive from this list, and so do the tests and the end-to-end scenarios.
 */
const REGISTERED: Operation[] = [send, sendOnline, sendToUsers, recall, push];

export const operations: Record<string, Operation> = Object.fromEntries(REGISTERED.map((operation) => [operation.option.value, operation]));

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	// A literal, as n8n's lint reads it; the UX rule test checks that it names a registered operation.
	default: 'send',
	// n8n's lint wants the list alphabetized by name.
	options: REGISTERED.map((operation) => operation.option).sort((a, b) => a.name.localeCompare(b.name)),
};

const quotaNotice: INodeProperties = {
	displayName: `${QUOTA_TEXT}. Turn on Options → Dry Run to test a workflow without sending.`,
	name: 'quotaNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { operation: REGISTERED.filter((operation) => sharesBroadcastQuota(operation.endpoint)).map((operation) => operation.option.value) } },
};

/** The node's subtitle: the chosen operation's name, as the Operation list shows it. */
export const operationSubtitle = `={{ ${JSON.stringify(Object.fromEntries(REGISTERED.map(({ option }) => [option.value, option.name])))}[$parameter["operation"]] }}`;

export const broadcastProperties: INodeProperties[] = [
	operationProperty,
	quotaNotice,
	...REGISTERED.flatMap((operation) => operation.properties),
];
