import { type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { MAX_RECIPIENTS_PER_REQUEST, SEND_TO_USERS_RECIPIENTS_PER_SECOND } from '../../shared/endpoints';
import { MAX_RECIPIENTS_PER_ITEM } from '../../shared/limits';
import { readUserIds } from '../../shared/lists';
import { readMessage } from '../../shared/message/content';
import { messageFields } from '../../shared/message/description';
import { defineOperation, type Operation, type PreparedCall } from '../../shared/operation';
import { disableUpdateLastMsgOption, idempotencyKeyOption, messageOptionFields, optionsCollection } from '../../shared/options';
import { pushExtField } from '../../shared/pushExt/description';
import { contentAvailableOption, pushContentOption, pushDataOption, readContentAvailable, readPushFields } from '../../shared/pushOptions';
import { asBoolean, asFlag, asNumber, ensure } from '../../shared/validation';

const properties: INodeProperties[] = [
	{
		displayName: `Sends a system message to the users you list, ${MAX_RECIPIENTS_PER_REQUEST} per request; items with the same message share requests, with the strictest of their Timeout, Recipients per Second and Send Again on Retry. Not counted in the broadcast quota: RongCloud takes ${SEND_TO_USERS_RECIPIENTS_PER_SECOND} recipients a second, and the node waits between requests to stay within it.`,
		name: 'sendToUsersNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'To User IDs',
		name: 'toUserIds',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. user1, user2',
		description:
			'The users who receive the message: comma-separated, a list from an expression (an array of user IDs), or one user per item from an expression. A user listed twice for the same message receives it once.',
	},
	...messageFields,
	optionsCollection([
		contentAvailableOption,
		{
			displayName: 'Count as Unread',
			name: 'isCounted',
			type: 'boolean',
			default: true,
			description: 'Whether clients count the message as unread (sent as isCounted 1 or 0; RongCloud v1 only, Nexconn v4 has no such field)',
		},
		disableUpdateLastMsgOption,
		{
			displayName: 'Disable Push',
			name: 'disablePush',
			type: 'boolean',
			default: true,
			description: 'Whether offline users get no push notification for this message (sent as disablePush true)',
		},
		idempotencyKeyOption,
		pushContentOption,
		pushDataOption,
		{
			displayName: 'Recipients per Second',
			name: 'recipientsPerSecond',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: SEND_TO_USERS_RECIPIENTS_PER_SECOND,
			description: `How many recipients a second the node sends to, across requests (below ${MAX_RECIPIENTS_PER_REQUEST}, it is also the most a request carries): RongCloud's documented limit is ${SEND_TO_USERS_RECIPIENTS_PER_SECOND}. Raise it only if RongCloud raised your app's limit. Items that send the same message share requests at the lowest of their rates, with the longest of their Timeouts, and Send Again on Retry only if all of them turn it on.`,
		},
		{
			displayName: 'Store in History',
			name: 'isPersisted',
			type: 'boolean',
			default: true,
			description: 'Whether clients store the message (sent as isPersisted, shouldPersist in Nexconn v4, 1 or 0)',
		},
	]),
	pushExtField,
];

/** The recipients of one item: a list, each a user ID of at most 64 characters. */
function readRecipients(param: unknown): string[] {
	const raw = asRecipientList(param);
	if (Array.isArray(raw)) {
		// An array's hole is a recipient the expression lost (a user without an ID): refused, not dropped.
		const hole = raw.findIndex((entry) => entry === undefined || entry === null || (typeof entry === 'string' && entry.trim() === ''));
		ensure(hole < 0, 'toUserIdsEntryEmpty', `entry ${hole + 1} of ${raw.length} is ${describeHole(raw[hole])}`);
	}
	return readUserIds(raw, 'toUserIds', MAX_RECIPIENTS_PER_ITEM, { required: 'toUserIdsRequired', count: 'toUserIdsCount', length: 'toUserIdsLength' });
}

/**
 * A list that arrives as JSON text (a webhook body, an HTTP answer) is read as the list it is: split
 * at its commas it would name users such as `["alice"`. One ID per item may be a number (a
 * database's ID column): it is that user's ID, written with its digits.
 */
function asRecipientList(raw: unknown): unknown {
	if (typeof raw === 'number') return [raw];
	if (typeof raw !== 'string' || !/^\s*\[[^]*\]\s*$/.test(raw)) return raw;
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		parsed = undefined;
	}
	ensure(Array.isArray(parsed), 'listType', 'got text in brackets that is not a JSON list, such as ["alice", "bob"]', 'toUserIds');
	return parsed;
}

function describeHole(entry: unknown): string {
	if (entry === undefined || entry === null) return 'null';
	return entry === '' ? 'empty' : 'blank';
}

/**
 * The form of v1's /message/system/publish.json without its recipients, fields in the order
 * RongCloud's Java SDK sends them; the router puts each request's recipients in `toUserId`.
 */
function prepare(ctx: IExecuteFunctions, itemIndex: number, options: Record<string, unknown>): PreparedCall {
	const userIds = readRecipients(ctx.getNodeParameter('toUserIds', itemIndex, ''));
	const perSecond = asNumber(options.recipientsPerSecond, 'options.recipientsPerSecond') ?? SEND_TO_USERS_RECIPIENTS_PER_SECOND;
	ensure(Number.isInteger(perSecond) && perSecond >= 1, 'recipientsPerSecondRange', `got ${perSecond}`);
	const message = readMessage(ctx, itemIndex);
	const fields: Record<string, string | string[]> = {
		fromUserId: message.fromUserId,
		toUserId: [],
		objectName: message.objectName,
		content: message.content,
	};
	Object.assign(fields, readPushFields(ctx, itemIndex, options));
	const isPersisted = asFlag(options.isPersisted, 'options.isPersisted');
	if (isPersisted !== undefined) fields.isPersisted = String(isPersisted);
	const isCounted = asFlag(options.isCounted, 'options.isCounted');
	if (isCounted !== undefined) fields.isCounted = String(isCounted);
	Object.assign(fields, readContentAvailable(options));
	const disablePush = asBoolean(options.disablePush, 'options.disablePush');
	if (disablePush !== undefined) fields.disablePush = String(disablePush);
	Object.assign(fields, messageOptionFields(options));
	return {
		body: { type: 'form', fields },
		summary: { fromUserId: message.fromUserId, objectName: message.objectName },
		warnings: message.warnings,
		recipients: { userIds, perSecond },
	};
}

export const sendToUsers: Operation = defineOperation({
	option: {
		name: 'Send to Users',
		value: 'sendToUsers',
		description: 'System message to the users you list',
	},
	endpoint: 'sendToUsers',
	properties,
	prepare,
	results: { messageUIDs: 'the message of each recipient cannot be traced from the workflow' },
});
