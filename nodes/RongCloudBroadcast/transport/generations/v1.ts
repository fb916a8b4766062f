import type { EndpointName } from '../../shared/endpoints';
import type { Generation } from './types';

/** RongCloud's Server API v1 (docs/rongcloud-server-api.md): the shape the node builds every call in. */
const PATHS: Record<EndpointName, string> = {
	broadcastToAll: '/message/broadcast.json',
	broadcastToOnline: '/message/online/broadcast.json',
	recallBroadcast: '/message/broadcast/recall.json',
	push: '/push.json',
	sendToUsers: '/message/system/publish.json',
};

export const v1: Generation = {
	version: 'v1',
	label: 'RongCloud v1',
	successCode: 200,
	paths: Object.fromEntries(Object.entries(PATHS).map(([endpoint, path]) => [endpoint, [path]])) as Generation['paths'],
	write: (endpoint, body) => ({ path: PATHS[endpoint], body, warnings: [] }),
	// The answer carries its identifiers at the top: {"code":200,"messageUID":...}, a push's "id", a listed-user send's "messageUIDs".
	identifiersOf: (body) => ({ values: body, recipients: body.messageUIDs }),
	// A read-only call: it proves the key, the secret and the data center without sending anything to users.
	credentialTest: { path: '/user/checkOnline.json', body: { type: 'form', fields: { userId: 'n8n-credential-test' } } },
};
