import type { INodeProperties } from 'n8n-workflow';

import { BROADCAST_QUOTA } from '../../../../credentials/common/rongcloud/codes';
import { sharesBroadcastQuota } from '../../shared/endpoints';
import { actionOf, RESOURCE, type Operation } from '../../shared/operation';
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

/**
 * One resource, as n8n's own nodes have: its operations' actions name the nodes added from the
 * nodes panel ("Send to all users"), which n8n does only for an operation shown by a resource.
 * Saved workflows have no resource and get this default: nothing changes for them.
 */
const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	default: RESOURCE,
	options: [{ name: 'Message', value: RESOURCE, description: 'A message of the SYSTEM conversation, and push notifications' }],
};

const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: [RESOURCE] } },
	// A literal, as n8n's lint reads it; the UX rule test checks that it names a registered operation.
	default: 'send',
	// n8n's lint wants the list alphabetized by name.
	options: REGISTERED.map(({ option }) => ({ ...option, action: actionOf(option) })).sort((a, b) => a.name.localeCompare(b.name)),
};

const quotaShared = REGISTERED.filter((operation) => sharesBroadcastQuota(operation.endpoint));

/** The quota, said once, where the operations that share it are chosen. */
const quotaNotice: INodeProperties = {
	displayName: `${quotaShared.map(({ option }) => option.name).join(', ').replace(/, ([^,]*)$/, ' and $1')} share one quota: ${BROADCAST_QUOTA}. Turn on Options → Dry Run to test a workflow without sending.`,
	name: 'quotaNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { resource: [RESOURCE], operation: quotaShared.map(({ option }) => option.value) } },
};

/** The node's subtitle: the chosen operation's name, as the Operation list shows it. */
export const operationSubtitle = `={{ ${JSON.stringify(Object.fromEntries(REGISTERED.map(({ option }) => [option.value, option.name])))}[$parameter["operation"]] }}`;

export const broadcastProperties: INodeProperties[] = [
	resourceProperty,
	operationProperty,
	quotaNotice,
	...REGISTERED.flatMap((operation) => operation.properties),
];
