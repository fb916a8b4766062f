/**
 * What each workflow in examples/ must put on the wire and output, written out by hand from the
 * example files and RongCloud's API documentation (docs/rongcloud-server-api.md), never derived from the node's code: a change in the node
 * that alters the wire fails here.
 *
 * The examples ship with Dry Run on, so each is run twice: as shipped (`checkDryRun`: nothing at
 * the emulator, each RongCloud node outputs the request it would send, which is the same request)
 * and with Dry Run switched off in every RongCloud node (`check`: what reached the wire).
 *
 * Every file in examples/ needs an entry; the examples scenario fails on a file without one.
 */
import { PUSH_CONFIG_VENDORS } from '../support/emulator';
import type { EmulatorHandle, EmulatorRequest } from './emulator';
import {
	assert,
	containsText,
	contentOf,
	expectAccepted,
	expectSignedRequest,
	formEntries,
	jsonField,
	nodeOutput,
} from './harness';
import type { ExecutionData } from './n8n';

/** RongCloud's documented pushExt example plus HONOR and every field its table lists, as every-field.json fills them. */
export const EVERY_FIELD_PUSH_EXT = {
	title: 'you have a new message.',
	templateId: '123456',
	forceShowPushContent: 1,
	pushConfigs: {
		HW: { channelId: 'hw-123', importance: 'NORMAL', image: 'https://example.com/image.png', category: 'IM' },
		HONOR: { importance: 'LOW', image: 'https://example.com/honor.png' },
		MI: { channelId: 'mi-123', large_icon_uri: 'https://example.com/image.png' },
		OPPO: { channelId: 'oppo-123', category: 'IM', notify_level: 2 },
		VIVO: { classification: '0', category: 'IM' },
		APNs: {
			'thread-id': '123',
			'apns-collapse-id': '123456',
			richMediaUri: 'https://example.com/image.png',
			'interruption-level': 'time-sensitive',
		},
		FCM: { channelId: 'rongcloud_channelid', collapse_key: '1234', imageUrl: 'https://example.com/image.png' },
		OHOS: { category: 'IM', image: 'https://example.com/image.png' },
	},
} as const;

/** Every form field of broadcast.json, as every-field.json fills them (content and pushExt parsed). */
export const EVERY_FIELD_FORM = {
	content: {
		content: 'hello',
		extra: 'helloExtra',
		user: { id: '2191', name: 'Operations Team', portrait: 'https://example.com/avatar.png', extra: 'staff' },
	},
	fromUserId: '2191',
	objectName: 'RC:TxtMsg',
	pushContent: 'thisisapush',
	pushData: '{"pushData":"hello"}',
	contentAvailable: '1',
	disableUpdateLastMsg: 'true',
	msgRandom: '20240601001',
	os: 'iOS',
	pushExt: EVERY_FIELD_PUSH_EXT,
} as const;

/** pushExt as sent, with pushConfigs (an array of one-key objects) turned into one object keyed by vendor. */
export function normalizedPushExt(raw: unknown): Record<string, unknown> {
	assert.ok(raw && typeof raw === 'object' && !Array.isArray(raw), `pushExt is not an object: ${JSON.stringify(raw)}`);
	const pushExt = { ...(raw as Record<string, unknown>) };
	if (pushExt.pushConfigs !== undefined) {
		assert.ok(Array.isArray(pushExt.pushConfigs), 'pushExt.pushConfigs is not an array (the API wants an array of one-key objects)');
		const byVendor: Record<string, unknown> = {};
		for (const entry of pushExt.pushConfigs as unknown[]) {
			assert.ok(entry && typeof entry === 'object', `pushConfigs entry ${JSON.stringify(entry)}`);
			const keys = Object.keys(entry);
			assert.equal(keys.length, 1, `a pushConfigs entry must have exactly one vendor key: ${JSON.stringify(entry)}`);
			assert.ok(!(keys[0] in byVendor), `vendor ${keys[0]} appears twice in pushConfigs`);
			byVendor[keys[0]] = (entry as Record<string, unknown>)[keys[0]];
		}
		pushExt.pushConfigs = byVendor;
	}
	return pushExt;
}

