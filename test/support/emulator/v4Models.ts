/**
 * The v4 request models the emulator checks bodies against, under the contract's model names, and
 * which endpoint takes which. Kept as the emulator's own copy (it must judge clients independently);
 * test/support/emulator/contractAgreement.test.ts compares it with test/fixtures/nexconn-v4-contract.json.
 */
import { MAX_SEND_RECIPIENTS, V4_PATHS } from './constants';
import type { ModelField } from './jsonModel';

const text = (name: string, required = false): ModelField => ({ name, type: 'string', required });
const flag = (name: string): ModelField => ({ name, type: 'boolean', required: false });
const zeroOrOne = (name: string): ModelField => ({ name, type: 'integer', required: false, enum: [0, 1] });
const list = (name: string, maxItems: number | undefined, required = false): ModelField => ({
	name,
	type: 'array<string>',
	required,
	...(maxItems === undefined ? {} : { maxItems }),
});

const PUSH_AUDIENCE: readonly ModelField[] = [
	list('userId', 1000),
	list('tag', 20),
	list('tagOr', 20),
	text('packageName'),
	flag('isToAll'),
];
const PUSH_MESSAGE: readonly ModelField[] = [text('content', true), text('messageType', true), flag('disableUpdateLastMsg')];
const free = (name: string): ModelField => ({ name, type: 'object', required: false });
/** ios, android and harmonyOS are free-form in the contract; no v4 source names their members. */
const PUSH_NOTIFICATION: readonly ModelField[] = [
	text('title'),
	zeroOrOne('forceShowPushContent'),
	text('alert'),
	free('ios'),
	free('android'),
	free('harmonyOS'),
];
const nested = (name: string, type: string, fields: readonly ModelField[]): ModelField => ({ name, type, required: true, fields });

export const V4_REQUEST_MODELS = {
	SystemChannelBroadcastAllRequest: [
		text('fromUserId', true),
		text('messageType', true),
		text('content', true),
		text('pushContent'),
		text('pushData'),
		zeroOrOne('contentAvailable'),
		text('pushExt'),
		flag('disableUpdateLastMsg'),
	],
	SystemChannelBroadcastOnlineRequest: [text('fromUserId', true), text('messageType', true), text('content', true), flag('disableUpdateLastMsg')],
	SystemChannelBroadcastDeleteRequest: [
		text('fromUserId', true),
		text('messageId', true),
		{ name: 'sentAt', type: 'integer', required: false },
		zeroOrOne('isAdmin'),
		text('extra'),
		flag('disableUpdateLastMsg'),
	],
	SystemChannelMessageSendRequest: [
		text('fromUserId', true),
		list('toUserIds', MAX_SEND_RECIPIENTS, true),
		text('messageType', true),
		text('content', true),
		text('pushContent'),
		text('pushData'),
		zeroOrOne('shouldPersist'),
		zeroOrOne('contentAvailable'),
		flag('disablePush'),
		text('pushExt'),
		flag('disableUpdateLastMsg'),
	],
	SystemChannelPushAudience: PUSH_AUDIENCE,
	SystemChannelPushMessage: PUSH_MESSAGE,
	SystemChannelPushNotification: PUSH_NOTIFICATION,
	SystemChannelPushRequest: [
		list('platform', undefined, true),
		text('fromUserId', true),
		nested('audience', 'SystemChannelPushAudience', PUSH_AUDIENCE),
		nested('message', 'SystemChannelPushMessage', PUSH_MESSAGE),
		nested('notification', 'SystemChannelPushNotification', PUSH_NOTIFICATION),
	],
	UserConnectionStatusRequest: [text('userId', true)],
	UserGetRequest: [text('userId', true)],
} as const satisfies Record<string, readonly ModelField[]>;

export type V4ModelName = keyof typeof V4_REQUEST_MODELS;

/**
 * Recall as the docs page words it (docRecall): the id under v1's name `messageUID` instead of
 * `messageId`, and `isDelete`. Neither is in the contract; the emulator accepts both so a client
 * following either source is served, and refuses a body that names the id both ways.
 */
export const V4_RECALL_DOC_VARIANTS: readonly ModelField[] = [text('messageUID'), zeroOrOne('isDelete')];

/** Which model each v4 endpoint takes. */
export const V4_ENDPOINT_MODELS: Readonly<Record<string, V4ModelName>> = {
	[V4_PATHS.broadcastAll]: 'SystemChannelBroadcastAllRequest',
	[V4_PATHS.broadcastOnline]: 'SystemChannelBroadcastOnlineRequest',
	[V4_PATHS.recall]: 'SystemChannelBroadcastDeleteRequest',
	[V4_PATHS.send]: 'SystemChannelMessageSendRequest',
	[V4_PATHS.taggedPush]: 'SystemChannelPushRequest',
	[V4_PATHS.packagePush]: 'SystemChannelPushRequest',
	[V4_PATHS.connectionStatus]: 'UserConnectionStatusRequest',
	[V4_PATHS.userGet]: 'UserGetRequest',
};
