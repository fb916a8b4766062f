/**
 * What each workflow in examples/ must put on the wire and output when its RongCloud nodes use a
 * credential whose API Version is Nexconn v4 (the one change a user makes to move a workflow),
 * written out by hand from Nexconn's v4 contract as docs/rongcloud-server-api.md records it (paths
 * under /v4/, JSON bodies with typed values, `messageType` for `objectName`, camel-case audience
 * keys, answers `{"code":0,"result":{...}}`), never derived from the node's code.
 *
 * every-field.json sets two fields v4 does not have (the push's OS and the Idempotency Key,
 * `os` and `msgRandom` on v1): on v4 the node must refuse it before anything leaves, with or without
 * Dry Run, naming the generation. That refusal is the expectation, checked as such.
 *
 * Every file in examples/ needs an entry; the examples-v4 scenario fails on a file without one.
 */
import type { EmulatorHandle, EmulatorRequest } from './emulator';
import {
	dryRunBody,
	dryRunRequestOfUsers,
	expectNothingSent,
	expectUsersPaired,
	onlyItem,
	PUSH_RECALL_STAND_IN,
	QUERY_MESSAGE,
	QUERY_USERS,
	RECALL_STAND_IN,
	SEND_OUTPUT_KEYS,
	type ExampleExpectation,
	type ExampleRun,
} from './expectations';
import { assert, expectSignedRequest, nodeOutput } from './harness';
import type { ExecutionData } from './n8n';

export const V4_PATHS = {
	broadcastAll: '/v4/system-channel/message/broadcast-all',
	recall: '/v4/system-channel/message/broadcast/delete',
	send: '/v4/system-channel/message/send',
	taggedPush: '/v4/system-channel/tagged-users/send',
} as const;

const JSON_TYPE = 'application/json';

/** The request was answered 200 with Nexconn's code 0; returns its `result` (a recall answers none). */
function expectAcceptedV4(request: EmulatorRequest, withResult = true): Record<string, unknown> {
	const body = request.response?.body as { code?: number; result?: Record<string, unknown> } | undefined;
	assert.equal(request.response?.status, 200, `request #${request.seq} ${request.path} was answered ${request.response?.status}: ${JSON.stringify(body)}`);
	assert.equal(body?.code, 0, `request #${request.seq}: code ${String(body?.code)} (v4 answers 0)`);
	if (!withResult) return {};
	assert.ok(body?.result && typeof body.result === 'object', `request #${request.seq}: no result in ${JSON.stringify(body)}`);
	return body.result;
}

/** A JSON request to `path`, signed; its body. */
function signedJson(request: EmulatorRequest, emulator: EmulatorHandle, path: string): Record<string, unknown> {
	expectSignedRequest(request, emulator, path, JSON_TYPE);
	assert.equal(request.form, undefined, `${path}: a JSON body, not a form`);
	assert.equal(request.rawBody, JSON.stringify(request.json), `${path}: the raw body is the JSON`);
	return request.json as Record<string, unknown>;
}

/** The dry-run item of a node on v4: the request, JSON, its encoded body the JSON text of its body. */
function dryRunJson(execution: ExecutionData, node: string, emulator: EmulatorHandle, path: string): Record<string, unknown> {
	const body = dryRunBody(execution, node, emulator, path);
	const [item] = nodeOutput(execution, node);
	assert.equal((item.headers as Record<string, string>)['Content-Type'], JSON_TYPE, `${node}: Content-Type`);
	assert.equal(item.encodedBody, JSON.stringify(body), `${node}: encodedBody is the body as JSON text`);
	return body;
}