/** A broadcast.json request carrying exactly every field of every-field.json. */
export function expectEveryFieldForm(form: Record<string, string>, where: string): void {
	assert.deepEqual(
		Object.keys(form).sort(),
		Object.keys(EVERY_FIELD_FORM).sort(),
		`${where}: the form fields (every broadcast.json field must reach the wire)`,
	);
	// content and pushExt are JSON: compared as values below, not as text.
	for (const [key, value] of Object.entries(EVERY_FIELD_FORM)) {
		if (key !== 'content' && key !== 'pushExt') assert.equal(form[key], value, `${where}: ${key}`);
	}
	assert.deepEqual(JSON.parse(form.content), EVERY_FIELD_FORM.content, `${where}: content`);
	const sentPushExt = normalizedPushExt(JSON.parse(form.pushExt));
	assert.deepEqual(sentPushExt, EVERY_FIELD_PUSH_EXT, `${where}: pushExt`);
	assert.deepEqual(
		Object.keys(sentPushExt.pushConfigs as object).sort(),
		[...PUSH_CONFIG_VENDORS].sort(),
		`${where}: every push vendor RongCloud knows is in pushConfigs`,
	);
}

/**
 * The one output item of a node in Dry Run: the request it would have sent to `path` at this
 * emulator, with the App Key and a signature that cannot be used, and no App Secret anywhere.
 * Returns the body it shows (form fields, or the JSON body).
 */
export function dryRunBody(execution: ExecutionData, node: string, emulator: EmulatorHandle, path: string): Record<string, unknown> {
	const items = nodeOutput(execution, node);
	assert.equal(items.length, 1, `${node}: one output item`);
	const [item] = items;
	assert.equal(item.dryRun, true, `${node}: a dry-run item (the example ships with Dry Run on): ${JSON.stringify(item).slice(0, 200)}`);
	assert.equal(item.method, 'POST');
	assert.equal(item.url, `${emulator.baseUrl}${path}`, `${node}: url`);
	const headers = item.headers as Record<string, string>;
	assert.equal(headers['App-Key'], emulator.appKey);
	assert.doesNotMatch(String(headers.Signature), /^[0-9a-f]{40}$/, `${node}: the dry run shows a usable signature`);
	assert.ok(!containsText(item, emulator.appSecret), `${node}: the App Secret appears in the dry-run output`);
	return item.body as Record<string, unknown>;
}

/** The stand-in the send-then-recall example's recall shows while the send is a dry run (it has no messageUID). */
export const RECALL_STAND_IN = '(messageUID of Send to All Users)';

/** The stand-in the push-then-recall example's recall shows while the push is a dry run. */
export const PUSH_RECALL_STAND_IN = '(messageUID of Push Notification)';

const SEND_THEN_RECALL_FORM = {
	content: JSON.stringify({ content: 'Maintenance tonight 22:00-23:00' }),
	fromUserId: 'system',
	objectName: 'RC:TxtMsg',
	pushContent: 'Maintenance tonight 22:00-23:00',
};

const scheduleContent = (at: number) => ({
	content: `Good morning! Today's maintenance window is 22:00-23:00 (${new Date(at).toISOString().slice(0, 10)}).`,
});

/**
 * A /push.json body that carries a text system message: `text` is checked apart (the content is
 * JSON text), the rest must equal `rest` exactly.
 */
function expectPushBody(body: Record<string, unknown>, text: string, rest: Record<string, unknown>, where: string): void {
	const message = body.message as Record<string, unknown>;
	assert.deepEqual(JSON.parse(String(message?.content)), { content: text }, `${where}: message content`);
	assert.deepEqual(body, { ...rest, message: { content: message.content, objectName: 'RC:TxtMsg' } }, where);
}

const PUSH_TO_TAG = {
	platform: ['ios', 'android'],
	fromuserid: 'shop',
	audience: { tag: ['vip', 'beijing'], is_to_all: false },
	notification: {
		alert: 'Members-only sale: 50% off until 18:00',
		title: 'VIP sale',
		ios: { badge: 1, 'thread-id': 'vip-sales' },
		android: { hw: { importance: 'NORMAL' } },
	},
};
const expectPushToTagBody = (body: Record<string, unknown>, where: string) =>
	expectPushBody(body, 'Members-only sale: 50% off until 18:00. Open the app to shop.', PUSH_TO_TAG, where);

const PUSH_THEN_RECALL = {
	platform: ['ios', 'android'],
	fromuserid: 'shop',
	audience: { tag: ['vip'], is_to_all: false },
	notification: { alert: 'Flash sale: 50% off for 2 hours' },
};
const expectPushThenRecallBody = (body: Record<string, unknown>, where: string) =>
	expectPushBody(body, 'Flash sale: 50% off for 2 hours. Open the app to shop.', PUSH_THEN_RECALL, where);

