/* eslint-disable
	@n8n/community-nodes/no-dangerous-functions,
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

import { parseCliConfig, runCli, SANDBOX_RESET_PATH } from './emulator-cli';
import {
	computeSignature,
	DEFAULT_APP_KEY,
	DEFAULT_APP_SECRET,
	type EmulatorState,
	HANDLED_PATHS,
	MAX_CONTENT_BYTES,
	PATHS,
	RONGCLOUD_ERROR_CODES,
	type RongCloudEmulator,
	type RongCloudErrorCode,
	startEmulator,
	V4_PATHS,
} from './emulator';
import { emulatorCaller, expectError } from './emulatorCalls';
import { withEmulator } from './withEmulator';

// A controllable clock: 2024-03-01 12:00 in Beijing (04:00 UTC).
const START = Date.parse('2024-03-01T04:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
let clock = START;

const call = emulatorCaller(() => clock);

const TXT = { fromUserId: 'system', objectName: 'RC:TxtMsg', content: '{"content":"hello"}' };
const PUSH = { platform: ['ios', 'android'], audience: { is_to_all: true }, notification: { alert: 'hi' } };

const emulator = withEmulator({
	now: () => clock,
	apps: [
		{ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET },
		{ appKey: 'other-app', appSecret: 'other-secret' },
		{ appKey: 'disabled-app', appSecret: 'disabled-secret', broadcastEnabled: false },
	],
});

beforeEach(() => {
	clock = START;
});

describe('constants', () => {
	it('documents every error code RongCloud lists (docs/rongcloud-server-api.md#error-codes) with its HTTP status', () => {
		const table = Object.fromEntries(
			Object.entries(RONGCLOUD_ERROR_CODES).map(([code, info]) => [code, info.httpStatus]),
		);
		expect(table).toEqual({
			200: 200,
			1000: 500,
			1001: 401,
			1002: 400,
			1003: 400,
			1004: 401,
			1005: 400,
			1006: 401,
			1007: 401,
			1008: 429,
			1009: 430,
			1050: 504,
		});
	});

	it('signs like the documented example (fixed vector)', () => {
		// printf '%s' 'test-app-secret143141585127132438' | sha1sum
		expect(computeSignature('test-app-secret', '14314', '1585127132438')).toBe(
			'b3b56b4703a6318d89ad9044737152cb4c5dc6c5',
		);
	});
});

describe('signature check', () => {
	it('accepts the fixed signing vector when the clock matches', async () => {
		clock = 1585127132438 + 1000;
		const result = await call(emulator, PATHS.checkOnline, {
			form: { userId: 'u1' },
			nonce: '14314',
			timestamp: '1585127132438',
		});
		expect(result.status).toBe(200);
		expect(result.body).toEqual({ code: 200, status: '0' });
		expect(emulator.acceptedSignatures).toEqual(['b3b56b4703a6318d89ad9044737152cb4c5dc6c5']);
		expect(emulator.requests[0]).toMatchObject({ signatureValid: true, appKey: DEFAULT_APP_KEY });
		expect(emulator.requests[0].headers.signature).toBe('b3b56b4703a6318d89ad9044737152cb4c5dc6c5');
	});

	it('accepts RC- prefixed headers and timestamps in seconds', async () => {
		const nonce = 'prefixed';
		const timestamp = String(Math.floor(clock / 1000));
		const result = await call(emulator, PATHS.checkOnline, {
			unsigned: true,
			form: { userId: 'u1' },
			headers: {
				'RC-App-Key': DEFAULT_APP_KEY,
				'RC-Nonce': nonce,
				'RC-Timestamp': timestamp,
				'RC-Signature': computeSignature(DEFAULT_APP_SECRET, nonce, timestamp),
			},
		});
		expect(result.status).toBe(200);
	});

	it('rejects a wrong secret with 401/1004', async () => {
		const result = await call(emulator, PATHS.checkOnline, { form: { userId: 'u1' }, appSecret: 'wrong' });
		expectError(result, 401, 1004, /Signature/);
		expect(emulator.requests[0].signatureValid).toBe(false);
		expect(emulator.acceptedSignatures).toEqual([]);
	});

	it('rejects an unknown App-Key with 401/1001', async () => {
		const result = await call(emulator, PATHS.checkOnline, { form: { userId: 'u1' }, appKey: 'nobody' });
		expectError(result, 401, 1001, /nobody/);
	});

	it('rejects an upper-case hex signature', async () => {
		const nonce = 'upper';
		const timestamp = String(clock);
		const result = await call(emulator, PATHS.checkOnline, {
			unsigned: true,
			form: { userId: 'u1' },
			headers: {
				'App-Key': DEFAULT_APP_KEY,
				Nonce: nonce,
				Timestamp: timestamp,
				Signature: computeSignature(DEFAULT_APP_SECRET, nonce, timestamp).toUpperCase(),
			},
		});
		expectError(result, 401, 1004);
	});

	it.each(['App-Key', 'Nonce', 'Timestamp', 'Signature'])('rejects a missing %s header with 1004', async (name) => {
		const nonce = 'missing';
		const timestamp = String(clock);
		const headers: Record<string, string> = {
			'App-Key': DEFAULT_APP_KEY,
			Nonce: nonce,
			Timestamp: timestamp,
			Signature: computeSignature(DEFAULT_APP_SECRET, nonce, timestamp),
		};
		delete headers[name];
		const result = await call(emulator, PATHS.checkOnline, { unsigned: true, form: { userId: 'u1' }, headers });
		expectError(result, 401, 1004, new RegExp(name));
	});

	it('rejects a Nonce longer than 18 characters', async () => {
		expect((await call(emulator, PATHS.checkOnline, { form: { userId: 'u' }, nonce: 'x'.repeat(18) })).status).toBe(200);
		const result = await call(emulator, PATHS.checkOnline, { form: { userId: 'u' }, nonce: 'y'.repeat(19) });
		expectError(result, 401, 1004, /Nonce/);
	});

	it('rejects a replayed nonce, but a failed signature does not burn the nonce', async () => {
		const wrong = await call(emulator, PATHS.checkOnline, { form: { userId: 'u' }, nonce: 'once', appSecret: 'bad' });
		expectError(wrong, 401, 1004);
		expect((await call(emulator, PATHS.checkOnline, { form: { userId: 'u' }, nonce: 'once' })).status).toBe(200);
		const replay = await call(emulator, PATHS.checkOnline, { form: { userId: 'u' }, nonce: 'once' });
		expectError(replay, 401, 1004, /replay/);
		// Nonces are per app.
		const otherApp = await call(emulator, PATHS.checkOnline, {
			form: { userId: 'u' },
			nonce: 'once',
			appKey: 'other-app',
			appSecret: 'other-secret',
		});
		expect(otherApp.status).toBe(200);
	});

	it('rejects a timestamp more than 5 minutes away, in ms or s', async () => {
		const form = { userId: 'u' };
		expect((await call(emulator, PATHS.checkOnline, { form, timestamp: String(clock - 4 * MINUTE) })).status).toBe(200);
		expectError(await call(emulator, PATHS.checkOnline, { form, timestamp: String(clock - 6 * MINUTE) }), 401, 1004);
		expectError(await call(emulator, PATHS.checkOnline, { form, timestamp: String(clock + 6 * MINUTE) }), 401, 1004);
		const secondsOff = String(Math.floor((clock + 6 * MINUTE) / 1000));
		expectError(await call(emulator, PATHS.checkOnline, { form, timestamp: secondsOff }), 401, 1004, /Timestamp/);
		expectError(await call(emulator, PATHS.checkOnline, { form, timestamp: 'yesterday' }), 401, 1004, /Timestamp/);
	});

	it('echoes X-Request-ID and rejects one longer than 36 characters', async () => {
		const id = 'a'.repeat(36);
		const result = await call(emulator, PATHS.checkOnline, { form: { userId: 'u' }, headers: { 'X-Request-ID': id } });
		expect(result.status).toBe(200);
		expect(result.headers.get('x-request-id')).toBe(id);
		const tooLong = await call(emulator, PATHS.checkOnline, {
			form: { userId: 'u' },
			headers: { 'X-Request-ID': `${id}b` },
		});
		expectError(tooLong, 400, 1005, /X-Request-ID/);
		expect(tooLong.headers.get('x-request-id')).toBe(`${id}b`);
	});
});

describe('routing and recording', () => {
	it('answers 404 JSON naming the method and path for unknown paths and non-POST methods', async () => {
		const unknown = await call(emulator, '/message/private/publish.json', { form: TXT });
		expect({ status: unknown.status, body: unknown.body }).toEqual({
			status: 404,
			body: { code: 404, errorMessage: 'Not found: POST /message/private/publish.json (no endpoint of the emulator has this path).' },
		});
		expectError(await call(emulator, '/v4/system-channel/push', { json: {} }), 404, 404, /POST \/v4\/system-channel\/push \(no endpoint/);
		expectError(await call(emulator, PATHS.broadcast, { method: 'GET' }), 404, 404, /GET \/message\/broadcast\.json \(only POST/);
	});

	it('lists every path it answers in HANDLED_PATHS, each answered (never 404) by POST', async () => {
		expect([...HANDLED_PATHS].sort()).toEqual([...Object.values(PATHS), ...Object.values(V4_PATHS)].sort());
		for (const path of HANDLED_PATHS) expect((await call(emulator, path, { body: '' })).status).not.toBe(404);
	});

	it('records every request, rejected ones included', async () => {
		await call(emulator, `${PATHS.broadcast}?trace=1`, {
			body: 'fromUserId=a&fromUserId=b&objectName=RC%3ATxtMsg&content=%7B%7D',
			contentType: 'application/x-www-form-urlencoded',
			headers: { 'X-Custom': 'yes' },
		});
		await call(emulator, PATHS.push, { json: PUSH, appSecret: 'wrong' });
		expect(emulator.requests).toHaveLength(2);
		const [form, json] = emulator.requests;
		expect(form).toMatchObject({
			seq: 1,
			method: 'POST',
			path: PATHS.broadcast,
			query: { trace: '1' },
			rawBody: 'fromUserId=a&fromUserId=b&objectName=RC%3ATxtMsg&content=%7B%7D',
			form: { fromUserId: 'b', objectName: 'RC:TxtMsg', content: '{}' },
			duplicateFormKeys: ['fromUserId'],
			signatureValid: true,
			response: { status: 400, body: { code: 1002 } },
		});
		expect(form.headers['x-custom']).toBe('yes');
		expect(form.headers['app-key']).toBe(DEFAULT_APP_KEY);
		expect(json).toMatchObject({ seq: 2, json: PUSH, signatureValid: false, response: { status: 401 } });
		expect(json.form).toBeUndefined();
		expect(emulator.requestsTo(PATHS.push)).toEqual([json]);
	});

	it('waitForRequest resolves for past and future requests and times out', async () => {
		await call(emulator, PATHS.checkOnline, { form: { userId: 'first' } });
		await expect(emulator.waitForRequest((r) => r.form?.userId === 'first')).resolves.toMatchObject({ seq: 1 });
		const pending = emulator.waitForRequest((r) => r.form?.userId === 'second');
		await call(emulator, PATHS.checkOnline, { form: { userId: 'second' } });
		await expect(pending).resolves.toMatchObject({ seq: 2 });
		await expect(emulator.waitForRequest((r) => r.path === '/never', 50)).rejects.toThrow(/within 50 ms/);
	});
});

describe('/message/broadcast.json', () => {
	it('accepts the documented request example and issues unique messageUIDs', async () => {
		const first = await call(emulator, PATHS.broadcast, {
			body: 'content=%7B%22content%22%3A%22hello%22%2C%22extra%22%3A%22helloExtra%22%7D&fromUserId=2191&objectName=RC:TxtMsg&pushContent=thisisapush&pushData=%7B%22pushData%22%3A%22hello%22%7D',
			contentType: 'application/x-www-form-urlencoded',
		});
		expect(first.status).toBe(200);
		expect(first.headers.get('content-type')).toMatch(/^application\/json/);
		expect(first.body).toEqual({ code: 200, messageUID: expect.stringMatching(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/) });
		const second = await call(emulator, PATHS.broadcast, { form: TXT });
		expect(second.body.messageUID).not.toBe(first.body.messageUID);
		expect(emulator.issued.map((m) => m.uid)).toEqual(
			expect.arrayContaining([first.body.messageUID, second.body.messageUID]),
		);
	});

	it('accepts every optional field and the full documented pushExt example', async () => {
		const pushExt = {
			title: 'you have a new message.',
			templateId: '123456',
			forceShowPushContent: 0,
			pushConfigs: [
				{ HW: { channelId: 'hw-123', importance: 'NORMAL', image: 'https://example.com/image.png' } },
				{ HONOR: { importance: 'LOW' } },
				{ MI: { channelId: 'mi-123', large_icon_uri: 'https://example.com/image.png' } },
				{ OPPO: { channelId: 'oppo-123', category: 'IM', notify_level: 2 } },
				{ VIVO: { classification: '0' } },
				{ APNs: { 'thread-id': '123', 'apns-collapse-id': '123456' } },
				{ FCM: { channelId: 'rongcloud_channelid', collapse_key: '1234' } },
				{ OHOS: { category: 'IM', image: 'https://example.com/image.png' } },
			],
		};
		const result = await call(emulator, PATHS.broadcast, {
			form: {
				...TXT,
				objectName: 'App:Custom',
				pushContent: 'push',
				pushData: '{"a":1}',
				os: 'iOS',
				contentAvailable: '1',
				pushExt: JSON.stringify(pushExt),
				disableUpdateLastMsg: 'true',
			},
		});
		expect(result.status).toBe(200);
	});

	const tooBig = JSON.stringify({ content: 'x'.repeat(MAX_CONTENT_BYTES) });
	const cases: Array<[string, Record<string, string>, number, RegExp]> = [
		['missing fromUserId', { objectName: 'RC:TxtMsg', content: '{}' }, 1002, /fromUserId is required/],
		['fromUserId over 64 characters', { ...TXT, fromUserId: 'u'.repeat(65) }, 1005, /fromUserId/],
		['missing objectName', { fromUserId: 'a', content: '{}' }, 1002, /objectName is required/],
		['objectName over 32 characters', { ...TXT, objectName: 'A'.repeat(33) }, 1005, /objectName/],
		['custom objectName starting with RC:', { ...TXT, objectName: 'RC:MyMsg' }, 1002, /objectName/],
		['missing content', { fromUserId: 'a', objectName: 'RC:TxtMsg' }, 1002, /content is required/],
		['content not JSON', { ...TXT, content: 'hello' }, 1002, /content is not valid JSON/],
		['content a JSON array', { ...TXT, content: '[1]' }, 1002, /content must be a JSON object/],
		['content over 128 KB', { ...TXT, content: tooBig }, 1005, /content/],
		['os not iOS/Android', { ...TXT, os: 'ios' }, 1002, /os must be/],
		['contentAvailable not 0/1', { ...TXT, contentAvailable: 'true' }, 1002, /contentAvailable/],
		['disableUpdateLastMsg not true/false', { ...TXT, disableUpdateLastMsg: '1' }, 1002, /disableUpdateLastMsg/],
		['pushExt not JSON', { ...TXT, pushExt: '{title:1}' }, 1002, /pushExt is not valid JSON/],
		['pushExt not an object', { ...TXT, pushExt: '"t"' }, 1002, /pushExt must be a JSON object/],
		['pushExt.title over 50 characters', { ...TXT, pushExt: JSON.stringify({ title: 't'.repeat(51) }) }, 1005, /pushExt\.title/],
		['pushExt.forceShowPushContent not 0/1', { ...TXT, pushExt: '{"forceShowPushContent":2}' }, 1002, /forceShowPushContent/],
		['pushExt.pushConfigs an object', { ...TXT, pushExt: '{"pushConfigs":{"HW":{}}}' }, 1002, /pushConfigs must be an array/],
		['pushConfigs entry with two keys', { ...TXT, pushExt: '{"pushConfigs":[{"HW":{},"MI":{}}]}' }, 1002, /pushConfigs\[0\]/],
		['pushConfigs unknown vendor', { ...TXT, pushExt: '{"pushConfigs":[{"HW":{}},{"SAMSUNG":{}}]}' }, 1002, /SAMSUNG/],
		['unknown form field', { ...TXT, toUserId: 'b' }, 1002, /Unknown parameter: toUserId/],
	];

	it.each(cases)('rejects %s', async (_name, form, code, message) => {
		const result = await call(emulator, PATHS.broadcast, { form });
		expectError(result, 400, code, message);
	});

	it('accepts a title of exactly 50 characters (counted as characters, not bytes)', async () => {
		const result = await call(emulator, PATHS.broadcast, {
			form: { ...TXT, pushExt: JSON.stringify({ title: '消'.repeat(50) }) },
		});
		expect(result.status).toBe(200);
	});

	it('rejects duplicate fields, a JSON body and an empty body', async () => {
		expectError(
			await call(emulator, PATHS.broadcast, {
				body: 'fromUserId=a&objectName=RC:TxtMsg&content=%7B%7D&content=%7B%7D',
				contentType: 'application/x-www-form-urlencoded',
			}),
			400,
			1002,
			/Duplicate form field: content/,
		);
		expectError(await call(emulator, PATHS.broadcast, { json: TXT }), 400, 1002, /Content-Type/);
		expectError(
			await call(emulator, PATHS.broadcast, { body: '', contentType: 'application/x-www-form-urlencoded' }),
			400,
			1003,
		);
	});
});

describe('/message/online/broadcast.json', () => {
	it('sends and answers a messageUID, without touching the broadcast quota', async () => {
		for (let i = 0; i < 3; i++) {
			const result = await call(emulator, PATHS.onlineBroadcast, { form: { ...TXT, disableUpdateLastMsg: 'false' } });
			expect(result.body).toEqual({ code: 200, messageUID: expect.any(String) });
		}
		expect((await call(emulator, PATHS.broadcast, { form: TXT })).status).toBe(200);
	});

	it('validates like broadcast.json and knows only its four fields', async () => {
		expectError(await call(emulator, PATHS.onlineBroadcast, { form: { ...TXT, pushContent: 'p' } }), 400, 1002, /pushContent/);
		expectError(await call(emulator, PATHS.onlineBroadcast, { form: { ...TXT, content: '' } }), 400, 1002, /content/);
		expectError(await call(emulator, PATHS.onlineBroadcast, { form: { ...TXT, objectName: 'RC:X' } }), 400, 1002, /objectName/);
	});

	it('limits an app to 60 per minute (429/1008)', async () => {
		for (let i = 0; i < 60; i++) {
			expect((await call(emulator, PATHS.onlineBroadcast, { form: TXT })).status).toBe(200);
		}
		expectError(await call(emulator, PATHS.onlineBroadcast, { form: TXT }), 429, 1008);
		clock += MINUTE;
		expect((await call(emulator, PATHS.onlineBroadcast, { form: TXT })).status).toBe(200);
	});
});

describe('/message/broadcast/recall.json', () => {
	it('recalls a message issued by broadcast.json or push.json', async () => {
		const sent = await call(emulator, PATHS.broadcast, { form: TXT });
		const recall = await call(emulator, PATHS.recall, {
			form: {
				fromUserId: 'system',
				messageUID: String(sent.body.messageUID),
				sentTime: String(clock),
				isAdmin: '1',
				isDelete: '0',
				extra: 'why',
				disableUpdateLastMsg: 'true',
			},
		});
		expect(recall.status).toBe(200);
		expect(recall.body).toEqual({ code: 200 });
		expect(emulator.issued.find((m) => m.uid === sent.body.messageUID)?.recalled).toBe(true);

		emulator.reset(); // quota only: issued UIDs survive a reset
		const message = { content: '{"content":"hi"}', objectName: 'RC:TxtMsg' };
		const pushed = await call(emulator, PATHS.push, { json: { ...PUSH, fromuserid: 'system', message } });
		expect(pushed.body).toEqual({ code: 200, id: expect.stringMatching(/^push-/), messageUID: expect.stringMatching(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/) });
		const recallPush = await call(emulator, PATHS.recall, { form: { fromUserId: 'system', messageUID: String(pushed.body.messageUID) } });
		expect(recallPush.status).toBe(200);
		expect(emulator.issued.find((m) => m.uid === pushed.body.messageUID)).toMatchObject({ path: PATHS.push, recalled: true });
	});

	it('a push without a system message has no messageUID, and its push id recalls nothing', async () => {
		const pushed = await call(emulator, PATHS.push, { json: PUSH });
		expect(pushed.body).toEqual({ code: 200, id: expect.any(String) });
		expectError(await call(emulator, PATHS.recall, { form: { fromUserId: 'system', messageUID: String(pushed.body.id) } }), 400, 1002, /messageUID/);
	});

	it('rejects unknown, online-broadcast and other-app messageUIDs and bad fields', async () => {
		expectError(await call(emulator, PATHS.recall, { form: { fromUserId: 's', messageUID: 'AAAA-BBBB-CCCC-DDDD' } }), 400, 1002, /messageUID/);
		const online = await call(emulator, PATHS.onlineBroadcast, { form: TXT });
		expectError(await call(emulator, PATHS.recall, { form: { fromUserId: 's', messageUID: String(online.body.messageUID) } }), 400, 1002, /messageUID/);
		const other = await call(emulator, PATHS.broadcast, { form: TXT, appKey: 'other-app', appSecret: 'other-secret' });
		expectError(await call(emulator, PATHS.recall, { form: { fromUserId: 's', messageUID: String(other.body.messageUID) } }), 400, 1002, /messageUID/);
		const uid = String(other.body.messageUID);
		const base = { fromUserId: 's', messageUID: uid };
		const opts = { appKey: 'other-app', appSecret: 'other-secret' };
		expectError(await call(emulator, PATHS.recall, { form: { messageUID: uid }, ...opts }), 400, 1002, /fromUserId/);
		expectError(await call(emulator, PATHS.recall, { form: { fromUserId: 's' }, ...opts }), 400, 1002, /messageUID is required/);
		expectError(await call(emulator, PATHS.recall, { form: { ...base, sentTime: '2024-03-01' }, ...opts }), 400, 1002, /sentTime/);
		expectError(await call(emulator, PATHS.recall, { form: { ...base, isAdmin: '2' }, ...opts }), 400, 1002, /isAdmin/);
		expectError(await call(emulator, PATHS.recall, { form: { ...base, isDelete: 'yes' }, ...opts }), 400, 1002, /isDelete/);
		expectError(await call(emulator, PATHS.recall, { form: { ...base, objectName: 'RC:TxtMsg' }, ...opts }), 400, 1002, /objectName/);
	});
});

describe('/push.json', () => {
	it('accepts every audience kind and an optional message', async () => {
		const audiences = [{ tag: ['a', 'b'] }, { tag_or: ['a'], is_to_all: false }, { userid: ['u1'] }, { packageName: 'com.example' }];
		for (const audience of audiences) {
			emulator.reset();
			const result = await call(emulator, PATHS.push, {
				json: {
					platform: ['android'],
					fromuserid: 'system',
					audience,
					notification: { alert: 'hello', title: 't'.repeat(50) },
					message: { content: '{"content":"hi"}', objectName: 'RC:TxtMsg', disableUpdateLastMsg: true },
				},
			});
			expect(result.body).toEqual({ code: 200, id: expect.any(String), messageUID: expect.any(String) });
		}
	});

	const cases: Array<[string, unknown, number, RegExp]> = [
		['no platform', { ...PUSH, platform: undefined }, 1002, /platform/],
		['an empty platform', { ...PUSH, platform: [] }, 1002, /platform/],
		['an unknown platform', { ...PUSH, platform: ['web'] }, 1002, /platform/],
		['three platforms', { ...PUSH, platform: ['ios', 'android', 'ios'] }, 1002, /platform/],
		['a duplicated platform', { ...PUSH, platform: ['ios', 'ios'] }, 1002, /platform/],
		['no audience', { ...PUSH, audience: undefined }, 1002, /audience/],
		['an audience without a selector', { ...PUSH, audience: { is_to_all: false } }, 1002, /at least one of/],
		['user ids combined with tags', { ...PUSH, audience: { tag: ['a'], userid: ['u'] } }, 1002, /userid cannot be combined/],
		['21 tags', { ...PUSH, audience: { tag: Array.from({ length: 21 }, (_, i) => `t${i}`) } }, 1005, /audience\.tag /],
		['21 tag_or entries', { ...PUSH, audience: { tag_or: Array.from({ length: 21 }, (_, i) => `t${i}`) } }, 1005, /tag_or/],
		['1001 user ids', { ...PUSH, audience: { userid: Array.from({ length: 1001 }, (_, i) => `u${i}`) } }, 1005, /userid/],
		['tag not an array', { ...PUSH, audience: { tag: 'a' } }, 1002, /audience\.tag/],
		['no notification', { ...PUSH, notification: undefined }, 1002, /notification/],
		['no alert', { ...PUSH, notification: { title: 'x' } }, 1002, /notification\.alert/],
		['no alert and only the iOS alert', { ...PUSH, notification: { ios: { alert: 'i' } } }, 1002, /notification\.alert is required unless/],
		['no alert and an empty Android alert', { ...PUSH, notification: { ios: { alert: 'i' }, android: { alert: '' } } }, 1002, /notification\.alert/],
		['a title over 50 characters', { ...PUSH, notification: { alert: 'a', title: 't'.repeat(51) } }, 1005, /notification\.title/],
		['message content not JSON', { ...PUSH, message: { content: 'hi', objectName: 'RC:TxtMsg' } }, 1002, /message\.content/],
		['message content an object', { ...PUSH, message: { content: { a: 1 }, objectName: 'RC:TxtMsg' } }, 1002, /message\.content/],
		['message without objectName', { ...PUSH, message: { content: '{}' } }, 1002, /message\.objectName/],
		['an unknown top-level field', { ...PUSH, toUserId: 'x' }, 1002, /toUserId/],
	];

	it.each(cases)('rejects %s', async (_name, json, code, message) => {
		expectError(await call(emulator, PATHS.push, { json }), 400, code, message);
	});

	it('accepts a notification without alert when both the iOS and the Android alert are given (Go SDK v4)', async () => {
		const result = await call(emulator, PATHS.push, { json: { ...PUSH, notification: { ios: { alert: 'i' }, android: { alert: 'a' } } } });
		expect(result.body).toEqual({ code: 200, id: expect.any(String) });
	});

	it('requires a JSON body', async () => {
		expectError(await call(emulator, PATHS.push, { form: { platform: 'ios' } }), 400, 1002, /application\/json/);
		expectError(await call(emulator, PATHS.push, { body: '{"platform":', contentType: 'application/json' }), 400, 1002, /JSON/);
		expectError(await call(emulator, PATHS.push, { body: '', contentType: 'application/json' }), 400, 1003);
	});
});

describe('message content a client can display', () => {
	const send = (objectName: string, content: unknown) =>
		call(emulator, PATHS.broadcast, { form: { fromUserId: 'system', objectName, content: JSON.stringify(content) } });
	const GIF = { remoteUrl: 'https://e.com/a.gif', gifDataSize: 100, width: 10, height: 10 };

	it('accepts complete media content, other built-in types with any object, and custom types as they are', async () => {
		const accepted: Array<[string, unknown]> = [
			['RC:ImgMsg', { content: '/9j/4AAQ', imageUri: 'https://e.com/a.jpg' }],
			['RC:ImgMsg', { content: 'A'.repeat(10240), imageUri: 'https://e.com/a.jpg' }],
			// RongCloud's sources advise 10, 30 or 80 KB: none is a refusal; the content's 128 KB is.
			['RC:ImgMsg', { content: 'A'.repeat(81920), imageUri: 'https://e.com/a.jpg' }],
			['RC:GIFMsg', GIF],
			['RC:HQVCMsg', { remoteUrl: 'https://e.com/a.aac', duration: 3 }],
			['RC:HQVCMsg', { remoteUrl: 'https://e.com/a.aac', duration: 60 }],
			['RC:FileMsg', { name: 'a.pdf', size: 0, type: 'pdf', fileUrl: 'https://e.com/a.pdf' }],
			// Go SDK v4: a client makes up a missing name; both Go SDKs send size as a string.
			['RC:FileMsg', { size: '10', type: 'pdf', fileUrl: 'https://e.com/a.pdf' }],
			['RC:SightMsg', { content: '/9j/4AAQ', sightUrl: 'https://e.com/a.mp4', duration: 1, size: 1, name: 'a.mp4' }],
			['RC:LBSMsg', { latitude: -90, longitude: 180, poi: 'Pole' }],
			['RC:CmdMsg', { name: 'refresh', data: '' }],
			['RC:ContactNtf', { operation: 'Request', sourceUserId: 'a', targetUserId: 'b', message: 'hi' }],
			['RC:ReferenceMsg', { content: 'ok', referMsg: {} }],
			['App:Anything', { width: 0 }],
		];
		for (const [objectName, content] of accepted) {
			emulator.reset();
			const result = await send(objectName, content);
			expect([objectName, result.status]).toEqual([objectName, 200]);
		}
	});

	it.each([
		['an image without its thumbnail', 'RC:ImgMsg', { imageUri: 'https://e.com/a.jpg' }, /RC:ImgMsg needs "content"/],
		['a thumbnail with a data: prefix', 'RC:ImgMsg', { content: 'data:image/jpeg;base64,/9j/4AAQ', imageUri: 'https://e.com/a.jpg' }, /"content" must be Base64/],
		['a GIF without a URL', 'RC:GIFMsg', { gifDataSize: 0, width: 0, height: 0 }, /needs "remoteUrl"/],
		['a GIF width of 0', 'RC:GIFMsg', { ...GIF, width: 0 }, /"width" must be a whole number greater than 0/],
		['a GIF size as text', 'RC:GIFMsg', { ...GIF, gifDataSize: '100' }, /"gifDataSize" must be a whole number/],
		['a voice message of 0 seconds', 'RC:HQVCMsg', { remoteUrl: 'https://e.com/a.aac', duration: 0 }, /"duration"/],
		['a file of -1 bytes', 'RC:FileMsg', { name: 'a', size: -1, fileUrl: 'https://e.com/a' }, /"size" must be a whole number, 0 or more/],
		['a file without a URL', 'RC:FileMsg', { name: 'a', size: 1, type: 'pdf' }, /needs "fileUrl"/],
		['a file without its type', 'RC:FileMsg', { name: 'a.pdf', size: 1, fileUrl: 'https://e.com/a.pdf' }, /RC:FileMsg needs "type"/],
		['a video of 1.5 seconds', 'RC:SightMsg', { content: '/9j/4AAQ', sightUrl: 'https://e.com/a.mp4', duration: 1.5, size: 1, name: 'a.mp4' }, /"duration"/],
		['a video without its first-frame thumbnail', 'RC:SightMsg', { sightUrl: 'https://e.com/a.mp4', duration: 1, size: 1, name: 'a.mp4' }, /RC:SightMsg needs "content"/],
		['a video without its name', 'RC:SightMsg', { content: '/9j/4AAQ', sightUrl: 'https://e.com/a.mp4', duration: 1, size: 1 }, /RC:SightMsg needs "name"/],
		['a file size as a text that is not digits', 'RC:FileMsg', { size: '1.5', type: 'pdf', fileUrl: 'https://e.com/a.pdf' }, /"size" must be a whole number, 0 or more, or a text of digits/],
		['a voice message of 61 seconds', 'RC:HQVCMsg', { remoteUrl: 'https://e.com/a.aac', duration: 61 }, /"duration" must be a whole number of seconds from 1 to 60/],
		['a command without data (the Java SDK sends "")', 'RC:CmdMsg', { name: 'refresh' }, /RC:CmdMsg needs "data"/],
		['a contact notification without its message', 'RC:ContactNtf', { operation: 'Request', sourceUserId: 'a', targetUserId: 'b' }, /RC:ContactNtf needs "message"/],
		['a latitude of 91', 'RC:LBSMsg', { latitude: 91, longitude: 0, poi: 'x' }, /"latitude" must be a number from -90 to 90/],
		['a location without a place name', 'RC:LBSMsg', { latitude: 0, longitude: 0 }, /needs "poi"/],
		['a text message whose content is an object', 'RC:TxtMsg', { content: { text: 'hi' } }, /"content" must be a string/],
		['a user with a number', 'RC:TxtMsg', { content: 'hi', user: { id: 1 } }, /"user" must be an object of string values/],
		['an empty command notification', 'RC:CmdNtf', {}, /needs "name"/],
		['a contact notification without its target', 'RC:ContactNtf', { operation: 'Request', sourceUserId: 'a' }, /needs "targetUserId"/],
		['an empty profile notification', 'RC:ProfileNtf', {}, /needs "operation"/],
		['an RC: type that does not exist', 'RC:NoSuchMsg', {}, /not a built-in type/],
	])('refuses %s (400/1002)', async (_name, objectName, content, message) => {
		expectError(await send(objectName, content), 400, 1002, message);
	});

	it('checks the online broadcast and the system message of push.json the same way', async () => {
		expectError(
			await call(emulator, PATHS.onlineBroadcast, { form: { fromUserId: 's', objectName: 'RC:GIFMsg', content: '{}' } }),
			400, 1002, /^content: RC:GIFMsg needs "remoteUrl"/,
		);
		expectError(
			await call(emulator, PATHS.push, { json: { ...PUSH, fromuserid: 's', message: { objectName: 'RC:LBSMsg', content: '{"poi":"x"}' } } }),
			400, 1002, /^message\.content: RC:LBSMsg needs "latitude"/,
		);
	});
});

describe('pushExt vendor fields as the vendors read them', () => {
	const sendPushExt = (pushConfigs: unknown[]) =>
		call(emulator, PATHS.broadcast, { form: { ...TXT, pushExt: JSON.stringify({ pushConfigs }) } });

	it('accepts VIVO classification as text, any absolute URL for MI, APNs and FCM, https:// for HW, HONOR and OHOS, an upper-case HW category, an iOS interruption level', async () => {
		const result = await sendPushExt([
			{ HW: { image: 'https://e.com/h.png', category: 'DEVICE_REMINDER' } },
			{ HONOR: { image: 'https://e.com/o.png' } },
			{ MI: { large_icon_uri: 'http://e.com/m.png' } },
			{ VIVO: { classification: '1', category: 'IM' } },
			{ APNs: { richMediaUri: 'myapp://banner', 'interruption-level': 'time-sensitive' } },
			{ FCM: { imageUrl: 'http://e.com/f.png' } },
			{ OHOS: { image: 'https://e.com/x.png' } },
		]);
		expect(result.status).toBe(200);
	});

	it.each([
		['VIVO classification as a number', { VIVO: { classification: 0 } }, /VIVO\.classification must be the string "0" or "1"/],
		['VIVO classification "2"', { VIVO: { classification: '2' } }, /VIVO\.classification/],
		['an http Huawei image', { HW: { image: 'http://e.com/h.png' } }, /HW\.image must be an https:\/\/ URL/],
		['an app link as Honor image', { HONOR: { image: 'myapp://x' } }, /HONOR\.image must be an https:\/\/ URL/],
		['an http HarmonyOS image', { OHOS: { image: 'http://e.com/x.png' } }, /OHOS\.image must be an https:\/\/ URL/],
		['a host-less Xiaomi icon', { MI: { large_icon_uri: 'https:///x.png' } }, /MI\.large_icon_uri must be an absolute URL/],
		['an FCM image with user info only', { FCM: { imageUrl: 'https://@' } }, /FCM\.imageUrl must be an absolute URL/],
		['a relative rich media URL', { APNs: { richMediaUri: '/banner.png' } }, /APNs\.richMediaUri must be an absolute URL/],
		['an OPPO notify_level as text', { OPPO: { category: 'IM', notify_level: '2' } }, /notify_level must be the number 1, 2 or 16/],
		['a camelCase APNs field', { APNs: { threadId: 't' } }, /APNs: unknown field threadId/],
		['an importance other than NORMAL/LOW', { HONOR: { importance: 'HIGH' } }, /importance must be NORMAL or LOW/],
		['a Huawei category not in upper case', { HW: { category: 'im' } }, /HW\.category must be upper-case letters/],
		['an interruption level iOS does not know', { APNs: { 'interruption-level': 'urgent' } }, /interruption-level must be passive, active, time-sensitive or critical/],
	])('refuses %s (400/1002)', async (_name, entry, message) => {
		expectError(await sendPushExt([entry]), 400, 1002, message);
	});
});

describe('msgRandom, the idempotency key (broadcast.json and online/broadcast.json)', () => {
	const IDEMPOTENT = { appKey: 'idempotent-app', appSecret: 'idempotent-secret' };
	beforeAll(() => emulator.setApp({ ...IDEMPOTENT, idempotency: true }));

	it('is accepted on both endpoints and ignored for apps without idempotency', async () => {
		for (const path of [PATHS.broadcast, PATHS.onlineBroadcast]) {
			expect((await call(emulator, path, { form: { ...TXT, msgRandom: '42' } })).status).toBe(200);
			expect((await call(emulator, path, { form: { ...TXT, msgRandom: '42' } })).status).toBe(200);
		}
		expect(emulator.requests.map((r) => r.form?.msgRandom)).toEqual(['42', '42', '42', '42']);
	});

	it.each(['1.5', 'abc', '', '9223372036854775808'])('refuses msgRandom "%s" (not a Long)', async (msgRandom) => {
		expectError(await call(emulator, PATHS.onlineBroadcast, { form: { ...TXT, msgRandom } }), 400, 1002, /msgRandom/);
	});

	it('is still unknown to recall.json and push.json', async () => {
		const sent = await call(emulator, PATHS.broadcast, { form: TXT });
		expectError(
			await call(emulator, PATHS.recall, { form: { fromUserId: 's', messageUID: String(sent.body.messageUID), msgRandom: '1' } }),
			400, 1002, /Unknown parameter: msgRandom/,
		);
		expectError(await call(emulator, PATHS.push, { json: { ...PUSH, msgRandom: 1 } }), 400, 1002, /msgRandom/);
	});

	it('with idempotency: a repeat within a minute is refused (naming msgRandom) and uses no quota; after a minute it is new', async () => {
		const form = { ...TXT, msgRandom: '-9223372036854775808' };
		expect((await call(emulator, PATHS.broadcast, { form, ...IDEMPOTENT })).status).toBe(200);
		clock += MINUTE - 1;
		expectError(await call(emulator, PATHS.broadcast, { form, ...IDEMPOTENT }), 400, 1002, /msgRandom -9223372036854775808 was already used within 1 minute/);
		// Another endpoint and another key are separate.
		expect((await call(emulator, PATHS.onlineBroadcast, { form, ...IDEMPOTENT })).status).toBe(200);
		expect((await call(emulator, PATHS.broadcast, { form: { ...form, msgRandom: '1' }, ...IDEMPOTENT })).status).toBe(200);
		clock += 1;
		// The refused repeat used no quota: this is the 3rd accepted broadcast of the day, but the hour allows 2.
		expectError(await call(emulator, PATHS.broadcast, { form, ...IDEMPOTENT }), 429, 1008);
		clock += 60 * MINUTE;
		expect((await call(emulator, PATHS.broadcast, { form, ...IDEMPOTENT })).status).toBe(200);
	});
});

describe('/push.json: harmonyOS and combined audiences', () => {
	it('accepts notification.harmonyOS as the Java SDK sends it, and tag, tag_or and packageName together', async () => {
		const result = await call(emulator, PATHS.push, {
			json: {
				...PUSH,
				audience: { tag: ['vip'], tag_or: ['a', 'b'], packageName: 'com.example', is_to_all: false },
				notification: {
					alert: 'hi',
					ios: { 'thread-id': 't', richMediaUri: 'myapp://x', extras: { a: '1' } },
					android: { vivo: { classification: '0' }, hw: { image: 'https://e.com/h.png' }, mi: { large_icon_uri: 'http://e.com/m.png' } },
					harmonyOS: { alert: 'hi', extras: { a: '1' }, ohos: { category: 'IM', image: 'https://e.com/o.png' } },
				},
			},
		});
		expect(result.body).toEqual({ code: 200, id: expect.any(String) });
	});

	it.each([
		['harmonyOS with an unknown key', { alert: 'a', harmonyOS: { badge: 1 } }, /harmonyOS: unknown field badge/],
		['harmonyOS extras with a number', { alert: 'a', harmonyOS: { extras: { a: 1 } } }, /harmonyOS\.extras/],
		['an http OHOS image', { alert: 'a', harmonyOS: { ohos: { image: 'http://e.com/o.png' } } }, /harmonyOS\.ohos\.image must be an https/],
		['a misspelt harmony key', { alert: 'a', harmony: {} }, /notification: unknown field harmony/],
		['VIVO classification as a number', { alert: 'a', android: { vivo: { classification: 1 } } }, /android\.vivo\.classification must be the string/],
		['an http Honor image', { alert: 'a', android: { honor: { image: 'http://e.com/o.png' } } }, /android\.honor\.image/],
		['a vendor object under ios', { alert: 'a', ios: { hw: {} } }, /notification\.ios: unknown field hw/],
	])('refuses %s (400/1002)', async (_name, notification, message) => {
		expectError(await call(emulator, PATHS.push, { json: { ...PUSH, notification } }), 400, 1002, message);
	});

	it.each([
		['is_to_all true next to a tag', { is_to_all: true, tag: ['a'] }, /cannot be combined with tag/],
		['user ids next to a package', { userid: ['u'], packageName: 'com.x' }, /userid cannot be combined/],
		['21 tag_or next to tags', { tag: ['a'], tag_or: Array.from({ length: 21 }, (_, i) => `t${i}`) }, /tag_or has more than 20/],
	])('refuses an audience with %s', async (_name, audience, message) => {
		const result = await call(emulator, PATHS.push, { json: { ...PUSH, audience } });
		expect(result.body.errorMessage).toMatch(message);
		expect(result.status).toBe(400);
	});
});

describe('/user/checkOnline.json', () => {
	it('answers status "0" and requires userId', async () => {
		expect((await call(emulator, PATHS.checkOnline, { form: { userId: 'u1' } })).body).toEqual({ code: 200, status: '0' });
		expectError(await call(emulator, PATHS.checkOnline, { form: { userId: '' } }), 400, 1002, /userId is required/);
		expectError(await call(emulator, PATHS.checkOnline, { form: {} }), 400, 1003, /No POST data/);
	});
});

describe('broadcast quota (2 per rolling hour, 3 per calendar day, shared)', () => {
	it('answers 429/1008 to the 3rd call within an hour and the 4th call of a day', async () => {
		expect((await call(emulator, PATHS.broadcast, { form: TXT })).status).toBe(200);
		clock += MINUTE;
		expect((await call(emulator, PATHS.broadcast, { form: TXT })).status).toBe(200);
		clock += MINUTE;
		expectError(await call(emulator, PATHS.broadcast, { form: TXT }), 429, 1008, /per hour/);
		clock = START + HOUR;
		expect((await call(emulator, PATHS.broadcast, { form: TXT })).status).toBe(200);
		clock = START + 3 * HOUR;
		// 4th broadcast of the day: the hourly window is free again, the daily one is not.
		expectError(await call(emulator, PATHS.broadcast, { form: TXT }), 429, 1008, /per day/);
		expect(emulator.requestsTo(PATHS.broadcast).map((r) => r.response?.status)).toEqual([200, 200, 429, 200, 429]);
	});

	it('counts broadcast.json, push.json and recall.json together, per app', async () => {
		const sent = await call(emulator, PATHS.broadcast, { form: TXT });
		expect((await call(emulator, PATHS.push, { json: PUSH })).status).toBe(200);
		expectError(
			await call(emulator, PATHS.recall, { form: { fromUserId: 's', messageUID: String(sent.body.messageUID) } }),
			429,
			1008,
		);
		expectError(await call(emulator, PATHS.push, { json: PUSH }), 429, 1008);
		// Another app has its own quota; checkOnline and online broadcasts are not limited by it.
		expect((await call(emulator, PATHS.broadcast, { form: TXT, appKey: 'other-app', appSecret: 'other-secret' })).status).toBe(200);
		expect((await call(emulator, PATHS.checkOnline, { form: { userId: 'u' } })).status).toBe(200);
		expect((await call(emulator, PATHS.onlineBroadcast, { form: TXT })).status).toBe(200);
	});

	it('does not count rejected calls, and reset() clears the quota', async () => {
		for (let i = 0; i < 5; i++) expectError(await call(emulator, PATHS.broadcast, { form: { ...TXT, os: 'web' } }), 400, 1002);
		expect((await call(emulator, PATHS.broadcast, { form: TXT })).status).toBe(200);
		expect((await call(emulator, PATHS.broadcast, { form: TXT })).status).toBe(200);
		expectError(await call(emulator, PATHS.broadcast, { form: TXT }), 429, 1008);
		emulator.reset();
		expect((await call(emulator, PATHS.broadcast, { form: TXT })).status).toBe(200);
	});

	it('starts a new calendar day at midnight Beijing time (UTC+8)', async () => {
		clock = Date.parse('2024-03-01T13:00:00Z'); // 21:00 Beijing
		expect((await call(emulator, PATHS.broadcast, { form: TXT })).status).toBe(200);
		clock = Date.parse('2024-03-01T14:01:00Z');
		expect((await call(emulator, PATHS.broadcast, { form: TXT })).status).toBe(200);
		clock = Date.parse('2024-03-01T15:02:00Z');
		expect((await call(emulator, PATHS.broadcast, { form: TXT })).status).toBe(200);
		clock = Date.parse('2024-03-01T15:50:00Z'); // 23:50 Beijing
		expectError(await call(emulator, PATHS.broadcast, { form: TXT }), 429, 1008, /per day/);
		clock = Date.parse('2024-03-01T16:05:00Z'); // 00:05 Beijing, next day
		expect((await call(emulator, PATHS.broadcast, { form: TXT })).status).toBe(200);
	});
});

describe('service not enabled (1009)', () => {
	const disabled = { appKey: 'disabled-app', appSecret: 'disabled-secret' };

	it('answers 430/1009 on the three broadcast-family endpoints, then 429/1008 after 3 calls in a minute', async () => {
		expectError(await call(emulator, PATHS.broadcast, { form: TXT, ...disabled }), 430, 1009);
		expectError(await call(emulator, PATHS.push, { json: PUSH, ...disabled }), 430, 1009);
		expectError(await call(emulator, PATHS.recall, { form: { fromUserId: 's', messageUID: 'x' }, ...disabled }), 430, 1009);
		expectError(await call(emulator, PATHS.broadcast, { form: TXT, ...disabled }), 429, 1008);
		clock += 30_000;
		expectError(await call(emulator, PATHS.broadcast, { form: TXT, ...disabled }), 429, 1008);
		clock += 2 * MINUTE;
		expectError(await call(emulator, PATHS.broadcast, { form: TXT, ...disabled }), 430, 1009);
		// Other endpoints work.
		expect((await call(emulator, PATHS.checkOnline, { form: { userId: 'u' }, ...disabled })).status).toBe(200);
		expect((await call(emulator, PATHS.onlineBroadcast, { form: TXT, ...disabled })).status).toBe(200);
	});

	it('setApp toggles the service', async () => {
		emulator.setApp({ ...disabled, broadcastEnabled: true });
		try {
			expect((await call(emulator, PATHS.broadcast, { form: TXT, ...disabled })).status).toBe(200);
		} finally {
			emulator.setApp({ ...disabled, broadcastEnabled: false });
		}
		expectError(await call(emulator, PATHS.broadcast, { form: TXT, ...disabled }), 430, 1009);
	});
});

describe('fault injection', () => {
	it('code: answers the given code and status once, then normally', async () => {
		emulator.failNext({ kind: 'code', code: 1000, httpStatus: 500, errorMessage: 'boom' });
		const failed = await call(emulator, PATHS.broadcast, { form: TXT });
		expect({ status: failed.status, body: failed.body }).toEqual({ status: 500, body: { code: 1000, errorMessage: 'boom' } });
		expect(emulator.requests[0].fault).toBe('code');
		expect((await call(emulator, PATHS.broadcast, { form: TXT })).status).toBe(200);
	});

	it.each(Object.keys(RONGCLOUD_ERROR_CODES).filter((c) => c !== '200').map(Number))(
		'failNextWithCode(%i) uses the documented HTTP status',
		async (code) => {
			emulator.failNextWithCode(code as RongCloudErrorCode);
			const result = await call(emulator, PATHS.broadcast, { form: TXT });
			expect(result.status).toBe(RONGCLOUD_ERROR_CODES[code as RongCloudErrorCode].httpStatus);
			expect(result.body).toEqual({ code, errorMessage: RONGCLOUD_ERROR_CODES[code as RongCloudErrorCode].meaning });
		},
	);

	it('honours path and times', async () => {
		emulator.failNextWithCode(1050, { path: PATHS.push, times: 2 });
		expect((await call(emulator, PATHS.broadcast, { form: TXT })).status).toBe(200);
		expectError(await call(emulator, PATHS.push, { json: PUSH }), 504, 1050);
		expectError(await call(emulator, PATHS.push, { json: PUSH }), 504, 1050);
		expect((await call(emulator, PATHS.push, { json: PUSH })).status).toBe(200);
	});

	it('skip: lets the first matching requests through, then fails', async () => {
		emulator.failNextWithCode(1000, { skip: 1 });
		expect((await call(emulator, PATHS.broadcast, { form: TXT })).status).toBe(200);
		expectError(await call(emulator, PATHS.broadcast, { form: TXT }), 500, 1000);
		expect((await call(emulator, PATHS.checkOnline, { form: { userId: 'u' } })).status).toBe(200);
	});

	it('json: any JSON body, such as a success without a messageUID', async () => {
		emulator.failNext({ kind: 'json', httpStatus: 200, body: { code: 200 } });
		const result = await call(emulator, PATHS.broadcast, { form: TXT });
		expect({ status: result.status, body: result.body }).toEqual({ status: 200, body: { code: 200 } });
	});

	it('redirect: a Location header and nothing processed', async () => {
		const issuedBefore = emulator.issued.length;
		emulator.failNext({ kind: 'redirect', httpStatus: 307, location: 'http://elsewhere.test/x' });
		const result = await call(emulator, PATHS.broadcast, { form: TXT, redirect: 'manual' });
		expect(result.status).toBe(307);
		expect(result.headers.get('location')).toBe('http://elsewhere.test/x');
		expect(emulator.issued).toHaveLength(issuedBefore);
	});

	it('trickle: the processed answer, a byte at a time; endless keeps going until the client leaves', async () => {
		emulator.failNext({ kind: 'trickle', intervalMs: 1 });
		const result = await call(emulator, PATHS.broadcast, { form: TXT });
		expect(result.status).toBe(200);
		expect(result.body.messageUID).toEqual(expect.any(String));
		emulator.failNext({ kind: 'trickle', intervalMs: 5, endless: true });
		await expect(call(emulator, PATHS.broadcast, { form: TXT, signal: AbortSignal.timeout(300) })).rejects.toThrow();
		const [, endless] = emulator.requests;
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(endless.abandonedByClientAt).toEqual(expect.any(Number));
	});

	it('large: as many bytes as asked, with or without a Content-Length', async () => {
		emulator.failNext({ kind: 'large', bytes: 200_000, declareLength: true });
		const declared = await call(emulator, PATHS.broadcast, { form: TXT });
		expect(declared.headers.get('content-length')).toBe('200000');
		expect(declared.text).toHaveLength(200_000);
		emulator.failNext({ kind: 'large', bytes: 70_000 });
		expect((await call(emulator, PATHS.broadcast, { form: TXT })).text).toHaveLength(70_000);
	});

	it('echoHeaders: an error that quotes the signing headers back', async () => {
		emulator.failNext({ kind: 'echoHeaders', httpStatus: 400, as: 'json' });
		const json = await call(emulator, PATHS.broadcast, { form: TXT });
		const signature = emulator.requests[0].headers.signature;
		expect(json.status).toBe(400);
		expect(String(json.body.errorMessage)).toContain(`signature: ${signature}`);
		emulator.failNext({ kind: 'echoHeaders', httpStatus: 502, as: 'html' });
		const html = await call(emulator, PATHS.broadcast, { form: TXT });
		expect(html.text.slice(0, 120)).toContain('nonce: ');
	});

	it('html: a gateway error page', async () => {
		emulator.failNext({ kind: 'html', httpStatus: 502 });
		const result = await call(emulator, PATHS.broadcast, { form: TXT });
		expect(result.status).toBe(502);
		expect(result.headers.get('content-type')).toMatch(/^text\/html/);
		expect(result.text).toMatch(/^<html>.*502/);
		expect(emulator.requests[0].response).toMatchObject({ status: 502, body: result.text });
	});

	it('text: any body', async () => {
		emulator.failNext({ kind: 'text', httpStatus: 503, body: 'upstream overloaded' });
		const result = await call(emulator, PATHS.broadcast, { form: TXT });
		expect({ status: result.status, text: result.text }).toEqual({ status: 503, text: 'upstream overloaded' });
		expect(result.headers.get('content-type')).toMatch(/^text\/plain/);
	});

	it('hang: records the whole request and never answers, without processing it', async () => {
		emulator.failNext({ kind: 'hang' });
		await expect(
			call(emulator, PATHS.broadcast, { form: TXT, signal: AbortSignal.timeout(300) }),
		).rejects.toThrow();
		const hung = await emulator.waitForRequest();
		expect(hung).toMatchObject({ fault: 'hang', form: TXT, signatureValid: true });
		expect(hung.response).toBeUndefined();
		expect(hung.unsentResponse).toBeUndefined();
		// Not processed: neither quota nor the nonce was used.
		expect((await call(emulator, PATHS.broadcast, { form: TXT, nonce: String(hung.headers.nonce) })).status).toBe(200);
		expect((await call(emulator, PATHS.broadcast, { form: TXT })).status).toBe(200);
	});

	it('hang with afterProcessing: the broadcast went out, the client never hears of it', async () => {
		emulator.failNext({ kind: 'hang', afterProcessing: true });
		await expect(call(emulator, PATHS.broadcast, { form: TXT, signal: AbortSignal.timeout(300) })).rejects.toThrow();
		const hung = emulator.requests[0];
		expect(hung.response).toBeUndefined();
		expect(hung.unsentResponse).toMatchObject({ status: 200, body: { code: 200, messageUID: expect.any(String) } });
		expect(emulator.issued.map((m) => m.uid)).toContain((hung.unsentResponse?.body as { messageUID: string }).messageUID);
		expect((await call(emulator, PATHS.broadcast, { form: TXT })).status).toBe(200);
		expectError(await call(emulator, PATHS.broadcast, { form: TXT }), 429, 1008);
	});

	it('reset: records the request, then destroys the socket', async () => {
		emulator.failNext({ kind: 'reset' });
		await expect(call(emulator, PATHS.broadcast, { form: TXT })).rejects.toThrow(/fetch failed/);
		expect(emulator.requests[0]).toMatchObject({ fault: 'reset', rawBody: new URLSearchParams(TXT).toString() });
		expect(emulator.requests[0].response).toBeUndefined();
		emulator.failNext({ kind: 'reset', afterProcessing: true });
		await expect(call(emulator, PATHS.broadcast, { form: TXT })).rejects.toThrow();
		expect(emulator.requests[1].unsentResponse?.status).toBe(200);
	});

	it('delay: answers normally after the delay', async () => {
		emulator.failNext({ kind: 'delay', ms: 250 });
		const started = Date.now();
		const result = await call(emulator, PATHS.broadcast, { form: TXT });
		expect(Date.now() - started).toBeGreaterThanOrEqual(240);
		expect(result.status).toBe(200);
		expect(emulator.requests[0]).toMatchObject({ fault: 'delay', response: { status: 200 } });
	});

	it('reset() drops pending faults', async () => {
		emulator.failNextWithCode(1000, { times: 5 });
		emulator.reset();
		expect((await call(emulator, PATHS.checkOnline, { form: { userId: 'u' } })).status).toBe(200);
	});

	it('close() does not wait for hung requests', async () => {
		const own = await startEmulator();
		own.failNext({ kind: 'hang' });
		const pending = fetch(`${own.baseUrl}${PATHS.broadcast}`, { method: 'POST', body: 'x=1' }).then(
			() => 'answered',
			(error: Error) => `failed: ${error.message}`,
		);
		await own.waitForRequest();
		const started = Date.now();
		await own.close();
		expect(Date.now() - started).toBeLessThan(1000);
		expect(await pending).toMatch(/^failed:/);
	});
});

describe('state', () => {
	it('exportState/initialState keep apps, quota and issued messages across a restart', async () => {
		const first = await startEmulator({ now: () => clock });
		const sent = await call(first, PATHS.broadcast, { form: TXT });
		const state = first.exportState();
		await first.close();
		expect(state.quotaUsage?.[DEFAULT_APP_KEY]).toEqual([clock]);

		const second = await startEmulator({ now: () => clock, initialState: JSON.parse(JSON.stringify(state)) });
		try {
			expect(
				(await call(second, PATHS.recall, { form: { fromUserId: 's', messageUID: String(sent.body.messageUID) } })).status,
			).toBe(200);
			expectError(await call(second, PATHS.broadcast, { form: TXT }), 429, 1008);
		} finally {
			await second.close();
		}
	});

	it('uses the default app when none is given', async () => {
		const own = await startEmulator();
		try {
			expect(own.baseUrl).toBe(`http://127.0.0.1:${own.port}`);
			expect(own.exportState().apps).toEqual([{ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET }]);
		} finally {
			await own.close();
		}
	});
});

describe('emulator-cli', () => {
	it('reads its configuration from argv, then env, then defaults', () => {
		expect(parseCliConfig([], {})).toEqual({
			port: 0,
			appKey: DEFAULT_APP_KEY,
			appSecret: DEFAULT_APP_SECRET,
			broadcastEnabled: true,
			statePath: undefined,
			logPath: undefined,
			faults: [],
		});
		const env = {
			RONGCLOUD_EMULATOR_PORT: '4000',
			RONGCLOUD_EMULATOR_APP_KEY: 'env-key',
			RONGCLOUD_EMULATOR_BROADCAST_DISABLED: '1',
			RONGCLOUD_EMULATOR_LOG: '/tmp/env.log',
		};
		expect(parseCliConfig(['--port', '4100', '--app-secret', 's', '--state', '/tmp/s.json'], env)).toEqual({
			port: 4100,
			appKey: 'env-key',
			appSecret: 's',
			broadcastEnabled: false,
			statePath: '/tmp/s.json',
			logPath: '/tmp/env.log',
			faults: [],
		});
		const faults = [{ fault: { kind: 'hang', afterProcessing: true }, times: 2, skip: 1 }];
		expect(parseCliConfig(['--faults', JSON.stringify(faults)], {}).faults).toEqual(faults);
		expect(parseCliConfig([], { RONGCLOUD_EMULATOR_FAULTS: JSON.stringify(faults) }).faults).toEqual(faults);
		expect(() => parseCliConfig(['--port', 'abc'], {})).toThrow(/port/);
		expect(parseCliConfig(['--recipients-per-second', '1000', '--v4-id-name', 'messageUID'], {})).toMatchObject({ recipientsPerSecond: 1000, v4IdName: 'messageUID' });
		const fromEnv = { RONGCLOUD_EMULATOR_RECIPIENTS_PER_SECOND: '50', RONGCLOUD_EMULATOR_V4_ID_NAME: 'messageId' };
		expect(parseCliConfig([], fromEnv)).toMatchObject({ recipientsPerSecond: 50, v4IdName: 'messageId' });
		expect(() => parseCliConfig(['--recipients-per-second', '0'], {})).toThrow(/recipients per second/);
		expect(() => parseCliConfig(['--v4-id-name', 'uid'], {})).toThrow(/v4 id name/);
		expect(() => parseCliConfig(['--nope'], {})).toThrow();
	});

	it('--sandbox: every 1008 ends with how to reset the quota, and the reset path forgets it while running (state file too), keeping issued messages; off, neither', async () => {
		expect(parseCliConfig(['--sandbox'], {}).sandbox).toBe(true);
		expect(parseCliConfig([], { RONGCLOUD_EMULATOR_SANDBOX: '1' }).sandbox).toBe(true);
		const dir = mkdtempSync(join(tmpdir(), 'emulator-sandbox-'));
		const statePath = join(dir, 'state.json');
		const base = { port: 0, appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, broadcastEnabled: true, faults: [] };
		const live = emulatorCaller(Date.now);
		const sandbox = await runCli({ ...base, statePath, sandbox: true });
		const plain = await runCli(base);
		try {
			for (const running of [sandbox, plain]) {
				for (let call = 0; call < 2; call++) expect((await live(running, PATHS.broadcast, { form: TXT })).status).toBe(200);
			}
			const note = `Sandbox: reset the quota at ${sandbox.baseUrl}${SANDBOX_RESET_PATH} (or npm run sandbox:reset-quota)`;
			const refused = await live(sandbox, PATHS.broadcast, { form: TXT });
			expectError(refused, 429, 1008);
			expect(refused.body.errorMessage).toBe(`Rate limit: at most 2 calls per hour. ${note}`);
			expect((await live(sandbox, V4_PATHS.broadcastAll, { json: { fromUserId: 'system', messageType: 'RC:TxtMsg', content: TXT.content } })).body.errorMessage).toMatch(/ Sandbox: reset the quota at /);
			const plainRefusal = await live(plain, PATHS.broadcast, { form: TXT });
			expect(plainRefusal.body.errorMessage).toBe('Rate limit: at most 2 calls per hour.');

			const reset = await fetch(`${sandbox.baseUrl}${SANDBOX_RESET_PATH}`);
			expect(reset.status).toBe(200);
			expect(await reset.json()).toMatchObject({ reset: true, forgotten: 2 });
			expect((JSON.parse(readFileSync(statePath, 'utf8')) as EmulatorState).quotaUsage?.[DEFAULT_APP_KEY]).toEqual([]);
			expect(sandbox.requests.map((request) => request.path)).not.toContain(SANDBOX_RESET_PATH);
			expect((await live(sandbox, PATHS.broadcast, { form: TXT })).status).toBe(200);
			expect((await live(sandbox, PATHS.recall, { form: { fromUserId: 'system', messageUID: sandbox.issued[0].uid } })).status).toBe(200);
			expect(await (await fetch(`${sandbox.baseUrl}${SANDBOX_RESET_PATH}`, { method: 'POST' })).json()).toMatchObject({ forgotten: 2 });
			expect((await fetch(`${plain.baseUrl}${SANDBOX_RESET_PATH}`)).status).toBe(404);
		} finally {
			await sandbox.close();
			await plain.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('runs as a process: prints its address, logs requests as JSON lines, keeps state, stops on SIGTERM', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
		const logPath = join(dir, 'requests.jsonl');
		const statePath = join(dir, 'state.json');
		const root = resolve(__dirname, '..', '..');
		const child = spawn(
			process.execPath,
			[
				join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
				join(__dirname, 'emulator-cli.ts'),
				'--app-key',
				'cli-key',
				'--app-secret',
				'cli-secret',
				'--log',
				logPath,
				'--state',
				statePath,
				'--recipients-per-second',
				'2',
				'--v4-id-name',
				'messageUID',
			],
			{ cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		try {
			const firstLine = await new Promise<string>((resolveLine, reject) => {
				const lines = createInterface({ input: child.stdout });
				lines.once('line', resolveLine);
				child.once('exit', (code) => reject(new Error(`emulator-cli exited early with ${code}`)));
			});
			const info = JSON.parse(firstLine) as { baseUrl: string; port: number; appKey: string };
			expect(info).toMatchObject({ baseUrl: `http://127.0.0.1:${info.port}`, appKey: 'cli-key' });

			const remote = { baseUrl: info.baseUrl } as RongCloudEmulator;
			clock = Date.now();
			const sent = await call(remote, PATHS.broadcast, { form: TXT, appKey: 'cli-key', appSecret: 'cli-secret' });
			expect(sent.status).toBe(200);
			await call(remote, PATHS.broadcast, { form: TXT, appKey: 'cli-key', appSecret: 'wrong' });

			const logged = readFileSync(logPath, 'utf8')
				.trim()
				.split('\n')
				.map((line) => JSON.parse(line) as { path: string; form: unknown; signatureValid: boolean; response: { status: number } });
			expect(logged).toHaveLength(2);
			expect(logged[0]).toMatchObject({ path: PATHS.broadcast, form: TXT, signatureValid: true, response: { status: 200 } });
			expect(logged[1]).toMatchObject({ signatureValid: false, response: { status: 401 } });

			const state = JSON.parse(readFileSync(statePath, 'utf8')) as { issued: Array<{ uid: string }>; quotaUsage: Record<string, number[]> };
			expect(state.issued.map((m) => m.uid)).toEqual([sent.body.messageUID]);
			expect(state.quotaUsage['cli-key']).toHaveLength(1);

			const v4 = { appKey: 'cli-key', appSecret: 'cli-secret' };
			const toTwo = { fromUserId: 's', toUserIds: ['u1', 'u2'], messageType: 'RC:TxtMsg', content: TXT.content };
			expect((await call(remote, V4_PATHS.send, { json: toTwo, ...v4 })).status).toBe(200);
			expectError(await call(remote, V4_PATHS.send, { json: toTwo, ...v4 }), 429, 1008, /at most 2 recipients/);
			const all = await call(remote, V4_PATHS.broadcastAll, { json: { fromUserId: 's', messageType: 'RC:TxtMsg', content: TXT.content }, ...v4 });
			expect(all.body).toEqual({ code: 0, result: { messageUID: expect.any(String) } });
			const after = JSON.parse(readFileSync(statePath, 'utf8')) as EmulatorState;
			expect(after.recipientUsage?.['cli-key']).toEqual([{ at: expect.any(Number), count: 2 }]);
			expect(after.apps).toEqual([{ appKey: 'cli-key', appSecret: 'cli-secret', broadcastEnabled: true, recipientsPerSecond: 2, v4IdName: 'messageUID' }]);

			const exitCode = await new Promise<number | null>((resolveExit) => {
				child.once('exit', resolveExit);
				child.kill('SIGTERM');
			});
			expect(exitCode).toBe(0);
		} finally {
			if (child.exitCode === null) child.kill('SIGKILL');
			rmSync(dir, { recursive: true, force: true });
		}
		expect(existsSync(dir)).toBe(false);
	});
});