/** A send's output item on v4: the node's one shape, Nexconn's code 0 and its messageId as messageUID. */
function expectSendOutputV4(item: Record<string, unknown>, request: EmulatorRequest, fromUserId: string): void {
	const result = expectAcceptedV4(request);
	assert.equal(item.code, 0);
	assert.equal(item.messageUID, result.messageId, 'output messageUID is the messageId Nexconn answered');
	assert.equal(item.requestId, request.headers['x-request-id'], 'output requestId is the X-Request-ID sent');
	assert.equal(typeof item.sentTime, 'number');
	assert.ok(Math.abs((item.sentTime as number) - request.receivedAt) < 60_000, 'sentTime is the time of sending, in ms');
	assert.equal(item.fromUserId, fromUserId);
	assert.equal(item.objectName, 'RC:TxtMsg', 'the output keeps the node\'s name for the message type');
}

const text = (content: string): string => JSON.stringify({ content });

const SEND_THEN_RECALL_BODY = {
	fromUserId: 'system',
	messageType: 'RC:TxtMsg',
	content: text('Maintenance tonight 22:00-23:00'),
	pushContent: 'Maintenance tonight 22:00-23:00',
};

const scheduleBody = (at: number) => ({
	fromUserId: 'system',
	messageType: 'RC:TxtMsg',
	content: text(`Good morning! Today's maintenance window is 22:00-23:00 (${new Date(at).toISOString().slice(0, 10)}).`),
	pushContent: 'Maintenance tonight 22:00-23:00',
});

const WEBHOOK_TEXT = 'Hello from the examples scenario';
const WEBHOOK_BODY = {
	fromUserId: 'system',
	messageType: 'RC:TxtMsg',
	content: text(WEBHOOK_TEXT),
	pushContent: WEBHOOK_TEXT,
	// A string holding JSON text on broadcast-all, as on v1.
	pushExt: JSON.stringify({ title: 'Announcement' }),
};

/** The push bodies on v4: camel-case names, the system message with messageType, `isToAll` false for a tag audience. */
const PUSH_TO_TAG_BODY = {
	platform: ['ios', 'android'],
	fromUserId: 'shop',
	audience: { tag: ['vip', 'beijing'], isToAll: false },
	message: { content: text('Members-only sale: 50% off until 18:00. Open the app to shop.'), messageType: 'RC:TxtMsg' },
	notification: {
		alert: 'Members-only sale: 50% off until 18:00',
		title: 'VIP sale',
		ios: { badge: 1, 'thread-id': 'vip-sales' },
		android: { hw: { importance: 'NORMAL' } },
	},
};
const PUSH_THEN_RECALL_BODY = {
	platform: ['ios', 'android'],
	fromUserId: 'shop',
	audience: { tag: ['vip'], isToAll: false },
	message: { content: text('Flash sale: 50% off for 2 hours. Open the app to shop.'), messageType: 'RC:TxtMsg' },
	notification: { alert: 'Flash sale: 50% off for 2 hours' },
};

/** v4 leaves the keys inside notification.ios and .android open: the node sends them and says so. */
const UNDOCUMENTED_NOTIFICATION_WARNING = /notification\.ios.*open/;