export interface ExampleRun {
	emulator: EmulatorHandle;
	/** Every request the emulator received for this example, settled. */
	requests: EmulatorRequest[];
	execution: ExecutionData;
	/** For webhook examples: what the webhook call answered. */
	webhook?: { status: number; body: unknown };
	/** For a refused example: the message the execution failed with. */
	error?: string;
	log(line: string): void;
}

export interface ExampleExpectation {
	/**
	 * execute: `n8n execute` as it is (it starts at a Manual Trigger);
	 * execute-manual-copy: a copy whose trigger is a Manual Trigger (n8n execute starts only there);
	 * webhook: n8n started, the workflow published, `post` POSTed to its path.
	 */
	how: 'execute' | 'execute-manual-copy' | 'webhook';
	post?: Record<string, unknown>;
	/**
	 * The node must refuse the example before anything is sent (a field the generation lacks): the
	 * execution fails, in both runs, and the checks get its message as `error`.
	 */
	refused?: true;
	/** The example as shipped (Dry Run on): `requests` must be empty. */
	checkDryRun(run: ExampleRun): void;
	/** The example with Dry Run off in every RongCloud node. */
	check(run: ExampleRun): void;
}

export function expectNothingSent(run: ExampleRun): void {
	assert.deepEqual(
		run.requests.map((r) => r.path),
		[],
		'the example as shipped (Dry Run on) sent requests',
	);
}

/** The single output item of a node, with the keys it must have (and no others). */
export function onlyItem(execution: ExecutionData, node: string, keys: string[]): Record<string, unknown> {
	const items = nodeOutput(execution, node);
	assert.equal(items.length, 1, `${node}: one output item`);
	assert.deepEqual(Object.keys(items[0]).sort(), [...keys].sort(), `${node}: output keys`);
	return items[0];
}

function expectSendOutput(item: Record<string, unknown>, request: EmulatorRequest, fromUserId: string, objectName = 'RC:TxtMsg'): void {
	const answer = expectAccepted(request);
	assert.equal(item.code, 200);
	assert.equal(item.messageUID, answer.messageUID, 'output messageUID is the one RongCloud answered');
	assert.equal(item.requestId, request.headers['x-request-id'], 'output requestId is the X-Request-ID sent');
	assert.equal(typeof item.sentTime, 'number');
	assert.ok(Math.abs((item.sentTime as number) - request.receivedAt) < 60_000, 'sentTime is the time of sending, in ms');
	assert.equal(item.fromUserId, fromUserId);
	assert.equal(item.objectName, objectName);
}

export const SEND_OUTPUT_KEYS = ['code', 'messageUID', 'requestId', 'sentTime', 'fromUserId', 'objectName'];

/** The users the notify-users-of-a-query.json example's Code node returns, one item each, and its text. */
export const QUERY_USERS = ['user-1001', 'user-1002', 'user-1003'];
export const QUERY_MESSAGE = { content: 'Your subscription ends this Sunday. Renew it in the app to keep your history.' };
const SEND_TO_USERS_OUTPUT_KEYS = ['code', 'toUserIds', 'messageUIDs', 'requestIds', 'sentTime', 'fromUserId', 'objectName'];

/**
 * A send to listed users in Dry Run, one input item per user: the first output item shows the one
 * request (every user in it), the others point at it. Returns that request's body.
 */
export function dryRunRequestOfUsers(execution: ExecutionData, node: string, emulator: EmulatorHandle, path: string, contentType: string): Record<string, unknown> {
	const items = nodeOutput(execution, node);
	assert.deepEqual(items.map((item) => item.toUserIds), QUERY_USERS.map((user) => [user]), `${node}: one output item per user, in order`);
	assert.ok(items.every((item) => item.dryRun === true), `${node}: dry-run items`);
	const [shown, ...others] = items.map((item) => item.requests as Array<Record<string, unknown>>);
	assert.equal(shown.length, 1, `${node}: one request for every user`);
	for (const pointer of others) assert.deepEqual(pointer, [{ request: 1, shownOnItem: 0 }]);
	const [request] = shown;
	assert.equal(request.request, 1);
	assert.equal(request.recipients, QUERY_USERS.length);
	assert.equal(request.method, 'POST');
	assert.equal(request.url, `${emulator.baseUrl}${path}`);
	const headers = request.headers as Record<string, string>;
	assert.equal(headers['App-Key'], emulator.appKey);
	assert.equal(headers['Content-Type'], contentType);
	assert.doesNotMatch(String(headers.Signature), /^[0-9a-f]{40}$/, `${node}: the dry run shows a usable signature`);
	assert.ok(!containsText(items, emulator.appSecret), `${node}: the App Secret appears in the dry-run output`);
	return request.body as Record<string, unknown>;
}

