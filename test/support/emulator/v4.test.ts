/**
 * The emulator's v4 (Nexconn JSON) endpoints: each success answer, each refusal, the signing
 * headers, both names of the id, and the quota and service gate shared with v1.
 */
import { computeSignature, DEFAULT_APP_KEY, DEFAULT_APP_SECRET, MAX_CONTENT_BYTES, PATHS, V4_PATHS } from '../emulator';
import { emulatorCaller, expectError, type CallResult } from '../emulatorCalls';
import { withEmulator } from '../withEmulator';

const START = Date.parse('2024-03-01T04:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
let clock = START;
const call = emulatorCaller(() => clock);

const UID = /^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/;
const TXT = { fromUserId: 'system', messageType: 'RC:TxtMsg', content: '{"content":"hello"}' };
const V1_TXT = { fromUserId: 'system', objectName: 'RC:TxtMsg', content: '{"content":"hello"}' };
const PUSH = {
	platform: ['ios', 'android'],
	fromUserId: 'system',
	audience: { tag: ['a'], isToAll: false },
	message: { content: '{"content":"hi"}', messageType: 'RC:TxtMsg' },
	notification: { title: 'Title', alert: 'hi' },
};
const DOCS_IDS = { appKey: 'docs-ids', appSecret: 'docs-secret' };
const DISABLED = { appKey: 'disabled-app', appSecret: 'disabled-secret' };

const emulator = withEmulator({
	now: () => clock,
	apps: [
		{ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET },
		{ ...DOCS_IDS, v4IdName: 'messageUID' },
		{ ...DISABLED, broadcastEnabled: false },
	],
});

beforeEach(() => {
	clock = START;
});

const sendAll = async (json: unknown = TXT, options = {}) => await call(emulator, V4_PATHS.broadcastAll, { json, ...options });
/** The one id of a v4 answer's result, under whichever name. */
const idOf = (body: CallResult['body']): string => Object.values(body.result as Record<string, string>)[0];
const issuedAs = (id: string) => emulator.issued.find((m) => m.uid === id);
const repeat = (count: number, prefix: string): string[] => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

describe('v4 broadcast-all', () => {
	it('answers {code: 0, result: {messageId}} to a body with every field, and issues the id for recall', async () => {
		const pushExt = JSON.stringify({ title: 'T', pushConfigs: [{ HW: { channelId: 'c' } }] });
		const result = await sendAll({ ...TXT, pushContent: 'p', pushData: 'd', contentAvailable: 1, pushExt, disableUpdateLastMsg: true });
		expect(result.status).toBe(200);
		expect(result.body).toEqual({ code: 0, result: { messageId: expect.stringMatching(UID) } });
		expect(emulator.issued.at(-1)).toEqual({ appKey: DEFAULT_APP_KEY, path: V4_PATHS.broadcastAll, uid: idOf(result.body), sentAt: clock });
	});

	it('answers result.messageUID instead for an app set to the docs pages\' name', async () => {
		const result = await sendAll(TXT, DOCS_IDS);
		expect(result.body).toEqual({ code: 0, result: { messageUID: expect.stringMatching(UID) } });
	});

	it('accepts the RC- header names and refuses a bad signature with {code, errorMessage}', async () => {
		const [nonce, timestamp] = ['rc-prefixed', String(clock)];
		const headers = { 'RC-App-Key': DEFAULT_APP_KEY, 'RC-Nonce': nonce, 'RC-Timestamp': timestamp };
		const signature = computeSignature(DEFAULT_APP_SECRET, nonce, timestamp);
		expect((await sendAll(TXT, { unsigned: true, headers: { ...headers, 'RC-Signature': signature } })).status).toBe(200);
		const forged = await sendAll(TXT, { unsigned: true, headers: { ...headers, 'RC-Nonce': 'other', 'RC-Signature': signature } });
		expect({ status: forged.status, body: forged.body }).toEqual({ status: 401, body: { code: 1004, errorMessage: 'Signature verification failed.' } });
		expectError(await sendAll(TXT, { appSecret: 'wrong' }), 401, 1004, /Signature/);
	});

	it('takes the Timestamp in milliseconds only, as v4\'s auth page documents (v1 takes seconds too)', async () => {
		const seconds = String(Math.floor(clock / 1000));
		expectError(await sendAll(TXT, { timestamp: seconds }), 401, 1004, /milliseconds on the v4 API/);
		expect((await call(emulator, PATHS.checkOnline, { form: { userId: 'u' }, timestamp: seconds })).status).toBe(200);
	});

	const refusals: Array<[string, unknown, number, RegExp]> = [
		['no fromUserId', { ...TXT, fromUserId: undefined }, 1002, /^fromUserId is required/],
		['an empty fromUserId', { ...TXT, fromUserId: '' }, 1002, /^fromUserId is required/],
		['a fromUserId of 65 characters', { ...TXT, fromUserId: 'u'.repeat(65) }, 1005, /fromUserId is longer than 64/],
		['no messageType', { ...TXT, messageType: undefined }, 1002, /^messageType is required/],
		['v1\'s objectName (unknown here)', { ...V1_TXT }, 1002, /Unknown parameter: objectName/],
		['a messageType of 33 characters', { ...TXT, messageType: 'x'.repeat(33) }, 1005, /messageType is longer than 32/],
		['an undocumented RC: type', { ...TXT, messageType: 'RC:Nope' }, 1002, /messageType RC:Nope/],
		['a number as messageType', { ...TXT, messageType: 7 }, 1002, /messageType must be a string/],
		['content as an object', { ...TXT, content: { content: 'x' } }, 1002, /content must be a string/],
		['content over 128 KB', { ...TXT, messageType: 'app:big', content: JSON.stringify({ a: 'x'.repeat(MAX_CONTENT_BYTES) }) }, 1005, /content is larger/],
		['content a client cannot display', { ...TXT, content: '{"content":""}' }, 1002, /content: RC:TxtMsg needs "content"/],
		['contentAvailable as text', { ...TXT, contentAvailable: '1' }, 1002, /contentAvailable must be a whole number/],
		['contentAvailable 2', { ...TXT, contentAvailable: 2 }, 1002, /contentAvailable must be 0 or 1/],
		['disableUpdateLastMsg as text', { ...TXT, disableUpdateLastMsg: 'true' }, 1002, /disableUpdateLastMsg must be true or false/],
		['pushExt as an object', { ...TXT, pushExt: { title: 'x' } }, 1002, /pushExt must be a string/],
		['pushExt that is not JSON', { ...TXT, pushExt: '{title' }, 1002, /pushExt is not valid JSON/],
		['null for an optional field', { ...TXT, pushContent: null }, 1002, /pushContent must be a string/],
		['v1\'s os (not in v4)', { ...TXT, os: 'iOS' }, 1002, /Unknown parameter: os/],
	];

	it.each(refusals)('refuses %s', async (_name, json, code, message) => {
		const issued = emulator.issued.length;
		expectError(await sendAll(json), 400, code, message);
		expect(emulator.issued).toHaveLength(issued);
	});

	it('requires a JSON object body', async () => {
		expectError(await call(emulator, V4_PATHS.broadcastAll, { form: V1_TXT }), 400, 1002, /application\/json/);
		expectError(await call(emulator, V4_PATHS.broadcastAll, { body: '{"fromUserId":', contentType: 'application/json' }), 400, 1002, /not valid JSON/);
		expectError(await call(emulator, V4_PATHS.broadcastAll, { body: '', contentType: 'application/json' }), 400, 1003);
		expectError(await sendAll([TXT]), 400, 1002, /JSON object/);
	});
});

describe('v4 broadcast-online', () => {
	it('answers an id that cannot be recalled, under either name, outside the broadcast quota', async () => {
		const issued = emulator.issued.length;
		for (let i = 0; i < 3; i++) expect((await call(emulator, V4_PATHS.broadcastOnline, { json: TXT })).body).toEqual({ code: 0, result: { messageId: expect.stringMatching(UID) } });
		expect((await call(emulator, V4_PATHS.broadcastOnline, { json: TXT, ...DOCS_IDS })).body).toEqual({ code: 0, result: { messageUID: expect.stringMatching(UID) } });
		expect(emulator.issued).toHaveLength(issued);
		expect((await sendAll()).status).toBe(200);
	});

	it('takes only its four fields', async () => {
		expectError(await call(emulator, V4_PATHS.broadcastOnline, { json: { ...TXT, pushContent: 'p' } }), 400, 1002, /Unknown parameter: pushContent/);
		expectError(await call(emulator, V4_PATHS.broadcastOnline, { json: { ...TXT, content: undefined } }), 400, 1002, /^content is required/);
	});

	it('shares the 60 per minute with v1\'s online broadcast', async () => {
		for (let i = 0; i < 30; i++) await call(emulator, PATHS.onlineBroadcast, { form: V1_TXT });
		for (let i = 0; i < 30; i++) expect((await call(emulator, V4_PATHS.broadcastOnline, { json: TXT })).status).toBe(200);
		expectError(await call(emulator, V4_PATHS.broadcastOnline, { json: TXT }), 429, 1008, /60 online broadcasts per minute/);
		clock += MINUTE;
		expect((await call(emulator, V4_PATHS.broadcastOnline, { json: TXT })).status).toBe(200);
	});
});

describe('v4 broadcast/delete (recall)', () => {
	it('recalls a v4 broadcast by messageId with every contract field, answering {code: 0}', async () => {
		const messageId = idOf((await sendAll()).body);
		const recall = await call(emulator, V4_PATHS.recall, {
			json: { fromUserId: 'system', messageId, sentAt: clock, isAdmin: 1, extra: 'why', disableUpdateLastMsg: true },
		});
		expect({ status: recall.status, body: recall.body }).toEqual({ status: 200, body: { code: 0 } });
		expect(issuedAs(messageId)?.recalled).toBe(true);
	});

	it('takes the docs page\'s messageUID and isDelete, and recalls across generations', async () => {
		const v1 = String((await call(emulator, PATHS.broadcast, { form: V1_TXT })).body.messageUID);
		expect((await call(emulator, V4_PATHS.recall, { json: { fromUserId: 's', messageUID: v1, isDelete: 1 } })).body).toEqual({ code: 0 });
		emulator.reset();
		const v4 = idOf((await sendAll(TXT, DOCS_IDS)).body);
		const byV1 = await call(emulator, PATHS.recall, { form: { fromUserId: 's', messageUID: v4 }, ...DOCS_IDS });
		expect(byV1.body).toEqual({ code: 200 });
		expect([issuedAs(v1)?.recalled, issuedAs(v4)?.recalled]).toEqual([true, true]);
	});

	it('refuses a missing, doubled, unknown or unrecallable id and bad fields', async () => {
		const messageId = idOf((await sendAll()).body);
		const online = idOf((await call(emulator, V4_PATHS.broadcastOnline, { json: TXT })).body);
		const recall = async (json: unknown) => await call(emulator, V4_PATHS.recall, { json });
		const base = { fromUserId: 's', messageId };
		expectError(await recall({ fromUserId: 's' }), 400, 1002, /^messageId is required/);
		expectError(await recall({ ...base, messageUID: messageId }), 400, 1002, /messageId and messageUID/);
		expectError(await recall({ fromUserId: 's', messageId: 'AAAA-BBBB-CCCC-DDDD' }), 400, 1002, /messageId AAAA-BBBB-CCCC-DDDD is unknown/);
		expectError(await recall({ fromUserId: 's', messageUID: online }), 400, 1002, /messageUID .* is unknown/);
		expectError(await recall({ messageId }), 400, 1002, /^fromUserId is required/);
		expectError(await recall({ ...base, fromUserId: 'u'.repeat(65) }), 400, 1005, /fromUserId is longer than 64/);
		expectError(await recall({ ...base, sentAt: '1507778882124' }), 400, 1002, /sentAt must be a whole number/);
		expectError(await recall({ ...base, sentAt: -1 }), 400, 1002, /sentAt must be a time/);
		expectError(await recall({ ...base, isAdmin: 2 }), 400, 1002, /isAdmin must be 0 or 1/);
		expectError(await recall({ ...base, isDelete: true }), 400, 1002, /isDelete must be a whole number/);
		expectError(await recall({ ...base, sentTime: clock }), 400, 1002, /Unknown parameter: sentTime/);
		expect(issuedAs(messageId)?.recalled).toBeUndefined();
	});
});

describe('v4 pushes: tagged-users/send and app-package-users/send', () => {
	const push = async (path: string, json: unknown) => await call(emulator, path, { json });

	it('answer {id, messageId}; the message is recallable; each path takes its audience', async () => {
		const tagged = await push(V4_PATHS.taggedPush, {
			...PUSH,
			audience: { tag: ['a', 'b'], tagOr: ['c'], isToAll: false },
			message: { ...PUSH.message, disableUpdateLastMsg: true },
			notification: { title: 't'.repeat(50), forceShowPushContent: 1, alert: 'a', ios: { badge: 1 }, android: {}, harmonyOS: {} },
		});
		expect(tagged.body).toEqual({ code: 0, result: { id: expect.stringMatching(/^push-/), messageId: expect.stringMatching(UID) } });
		const { messageId } = tagged.body.result as { messageId: string };
		expect(issuedAs(messageId)).toMatchObject({ path: V4_PATHS.taggedPush });
		emulator.reset();
		expect((await call(emulator, V4_PATHS.recall, { json: { fromUserId: 'system', messageId } })).body).toEqual({ code: 0 });
		for (const audience of [{ packageName: 'com.example', tag: ['a'], isToAll: false }, { userId: ['u1'], isToAll: false }, { isToAll: true }]) {
			emulator.reset();
			expect((await push(V4_PATHS.packagePush, { ...PUSH, audience })).body).toMatchObject({ code: 0, result: { id: expect.any(String) } });
		}
		emulator.reset();
		expect((await push(V4_PATHS.taggedPush, { ...PUSH, audience: { userId: ['u1'], isToAll: false } })).status).toBe(200);
	});

	const refusals: Array<[string, string, unknown, number, RegExp]> = [
		['no message (v4 has no push-only variant)', V4_PATHS.taggedPush, { ...PUSH, message: undefined }, 1002, /^message is required/],
		['v1\'s message.objectName', V4_PATHS.taggedPush, { ...PUSH, message: { content: '{}', objectName: 'app:x' } }, 1002, /message: unknown field objectName/],
		['message content over 128 KB', V4_PATHS.taggedPush, { ...PUSH, message: { messageType: 'app:x', content: JSON.stringify({ a: 'x'.repeat(MAX_CONTENT_BYTES) }) } }, 1005, /message\.content is larger/],
		['v1\'s is_to_all', V4_PATHS.packagePush, { ...PUSH, audience: { packageName: 'p', is_to_all: false } }, 1002, /audience: unknown field is_to_all/],
		['v1\'s fromuserid', V4_PATHS.taggedPush, { ...PUSH, fromUserId: undefined, fromuserid: 's' }, 1002, /Unknown parameter: fromuserid/],
		['an audience without isToAll', V4_PATHS.taggedPush, { ...PUSH, audience: { tag: ['a'] } }, 1002, /audience\.isToAll is required/],
		['isToAll as text', V4_PATHS.taggedPush, { ...PUSH, audience: { isToAll: 'true' } }, 1002, /audience\.isToAll must be true or false/],
		['packageName on the tag path', V4_PATHS.taggedPush, { ...PUSH, audience: { packageName: 'p', isToAll: false } }, 1002, /packageName is not read by/],
		['tags alone on the package path', V4_PATHS.packagePush, { ...PUSH, audience: { tag: ['a'], isToAll: false } }, 1002, /packageName is required with tag/],
		['isToAll: true with a tag', V4_PATHS.taggedPush, { ...PUSH, audience: { tag: ['a'], isToAll: true } }, 1002, /cannot be combined with tag/],
		['no selector', V4_PATHS.packagePush, { ...PUSH, audience: { isToAll: false } }, 1002, /at least one of packageName/],
		['userId with a tag', V4_PATHS.taggedPush, { ...PUSH, audience: { tag: ['a'], userId: ['u'], isToAll: false } }, 1002, /userId cannot be combined with tag/],
		['1001 user ids', V4_PATHS.taggedPush, { ...PUSH, audience: { userId: repeat(1001, 'u'), isToAll: false } }, 1005, /audience\.userId has more than 1000/],
		['a user id of 65 characters', V4_PATHS.taggedPush, { ...PUSH, audience: { userId: ['u'.repeat(65)], isToAll: false } }, 1005, /audience\.userId is longer than 64/],
		['21 tags', V4_PATHS.taggedPush, { ...PUSH, audience: { tag: repeat(21, 't'), isToAll: false } }, 1005, /audience\.tag has more than 20/],
		['21 tagOr entries', V4_PATHS.taggedPush, { ...PUSH, audience: { tagOr: repeat(21, 't'), isToAll: false } }, 1005, /audience\.tagOr has more than 20/],
		['an empty tag list', V4_PATHS.taggedPush, { ...PUSH, audience: { tag: [], isToAll: false } }, 1002, /audience\.tag must not be empty/],
		['no platform', V4_PATHS.taggedPush, { ...PUSH, platform: undefined }, 1002, /^platform is required/],
		['an undocumented platform', V4_PATHS.taggedPush, { ...PUSH, platform: ['harmonyos'] }, 1002, /platform must be/],
		['no notification', V4_PATHS.taggedPush, { ...PUSH, notification: undefined }, 1002, /^notification is required/],
		['a title of 51 characters', V4_PATHS.taggedPush, { ...PUSH, notification: { title: 't'.repeat(51) } }, 1005, /notification\.title is longer than 50/],
		['forceShowPushContent 2', V4_PATHS.taggedPush, { ...PUSH, notification: { forceShowPushContent: 2 } }, 1002, /notification\.forceShowPushContent must be 0 or 1/],
		['notification.ios as text', V4_PATHS.taggedPush, { ...PUSH, notification: { ios: 'x' } }, 1002, /notification\.ios must be an object/],
		['v1\'s pushExt', V4_PATHS.taggedPush, { ...PUSH, pushExt: '{}' }, 1002, /Unknown parameter: pushExt/],
	];

	it.each(refusals)('refuses %s', async (_name, path, json, code, message) => {
		const issued = emulator.issued.length;
		expectError(await push(path, json), 400, code, message);
		expect(emulator.issued).toHaveLength(issued);
	});
});

describe('v4 users: the credential test\'s calls', () => {
	it('connection-status/get answers status "0" as text; user/get a user', async () => {
		expect((await call(emulator, V4_PATHS.connectionStatus, { json: { userId: 'u1' } })).body).toEqual({ code: 0, result: { status: '0' } });
		expect((await call(emulator, V4_PATHS.userGet, { json: { userId: 'u1' } })).body).toEqual({
			code: 0,
			result: { name: 'u1', avatarUrl: '', createdAt: '2024-03-01 04:00:00' },
		});
	});

	it('refuses a missing userId, an unknown field, a bad signature, and works without the broadcast service', async () => {
		expectError(await call(emulator, V4_PATHS.connectionStatus, { json: {} }), 400, 1002, /^userId is required/);
		expectError(await call(emulator, V4_PATHS.connectionStatus, { json: { userId: 'u', userIds: ['u'] } }), 400, 1002, /userIds/);
		expectError(await call(emulator, V4_PATHS.userGet, { json: { userId: 5 } }), 400, 1002, /userId must be a string/);
		expectError(await call(emulator, V4_PATHS.connectionStatus, { json: { userId: 'u' }, appSecret: 'bad' }), 401, 1004);
		expect((await call(emulator, V4_PATHS.connectionStatus, { json: { userId: 'u' }, ...DISABLED })).status).toBe(200);
	});
});

describe('one quota and one service gate per app, whichever generation calls', () => {
	it('counts v1 and v4 broadcasts, pushes and recalls together (2 per hour, 3 per day)', async () => {
		const v1 = String((await call(emulator, PATHS.broadcast, { form: V1_TXT })).body.messageUID);
		expect((await sendAll()).status).toBe(200);
		expectError(await call(emulator, V4_PATHS.packagePush, { json: { ...PUSH, audience: { isToAll: true } } }), 429, 1008, /per hour/);
		expectError(await call(emulator, V4_PATHS.recall, { json: { fromUserId: 's', messageId: v1 } }), 429, 1008, /per hour/);
		clock += HOUR;
		expect((await call(emulator, V4_PATHS.taggedPush, { json: PUSH })).status).toBe(200);
		clock += HOUR;
		expectError(await sendAll(), 429, 1008, /per day/);
		expectError(await call(emulator, PATHS.broadcast, { form: V1_TXT }), 429, 1008, /per day/);
		expect((await sendAll(TXT, DOCS_IDS)).status).toBe(200);
	});

	it('answers 430/1009 on v4\'s broadcast family without the service, then 429/1008, in v4\'s error shape', async () => {
		const result = await sendAll(TXT, DISABLED);
		expect({ status: result.status, body: result.body }).toEqual({
			status: 430,
			body: { code: 1009, errorMessage: 'The broadcast service is not enabled for this app key.' },
		});
		expectError(await call(emulator, V4_PATHS.broadcastOnline, { json: TXT, ...DISABLED }), 430, 1009);
		expectError(await call(emulator, V4_PATHS.taggedPush, { json: PUSH, ...DISABLED }), 430, 1009);
		expectError(await call(emulator, V4_PATHS.recall, { json: { fromUserId: 's', messageId: 'x' }, ...DISABLED }), 429, 1008);
	});
});

describe('injected faults on v4 paths', () => {
	it('echoSignature puts the Signature where v4 answers an id; a code fault answers {code, errorMessage}', async () => {
		emulator.failNext({ kind: 'echoSignature', as: 'messageUID' }, { path: V4_PATHS.broadcastAll });
		emulator.failNext({ kind: 'echoSignature', as: 'id' }, { path: V4_PATHS.taggedPush });
		const all = await sendAll();
		expect(all.body).toEqual({ code: 0, result: { messageId: emulator.requests[0].headers.signature } });
		expect((await call(emulator, V4_PATHS.taggedPush, { json: PUSH })).body).toEqual({ code: 0, result: { id: emulator.requests[1].headers.signature } });
		emulator.failNextWithCode(1050, { path: V4_PATHS.send });
		const timedOut = await call(emulator, V4_PATHS.send, { json: { ...TXT, toUserIds: ['u1'] } });
		expect({ status: timedOut.status, body: timedOut.body }).toEqual({ status: 504, body: { code: 1050, errorMessage: 'internal service timeout' } });
		expect(emulator.deliveries).toEqual([]);
	});
});
