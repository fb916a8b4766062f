import type { IDataObject } from 'n8n-workflow';

import { REGIONS } from '../../../../credentials/common/rongcloud/regions';
import type { EndpointName } from '../../shared/endpoints';
import type { RequestBody } from '../../shared/operation';
import { invalid } from '../../shared/validation';
import type { Generation, WireCall } from './types';

/**
 * Nexconn's API v4 (docs/rongcloud-server-api.md, "Nexconn's API v4"): JSON bodies with typed
 * values, v1's fields renamed, answers `{"code":0,"result":{...}}`. The node builds each call as
 * v1 takes it; this writes it for v4, and refuses (before anything is sent) what v4 does not have.
 */
const PATHS: Record<EndpointName, string> = {
	broadcastToAll: '/v4/system-channel/message/broadcast-all',
	broadcastToOnline: '/v4/system-channel/message/broadcast-online',
	recallBroadcast: '/v4/system-channel/message/broadcast/delete',
	sendToUsers: '/v4/system-channel/message/send',
	push: '/v4/system-channel/tagged-users/send',
};
/** A push to an app package has a path of its own in v4; every other audience goes to the tag path. */
const PACKAGE_PUSH_PATH = '/v4/system-channel/app-package-users/send';

type V4Type = 'string' | 'integer' | 'boolean' | 'list';

/** A v1 form field's v4 key and JSON type, or the parameter that sets a field v4 lacks. */
type FieldSpec = { key: string; type: V4Type; warning?: string } | { lacking: string };

const same = (key: string, type: V4Type = 'string'): FieldSpec => ({ key, type });
const lacking = (parameter: string): FieldSpec => ({ lacking: parameter });

const MESSAGE_FIELDS: Record<string, FieldSpec> = {
	fromUserId: same('fromUserId'),
	objectName: same('messageType'),
	content: same('content'),
	disableUpdateLastMsg: same('disableUpdateLastMsg', 'boolean'),
	msgRandom: lacking('options.msgRandom'),
};
const PUSH_FIELDS: Record<string, FieldSpec> = {
	pushContent: same('pushContent'),
	pushData: same('pushData'),
	pushExt: same('pushExt'),
	contentAvailable: same('contentAvailable', 'integer'),
};

const FORM_FIELDS: Record<Exclude<EndpointName, 'push'>, Record<string, FieldSpec>> = {
	broadcastToAll: { ...MESSAGE_FIELDS, ...PUSH_FIELDS, os: lacking('options.os') },
	broadcastToOnline: MESSAGE_FIELDS,
	recallBroadcast: {
		fromUserId: same('fromUserId'),
		messageUID: same('messageId'),
		sentTime: same('sentAt', 'integer'),
		isAdmin: same('isAdmin', 'integer'),
		isDelete: {
			key: 'isDelete',
			type: 'integer',
			warning: "Nexconn's recall page documents isDelete, its API contract and SDKs do not: it was sent, and Nexconn may ignore it.",
		},
		extra: same('extra'),
		disableUpdateLastMsg: same('disableUpdateLastMsg', 'boolean'),
	},
	sendToUsers: {
		...MESSAGE_FIELDS,
		...PUSH_FIELDS,
		toUserId: same('toUserIds', 'list'),
		isPersisted: same('shouldPersist', 'integer'),
		isCounted: lacking('options.isCounted'),
		disablePush: same('disablePush', 'boolean'),
	},
};

function typed(value: string | string[], type: V4Type): string | number | boolean | string[] {
	if (type === 'list') return Array.isArray(value) ? value : [value];
	const one = Array.isArray(value) ? value[0] : value;
	// The v1 shape holds numbers as their digits and switches as true/false, both checked when read.
	if (type === 'integer') return Number(one);
	if (type === 'boolean') return one === 'true';
	return one;
}

function writeForm(endpoint: Exclude<EndpointName, 'push'>, fields: Record<string, string | string[]>): WireCall {
	const specs = FORM_FIELDS[endpoint];
	const value: IDataObject = {};
	const warnings: string[] = [];
	for (const [name, raw] of Object.entries(fields)) {
		const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
		if (spec === undefined) throw new Error(`No v4 name for the ${endpoint} field ${name}`);
		if ('lacking' in spec) return invalid('notInV4', `${PATHS[endpoint]} has no ${name}`, spec.lacking);
		value[spec.key] = typed(raw, spec.type);
		if (spec.warning) warnings.push(spec.warning);
	}
	return { path: PATHS[endpoint], body: { type: 'json', value }, warnings };
}