/**
 * A send to listed users that went out: one output item per user, paired, each naming the one
 * request and its own user's messageUID as the answer gave it (`answered`: user → messageUID).
 */
export function expectUsersPaired(execution: ExecutionData, node: string, request: EmulatorRequest, answered: Map<string, unknown>, code: number): void {
	const items = nodeOutput(execution, node);
	assert.equal(items.length, QUERY_USERS.length, `${node}: one output item per input item`);
	items.forEach((item, index) => {
		const user = QUERY_USERS[index];
		assert.deepEqual(Object.keys(item).sort(), [...SEND_TO_USERS_OUTPUT_KEYS].sort(), `${node} item ${index}: output keys`);
		assert.equal(item.code, code);
		assert.deepEqual(item.toUserIds, [user], `item ${index} is ${user}'s`);
		assert.deepEqual(item.messageUIDs, [{ userId: user, messageUID: answered.get(user) }], `item ${index}: ${user}'s messageUID as answered`);
		assert.deepEqual(item.requestIds, [request.headers['x-request-id']], `item ${index}: the request that reached ${user}`);
		assert.equal(item.fromUserId, 'system');
		assert.equal(item.objectName, 'RC:TxtMsg');
	});
}

export const EXAMPLE_EXPECTATIONS: Record<string, ExampleExpectation> = {
	'every-field.json': {
		how: 'execute',
		checkDryRun(run) {
			expectNothingSent(run);
			const body = dryRunBody(run.execution, 'RongCloud Broadcast', run.emulator, '/message/broadcast.json') as Record<string, string>;
			expectEveryFieldForm(body, 'every-field.json dry run');
		},
		check({ emulator, requests, execution }) {
			assert.equal(requests.length, 1, 'one request');
			const [request] = requests;
			expectSignedRequest(request, emulator, '/message/broadcast.json');
			expectEveryFieldForm(request.form ?? {}, 'every-field.json');
			expectSendOutput(onlyItem(execution, 'RongCloud Broadcast', SEND_OUTPUT_KEYS), request, '2191');
		},
	},
	'schedule-broadcast.json': {
		how: 'execute-manual-copy',
		checkDryRun(run) {
			expectNothingSent(run);
			const body = dryRunBody(run.execution, 'RongCloud Broadcast', run.emulator, '/message/broadcast.json');
			assert.deepEqual(Object.keys(body).sort(), ['content', 'fromUserId', 'objectName', 'pushContent']);
			assert.deepEqual(JSON.parse(String(body.content)), scheduleContent(Date.now()), 'the $now expression was evaluated');
			assert.equal(body.pushContent, 'Maintenance tonight 22:00-23:00');
		},
		check({ emulator, requests, execution }) {
			assert.equal(requests.length, 1, 'one request');
			const [request] = requests;
			expectSignedRequest(request, emulator, '/message/broadcast.json');
			const form = request.form ?? {};
			assert.deepEqual(Object.keys(form).sort(), ['content', 'fromUserId', 'objectName', 'pushContent']);
			assert.equal(form.fromUserId, 'system');
			assert.equal(form.objectName, 'RC:TxtMsg');
			assert.equal(form.pushContent, 'Maintenance tonight 22:00-23:00');
			// The expression {{ $now.toFormat('yyyy-MM-dd') }} was evaluated (GENERIC_TIMEZONE=UTC).
			assert.deepEqual(contentOf(request), scheduleContent(request.receivedAt));
			expectSendOutput(onlyItem(execution, 'RongCloud Broadcast', SEND_OUTPUT_KEYS), request, 'system');
		},
	},
	'webhook-broadcast.json': {
		how: 'webhook',
		post: { text: 'Hello from the examples scenario' },
		checkDryRun(run) {
			expectNothingSent(run);
			const body = dryRunBody(run.execution, 'RongCloud Broadcast', run.emulator, '/message/broadcast.json');
			assert.deepEqual(body, {
				content: JSON.stringify({ content: 'Hello from the examples scenario' }),
				fromUserId: 'system',
				objectName: 'RC:TxtMsg',
				pushContent: 'Hello from the examples scenario',
				pushExt: JSON.stringify({ title: 'Announcement' }),
			});
			assert.equal(run.webhook?.status, 200);
			assert.deepEqual(run.webhook?.body, nodeOutput(run.execution, 'RongCloud Broadcast')[0], 'the webhook answers with the dry-run item');
		},
		check({ emulator, requests, execution, webhook }) {
			assert.equal(requests.length, 1, 'one request');
			const [request] = requests;
			expectSignedRequest(request, emulator, '/message/broadcast.json');
			const form = request.form ?? {};
			assert.deepEqual(Object.keys(form).sort(), ['content', 'fromUserId', 'objectName', 'pushContent', 'pushExt']);
			assert.equal(form.fromUserId, 'system', "fromUserId falls back to 'system'");
			assert.deepEqual(contentOf(request), { content: 'Hello from the examples scenario' }, 'an empty extra is left out');
			assert.equal(form.pushContent, 'Hello from the examples scenario');
			assert.deepEqual(jsonField(request, 'pushExt'), { title: 'Announcement' });
			const item = onlyItem(execution, 'RongCloud Broadcast', SEND_OUTPUT_KEYS);
			expectSendOutput(item, request, 'system');
			assert.equal(webhook?.status, 200);
			assert.deepEqual(webhook?.body, item, 'the webhook answers with the node output (responseMode lastNode)');
		},
	},
	'send-then-recall.json': {
		how: 'execute',
		checkDryRun(run) {
			expectNothingSent(run);
			assert.deepEqual(dryRunBody(run.execution, 'Send to All Users', run.emulator, '/message/broadcast.json'), SEND_THEN_RECALL_FORM);
			// The send has no messageUID in a dry run: the recall shows the example's stand-in.
			assert.deepEqual(dryRunBody(run.execution, 'Recall Broadcast', run.emulator, '/message/broadcast/recall.json'), {
				fromUserId: 'system',
				messageUID: RECALL_STAND_IN,
				isAdmin: '1',
			});
		},
		check({ emulator, requests, execution }) {
			assert.deepEqual(
				requests.map((r) => r.path),
				['/message/broadcast.json', '/message/broadcast/recall.json'],
				'a broadcast, then its recall',
			);
			const [send, recall] = requests;
			expectSignedRequest(send, emulator, '/message/broadcast.json');
			expectSignedRequest(recall, emulator, '/message/broadcast/recall.json');
			assert.notEqual(send.headers.nonce, recall.headers.nonce, 'each request has its own nonce');
			assert.deepEqual(send.form, SEND_THEN_RECALL_FORM);
			const sent = onlyItem(execution, 'Send to All Users', SEND_OUTPUT_KEYS);
			expectSendOutput(sent, send, 'system');
			// The recall takes fromUserId and messageUID from the send's output item; send's sentTime is
			// n8n's clock, not RongCloud's, so the recall sends none.
			assert.deepEqual(recall.form, {
				fromUserId: 'system',
				messageUID: String(sent.messageUID),
				isAdmin: '1',
			});
			expectAccepted(recall);
			const recalled = nodeOutput(execution, 'Recall Broadcast');
			assert.equal(recalled.length, 1);
			assert.equal(recalled[0].code, 200);
			assert.equal(recalled[0].messageUID, sent.messageUID);
			assert.equal(recalled[0].fromUserId, 'system');
			assert.equal(recalled[0].requestId, recall.headers['x-request-id']);
		},
	},
	'push-then-recall.json': {
		how: 'execute',
		checkDryRun(run) {
			expectNothingSent(run);
			expectPushThenRecallBody(dryRunBody(run.execution, 'Push to VIP Users', run.emulator, '/push.json'), 'push-then-recall.json dry run');
			// The push has no messageUID in a dry run: the recall shows the example's stand-in.
			assert.deepEqual(dryRunBody(run.execution, 'Recall the Pushed Message', run.emulator, '/message/broadcast/recall.json'), {
				fromUserId: 'shop',
				messageUID: PUSH_RECALL_STAND_IN,
			});
		},
		check({ emulator, requests, execution }) {
			assert.deepEqual(requests.map((r) => r.path), ['/push.json', '/message/broadcast/recall.json'], 'a push, then the recall of its message');
			const [push, recall] = requests;
			expectSignedRequest(push, emulator, '/push.json', 'application/json');
			expectSignedRequest(recall, emulator, '/message/broadcast/recall.json');
			expectPushThenRecallBody(push.json as Record<string, unknown>, 'push-then-recall.json');
			const answer = expectAccepted(push);
			assert.match(String(answer.messageUID), /^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/, 'the emulator answers a push with a system message with its messageUID');
			const pushed = onlyItem(execution, 'Push to VIP Users', ['code', 'id', 'messageUID', 'requestId', 'sentTime', 'platform', 'audience', 'fromUserId', 'objectName']);
			assert.equal(pushed.id, answer.id, 'output id is the push id RongCloud answered');
			assert.equal(pushed.messageUID, answer.messageUID, 'output messageUID is the one RongCloud answered');
			assert.equal(pushed.requestId, push.headers['x-request-id']);
			// The recall takes fromUserId and messageUID from the push's output item.
			assert.deepEqual(recall.form, { fromUserId: 'shop', messageUID: String(answer.messageUID) });
			expectAccepted(recall);
			const recalled = onlyItem(execution, 'Recall the Pushed Message', ['code', 'requestId', 'sentTime', 'fromUserId', 'messageUID']);
			assert.equal(recalled.code, 200);
			assert.equal(recalled.messageUID, answer.messageUID);
			assert.equal(recalled.requestId, recall.headers['x-request-id']);
		},
	},
	'notify-users-of-a-query.json': {
		how: 'execute',
		checkDryRun(run) {
			expectNothingSent(run);
			const body = dryRunRequestOfUsers(run.execution, 'Send to Users', run.emulator, '/message/system/publish.json', 'application/x-www-form-urlencoded');
			assert.deepEqual(body, { fromUserId: 'system', toUserId: QUERY_USERS, objectName: 'RC:TxtMsg', content: JSON.stringify(QUERY_MESSAGE) });
		},
		check({ emulator, requests, execution }) {
			assert.equal(requests.length, 1, 'one request for the three users (same message)');
			const [request] = requests;
			expectSignedRequest(request, emulator, '/message/system/publish.json', 'application/x-www-form-urlencoded', ['toUserId']);
			assert.deepEqual(formEntries(request).map(([key]) => key), ['fromUserId', ...QUERY_USERS.map(() => 'toUserId'), 'objectName', 'content']);
			assert.deepEqual(request.formValues?.toUserId, QUERY_USERS, 'every user once, in item order');
			assert.equal(request.form?.fromUserId, 'system');
			assert.equal(request.form?.objectName, 'RC:TxtMsg');
			assert.deepEqual(contentOf(request), QUERY_MESSAGE);
			const answer = expectAccepted(request) as { messageUIDs?: Array<{ userId: string; messageUID: string }> };
			assert.deepEqual(answer.messageUIDs?.map((entry) => entry.userId), QUERY_USERS);
			expectUsersPaired(execution, 'Send to Users', request, new Map(answer.messageUIDs?.map((entry) => [entry.userId, entry.messageUID])), 200);
		},
	},
	'push-to-tag.json': {
		how: 'execute',
		checkDryRun(run) {
			expectNothingSent(run);
			expectPushToTagBody(dryRunBody(run.execution, 'Push to VIP Users in Beijing', run.emulator, '/push.json'), 'push-to-tag.json dry run');
		},
		check({ emulator, requests, execution }) {
			assert.equal(requests.length, 1, 'one request');
			const [request] = requests;
			expectSignedRequest(request, emulator, '/push.json', 'application/json');
			assert.equal(request.form, undefined);
			expectPushToTagBody(request.json as Record<string, unknown>, 'push-to-tag.json');
			const answer = expectAccepted(request);
			const item = nodeOutput(execution, 'Push to VIP Users in Beijing');
			assert.equal(item.length, 1);
			assert.equal(item[0].code, 200);
			assert.equal(item[0].id, answer.id, 'output id is the push id RongCloud answered');
			assert.equal(item[0].requestId, request.headers['x-request-id']);
			assert.deepEqual(item[0].platform, ['ios', 'android']);
			assert.equal(item[0].audience, 'tag');
			assert.equal(item[0].fromUserId, 'shop');
		},
	},
};

/** The rows of every-field style forms, in wire order, for logs. */
export function describeForm(request: EmulatorRequest): string {
	return formEntries(request)
		.map(([k, v]) => `${k}=${v.length > 60 ? `${v.slice(0, 60)}…` : v}`)
		.join(' & ');
}