/** The node's refusal of a field v4 lacks, before anything left, naming the generation and the field. */
function expectRefusedOnV4(run: ExampleRun): void {
	expectNothingSent(run);
	assert.ok(run.error, 'the execution did not fail');
	assert.match(run.error, /is not part of Nexconn's API v4/, `the node's words: ${run.error}`);
	assert.match(run.error, /\bOS\b|\bos\b|msgRandom|Idempotency Key/, `the refusal names the field: ${run.error}`);
	assert.equal(nodeOutput(run.execution, 'RongCloud Broadcast').length, 0, 'the refused node output nothing');
	run.log(`every-field.json on v4 refused before sending: "${run.error}"`);
}

/**
 * A send or push in Dry Run, then its recall: each node shows its v4 request, the recall with the
 * example's stand-in for the messageUID the dry run does not have.
 */
function dryRunThenRecall(
	[first, path, body]: [string, string, Record<string, unknown>],
	[recall, recallBody]: [string, Record<string, unknown>],
): (run: ExampleRun) => void {
	return (run) => {
		expectNothingSent(run);
		assert.deepEqual(dryRunJson(run.execution, first, run.emulator, path), body);
		assert.deepEqual(dryRunJson(run.execution, recall, run.emulator, V4_PATHS.recall), recallBody);
	};
}

export const EXAMPLE_EXPECTATIONS_V4: Record<string, ExampleExpectation> = {
	'every-field.json': {
		how: 'execute',
		refused: true,
		checkDryRun: expectRefusedOnV4,
		check: expectRefusedOnV4,
	},
	'schedule-broadcast.json': {
		how: 'execute-manual-copy',
		checkDryRun(run) {
			expectNothingSent(run);
			assert.deepEqual(dryRunJson(run.execution, 'RongCloud Broadcast', run.emulator, V4_PATHS.broadcastAll), scheduleBody(Date.now()));
		},
		check({ emulator, requests, execution }) {
			assert.equal(requests.length, 1, 'one request');
			const [request] = requests;
			assert.deepEqual(signedJson(request, emulator, V4_PATHS.broadcastAll), scheduleBody(request.receivedAt), 'the body, $now evaluated');
			expectSendOutputV4(onlyItem(execution, 'RongCloud Broadcast', SEND_OUTPUT_KEYS), request, 'system');
		},
	},
	'webhook-broadcast.json': {
		how: 'webhook',
		post: { text: WEBHOOK_TEXT },
		checkDryRun(run) {
			expectNothingSent(run);
			assert.deepEqual(dryRunJson(run.execution, 'RongCloud Broadcast', run.emulator, V4_PATHS.broadcastAll), WEBHOOK_BODY);
			assert.equal(run.webhook?.status, 200);
			assert.deepEqual(run.webhook?.body, nodeOutput(run.execution, 'RongCloud Broadcast')[0], 'the webhook answers with the dry-run item');
		},
		check({ emulator, requests, execution, webhook }) {
			assert.equal(requests.length, 1, 'one request');
			const [request] = requests;
			assert.deepEqual(signedJson(request, emulator, V4_PATHS.broadcastAll), WEBHOOK_BODY, 'an empty extra is left out; fromUserId falls back to system');
			const item = onlyItem(execution, 'RongCloud Broadcast', SEND_OUTPUT_KEYS);
			expectSendOutputV4(item, request, 'system');
			assert.equal(webhook?.status, 200);
			assert.deepEqual(webhook?.body, item, 'the webhook answers with the node output');
		},
	},
	'send-then-recall.json': {
		how: 'execute',
		checkDryRun: dryRunThenRecall(['Send to All Users', V4_PATHS.broadcastAll, SEND_THEN_RECALL_BODY], ['Recall Broadcast', { fromUserId: 'system', messageId: RECALL_STAND_IN, isAdmin: 1 }]),
		check({ emulator, requests, execution }) {
			assert.deepEqual(requests.map((r) => r.path), [V4_PATHS.broadcastAll, V4_PATHS.recall], 'a broadcast, then its recall');
			const [send, recall] = requests;
			assert.deepEqual(signedJson(send, emulator, V4_PATHS.broadcastAll), SEND_THEN_RECALL_BODY);
			const sent = onlyItem(execution, 'Send to All Users', SEND_OUTPUT_KEYS);
			expectSendOutputV4(sent, send, 'system');
			// The recall takes fromUserId and the messageUID from the send's output, as messageId; isAdmin a number.
			assert.deepEqual(signedJson(recall, emulator, V4_PATHS.recall), { fromUserId: 'system', messageId: String(sent.messageUID), isAdmin: 1 });
			expectAcceptedV4(recall, false);
			const recalled = nodeOutput(execution, 'Recall Broadcast');
			assert.equal(recalled.length, 1);
			assert.equal(recalled[0].code, 0);
			assert.equal(recalled[0].messageUID, sent.messageUID);
			assert.equal(recalled[0].requestId, recall.headers['x-request-id']);
		},
	},
	'push-then-recall.json': {
		how: 'execute',
		checkDryRun: dryRunThenRecall(['Push to VIP Users', V4_PATHS.taggedPush, PUSH_THEN_RECALL_BODY], ['Recall the Pushed Message', { fromUserId: 'shop', messageId: PUSH_RECALL_STAND_IN }]),
		check({ emulator, requests, execution }) {
			assert.deepEqual(requests.map((r) => r.path), [V4_PATHS.taggedPush, V4_PATHS.recall], 'a push, then the recall of its message');
			const [push, recall] = requests;
			assert.deepEqual(signedJson(push, emulator, V4_PATHS.taggedPush), PUSH_THEN_RECALL_BODY);
			const result = expectAcceptedV4(push);
			const pushed = onlyItem(execution, 'Push to VIP Users', ['code', 'id', 'messageUID', 'requestId', 'sentTime', 'platform', 'audience', 'fromUserId', 'objectName']);
			assert.equal(pushed.code, 0);
			assert.equal(pushed.id, result.id, 'output id is the push id Nexconn answered');
			assert.equal(pushed.messageUID, result.messageId, 'output messageUID is the messageId Nexconn answered');
			assert.deepEqual(signedJson(recall, emulator, V4_PATHS.recall), { fromUserId: 'shop', messageId: String(result.messageId) });
			expectAcceptedV4(recall, false);
			const recalled = onlyItem(execution, 'Recall the Pushed Message', ['code', 'requestId', 'sentTime', 'fromUserId', 'messageUID']);
			assert.equal(recalled.code, 0);
			assert.equal(recalled.messageUID, result.messageId);
		},
	},
	'push-to-tag.json': {
		how: 'execute',
		checkDryRun(run) {
			expectNothingSent(run);
			assert.deepEqual(dryRunJson(run.execution, 'Push to VIP Users in Beijing', run.emulator, V4_PATHS.taggedPush), PUSH_TO_TAG_BODY);
			assert.match(String(nodeOutput(run.execution, 'Push to VIP Users in Beijing')[0].warning), UNDOCUMENTED_NOTIFICATION_WARNING);
		},
		check({ emulator, requests, execution }) {
			assert.equal(requests.length, 1, 'one request');
			const [request] = requests;
			assert.deepEqual(signedJson(request, emulator, V4_PATHS.taggedPush), PUSH_TO_TAG_BODY);
			const result = expectAcceptedV4(request);
			const [item] = nodeOutput(execution, 'Push to VIP Users in Beijing');
			assert.equal(item.code, 0);
			assert.equal(item.id, result.id);
			assert.equal(item.requestId, request.headers['x-request-id']);
			assert.equal(item.audience, 'tag');
			assert.match(String(item.warning), UNDOCUMENTED_NOTIFICATION_WARNING, 'the output says what v4 leaves open');
		},
	},
	'notify-users-of-a-query.json': {
		how: 'execute',
		checkDryRun(run) {
			expectNothingSent(run);
			const body = dryRunRequestOfUsers(run.execution, 'Send to Users', run.emulator, V4_PATHS.send, JSON_TYPE);
			assert.deepEqual(body, { fromUserId: 'system', toUserIds: QUERY_USERS, messageType: 'RC:TxtMsg', content: JSON.stringify(QUERY_MESSAGE) });
		},
		check({ emulator, requests, execution }) {
			assert.equal(requests.length, 1, 'one request for the three users (same message)');
			const [request] = requests;
			const body = signedJson(request, emulator, V4_PATHS.send);
			assert.deepEqual(body, { fromUserId: 'system', toUserIds: QUERY_USERS, messageType: 'RC:TxtMsg', content: JSON.stringify(QUERY_MESSAGE) });
			const result = expectAcceptedV4(request) as { messageIds?: Array<{ userId: string; messageId: string }> };
			assert.deepEqual(result.messageIds?.map((entry) => entry.userId), QUERY_USERS);
			expectUsersPaired(execution, 'Send to Users', request, new Map(result.messageIds?.map((entry) => [entry.userId, entry.messageId])), 0);
		},
	},
};