const AUDIENCE_KEYS: Record<string, string> = { tag: 'tag', tag_or: 'tagOr', userid: 'userId', packageName: 'packageName', is_to_all: 'isToAll' };

const UNDOCUMENTED_NOTIFICATION_KEYS =
	"Nexconn's v4 documentation leaves the members of notification.ios, .android and .harmonyOS open: they were sent as RongCloud v1's /push.json names them.";

/** /push.json's body as v4 takes it: camel-case names, a path per audience kind, a system message always. */
function writePush(push: IDataObject): WireCall {
	const message = push.message as IDataObject | undefined;
	if (message === undefined) {
		return invalid('notInV4', "a Nexconn v4 push always carries a system message (there is no push-only call)", 'sendMessage');
	}
	const audience: IDataObject = {};
	for (const [key, selector] of Object.entries(push.audience as IDataObject)) audience[AUDIENCE_KEYS[key] ?? key] = selector;
	const v4Message: IDataObject = { content: message.content, messageType: message.objectName };
	if (message.disableUpdateLastMsg !== undefined) v4Message.disableUpdateLastMsg = message.disableUpdateLastMsg;
	const notification = push.notification as IDataObject;
	const value: IDataObject = { platform: push.platform, fromUserId: push.fromuserid, audience, message: v4Message, notification };
	const warnings = ['ios', 'android', 'harmonyOS'].some((key) => notification[key] !== undefined) ? [UNDOCUMENTED_NOTIFICATION_KEYS] : [];
	return { path: audience.packageName !== undefined ? PACKAGE_PUSH_PATH : PATHS.push, body: { type: 'json', value }, warnings };
}

function write(endpoint: EndpointName, body: RequestBody): WireCall {
	if (endpoint === 'push') {
		if (body.type !== 'json') throw new Error('A push is built as JSON');
		return writePush(body.value);
	}
	if (body.type !== 'form') throw new Error(`The ${endpoint} call is built as a form`);
	return writeForm(endpoint, body.fields);
}

/**
 * The contract names a message `messageId`, the documentation pages `messageUID`: either is read,
 * and output as the node's messageUID.
 */
function identifiersOf(body: IDataObject): ReturnType<Generation['identifiersOf']> {
	const result = body.result !== null && typeof body.result === 'object' && !Array.isArray(body.result) ? (body.result as IDataObject) : {};
	const values: Record<string, unknown> = {};
	const messageUID = result.messageId ?? result.messageUID;
	if (messageUID !== undefined) values.messageUID = messageUID;
	if (result.id !== undefined) values.id = result.id;
	const listed = result.messageIds;
	const recipients = Array.isArray(listed)
		? listed.map((entry: unknown) => {
				const one = (entry ?? {}) as IDataObject;
				return { userId: one.userId, messageUID: one.messageId ?? one.messageUID };
			})
		: listed;
	return { values, recipients };
}

/** Nexconn's base-URL page lists v4 on these data centers only; a custom base URL is the user's own word. */
const DOCUMENTED_REGIONS = new Set(['singapore', 'northAmerica', 'saudiArabia', 'custom']);

function hostWarning(region: string): string | undefined {
	if (DOCUMENTED_REGIONS.has(region) || !Object.hasOwn(REGIONS, region)) return undefined;
	const { name } = REGIONS[region as keyof typeof REGIONS];
	return `Nexconn documents its v4 API for the Singapore, North America and Saudi Arabia data centers, not for ${name} (the credential's Region): it was sent anyway. If it is refused or not found, check the credential's Region and API Version.`;
}

export const v4: Generation = {
	version: 'v4',
	label: 'Nexconn v4',
	successCode: 0,
	paths: { ...(Object.fromEntries(Object.entries(PATHS).map(([endpoint, path]) => [endpoint, [path]])) as Generation['paths']), push: [PATHS.push, PACKAGE_PUSH_PATH] },
	write,
	identifiersOf,
	hostWarning,
	// Read-only and answered for any user ID (online or not): it proves the key, the secret and the host, and reaches nobody.
	credentialTest: { path: '/v4/user/connection-status/get', body: { type: 'json', value: { userId: 'n8n-credential-test' } } },
};
