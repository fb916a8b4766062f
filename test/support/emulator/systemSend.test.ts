/**
 * System messages to listed users on both generations: v1 publish.json and v4 message/send, the
 * per-request cap, the recipient rate (refused whole, nothing delivered) and the delivery records.
 */
import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET, PATHS, startEmulator, V4_PATHS, type RongCloudEmulator } from '../emulator';
import { emulatorCaller, expectError } from '../emulatorCalls';
import { withEmulator } from '../withEmulator';

const START = Date.parse('2024-03-01T04:00:00Z');
let clock = START;
const call = emulatorCaller(() => clock);

const UID = /^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/;
const CONTENT = '{"content":"hello"}';
const FAST = { appKey: 'fast-app', appSecret: 'fast-secret' };
const IDEMPOTENT = { appKey: 'idempotent-app', appSecret: 'idempotent-secret' };
const DISABLED = { appKey: 'disabled-app', appSecret: 'disabled-secret' };

const emulator = withEmulator({
	now: () => clock,
	apps: [
		{ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET },
		{ ...FAST, recipientsPerSecond: 1000 },
		{ ...IDEMPOTENT, idempotency: true },
		{ ...DISABLED, broadcastEnabled: false },
	],
});

beforeEach(() => {
	clock = START;
});

const users = (count: number, from = 0): string[] => Array.from({ length: count }, (_, i) => `u${from + i}`);

/** publish.json's form with toUserId repeated once per recipient, as the SDKs send it. */
function publishBody(recipients: string[], fields: Record<string, string> = {}): string {
	const form = new URLSearchParams({ fromUserId: 'system', objectName: 'RC:TxtMsg', content: CONTENT, ...fields });
	for (const userId of recipients) form.append('toUserId', userId);
	return form.toString();
}

const publish = async (recipients: string[], fields: Record<string, string> = {}, options = {}) =>
	await call(emulator, PATHS.systemPublish, { body: publishBody(recipients, fields), contentType: 'application/x-www-form-urlencoded', ...options });

const sendVia = async (target: RongCloudEmulator, toUserIds: unknown, fields: Record<string, unknown> = {}, options = {}) =>
	await call(target, V4_PATHS.send, { json: { fromUserId: 'system', toUserIds, messageType: 'RC:TxtMsg', content: CONTENT, ...fields }, ...options });
const send = async (toUserIds: unknown, fields: Record<string, unknown> = {}, options = {}) => await sendVia(emulator, toUserIds, fields, options);

describe('v1 /message/system/publish.json', () => {
	it('answers one messageUID per distinct recipient and records each copy', async () => {
		const result = await publish(['u1', 'u2', 'u1']);
		expect(result.body).toEqual({
			code: 200,
			messageUIDs: [
				{ userId: 'u1', messageUID: expect.stringMatching(UID) },
				{ userId: 'u2', messageUID: expect.stringMatching(UID) },
			],
		});
		const [first, second] = result.body.messageUIDs as Array<{ messageUID: string }>;
		expect(emulator.deliveries).toEqual([
			{ appKey: DEFAULT_APP_KEY, path: PATHS.systemPublish, requestSeq: 1, userId: 'u1', messageId: first.messageUID, fromUserId: 'system', messageType: 'RC:TxtMsg', content: CONTENT, at: START },
			{ appKey: DEFAULT_APP_KEY, path: PATHS.systemPublish, requestSeq: 1, userId: 'u2', messageId: second.messageUID, fromUserId: 'system', messageType: 'RC:TxtMsg', content: CONTENT, at: START },
		]);
	});

	it('accepts every field the fixture lists, 100 recipients, and needs neither the broadcast service nor its quota', async () => {
		const fields = {
			pushContent: 'p',
			pushData: 'd',
			pushExt: '{"title":"t"}',
			isPersisted: '0',
			isCounted: '1',
			contentAvailable: '0',
			disablePush: 'false',
			disableUpdateLastMsg: 'true',
			msgRandom: '123',
			count: '2',
			busChannel: 'ch',
		};
		expect((await publish(users(100), fields)).status).toBe(200);
		clock += 1000;
		for (let i = 0; i < 4; i++) {
			expect((await publish(['u1'], {}, DISABLED)).status).toBe(200);
			expect((await call(emulator, PATHS.broadcast, { form: { fromUserId: 's', objectName: 'RC:TxtMsg', content: CONTENT } })).status).toBe(i < 2 ? 200 : 429);
		}
		expect(emulator.deliveries).toHaveLength(104);
	});

	const refusals: Array<[string, string[], Record<string, string>, number, RegExp]> = [
		['no recipient', [], {}, 1002, /^toUserId is required/],
		['101 recipients', users(101), {}, 1005, /toUserId has more than 100/],
		['an empty recipient', ['u1', ''], {}, 1002, /toUserId must not contain an empty/],
		['a recipient of 65 characters', ['u'.repeat(65)], {}, 1005, /toUserId is longer than 64/],
		['no objectName', ['u1'], { objectName: '' }, 1002, /^objectName is required/],
		['content a client cannot display', ['u1'], { content: '{"content":""}' }, 1002, /RC:TxtMsg needs "content"/],
		['v4\'s toUserIds', ['u1'], { toUserIds: 'u2' }, 1002, /Unknown parameter: toUserIds/],
		['isIncludeSender (no SDK sends it here)', ['u1'], { isIncludeSender: '1' }, 1002, /Unknown parameter: isIncludeSender/],
		['isPersisted 2', ['u1'], { isPersisted: '2' }, 1002, /isPersisted must be one of 0, 1/],
		['disablePush 1', ['u1'], { disablePush: '1' }, 1002, /disablePush must be one of true, false/],
		['pushExt that is not JSON', ['u1'], { pushExt: '{' }, 1002, /pushExt is not valid JSON/],
		['count that is not a number', ['u1'], { count: 'x' }, 1002, /count must be a whole number/],
		['msgRandom that is not a Long', ['u1'], { msgRandom: '1.5' }, 1002, /msgRandom/],
	];

	it.each(refusals)('refuses %s, delivering nothing', async (_name, recipients, fields, code, message) => {
		expectError(await publish(recipients, fields), 400, code, message);
		expect(emulator.deliveries).toEqual([]);
	});

	it('refuses a repeated field other than toUserId, and a JSON body', async () => {
		const body = `${publishBody(['u1'])}&fromUserId=other`;
		expectError(await call(emulator, PATHS.systemPublish, { body, contentType: 'application/x-www-form-urlencoded' }), 400, 1002, /Duplicate form field: fromUserId/);
		expectError(await call(emulator, PATHS.systemPublish, { json: { fromUserId: 's', toUserId: ['u1'] } }), 400, 1002, /x-www-form-urlencoded/);
	});

	it('with idempotency, refuses a msgRandom repeated within a minute and delivers nothing again', async () => {
		expect((await publish(['u1'], { msgRandom: '42' }, IDEMPOTENT)).status).toBe(200);
		clock += 1000;
		expectError(await publish(['u1'], { msgRandom: '42' }, IDEMPOTENT), 400, 1002, /msgRandom 42 was already used/);
		expect(emulator.deliveries).toHaveLength(1);
	});
});

describe('v4 /v4/system-channel/message/send', () => {
	it('answers {code: 0, result: {messageIds: [{userId, messageId}]}} and records each copy', async () => {
		const fields = { pushContent: 'p', pushData: 'd', shouldPersist: 1, contentAvailable: 0, disablePush: true, pushExt: '{"title":"t"}', disableUpdateLastMsg: false };
		const result = await send(['u1', 'u2'], fields);
		expect(result.body).toEqual({
			code: 0,
			result: {
				messageIds: [
					{ userId: 'u1', messageId: expect.stringMatching(UID) },
					{ userId: 'u2', messageId: expect.stringMatching(UID) },
				],
			},
		});
		expect(emulator.deliveries.map((copy) => [copy.path, copy.userId, copy.messageType])).toEqual([
			[V4_PATHS.send, 'u1', 'RC:TxtMsg'],
			[V4_PATHS.send, 'u2', 'RC:TxtMsg'],
		]);
	});

	const refusals: Array<[string, unknown, Record<string, unknown>, number, RegExp]> = [
		['no toUserIds', undefined, {}, 1002, /^toUserIds is required/],
		['an empty list', [], {}, 1002, /toUserIds must not be empty/],
		['a single id as text', 'u1', {}, 1002, /toUserIds must be an array of non-empty strings/],
		['101 recipients', users(101), {}, 1005, /toUserIds has more than 100/],
		['a recipient of 65 characters', ['u'.repeat(65)], {}, 1005, /toUserIds is longer than 64/],
		['v1\'s isPersisted', ['u1'], { isPersisted: 1 }, 1002, /Unknown parameter: isPersisted/],
		['v1\'s isCounted', ['u1'], { isCounted: 1 }, 1002, /Unknown parameter: isCounted/],
		['shouldPersist 2', ['u1'], { shouldPersist: 2 }, 1002, /shouldPersist must be 0 or 1/],
		['disablePush as text', ['u1'], { disablePush: 'true' }, 1002, /disablePush must be true or false/],
		['no messageType', ['u1'], { messageType: undefined }, 1002, /^messageType is required/],
	];

	it.each(refusals)('refuses %s, delivering nothing', async (_name, toUserIds, fields, code, message) => {
		expectError(await send(toUserIds, fields), 400, code, message);
		expect(emulator.deliveries).toEqual([]);
	});
});

describe('the recipient rate: 100 per second per app, both generations together, by arrival time', () => {
	it('refuses with 429/1008 a request that would pass 100 recipients within 1000 ms, delivering nothing; frees up as the window slides', async () => {
		expect((await publish(users(60))).status).toBe(200);
		clock += 500;
		expect((await send(users(40, 60))).status).toBe(200);
		clock += 499;
		const refused = await send(['late']);
		expectError(refused, 429, 1008, /at most 100 recipients per second; 100 in the last second, this request has 1/);
		expect(emulator.deliveries).toHaveLength(100);
		expect(emulator.deliveries.some((copy) => copy.userId === 'late')).toBe(false);
		clock += 1; // the first 60 are 1000 ms old
		expect((await publish(users(60, 100))).status).toBe(200);
		expectError(await publish(['one more']), 429, 1008);
		expect(emulator.requests.map((r) => r.response?.status)).toEqual([200, 200, 429, 200, 429]);
	});

	it('counts distinct recipients, not requests; refused and invalid requests count nothing', async () => {
		expectError(await send(users(101)), 400, 1005);
		expect((await publish([...users(50), ...users(50)])).status).toBe(200);
		expect((await send(users(50, 50))).status).toBe(200);
		expectError(await send(['x']), 429, 1008);
	});

	it('is per app and follows an app\'s raised limit', async () => {
		for (let i = 0; i < 10; i++) expect((await send(users(100, i * 100), {}, FAST)).status).toBe(200);
		expectError(await send(['x'], {}, FAST), 429, 1008, /at most 1000 recipients per second/);
		expect((await send(users(100))).status).toBe(200);
		expect(new Set(emulator.deliveries.map((copy) => `${copy.appKey} ${copy.userId}`)).size).toBe(1100);
	});

	it('a request processed but never answered (hang afterProcessing) still delivered, and still counts', async () => {
		emulator.failNext({ kind: 'hang', afterProcessing: true }, { path: V4_PATHS.send });
		await expect(send(users(100), {}, { signal: AbortSignal.timeout(200) })).rejects.toThrow(/abort|timeout/i);
		expect(emulator.deliveries).toHaveLength(100);
		expectError(await send(['retry']), 429, 1008);
	});
});

describe('state and reset', () => {
	it('exportState/initialState keep the recipient window; reset() forgets it and the deliveries', async () => {
		let first: RongCloudEmulator | undefined = await startEmulator({ now: () => clock });
		let second: RongCloudEmulator | undefined;
		try {
			expect((await send(users(100))).status).toBe(200);
			expect((await sendVia(first, users(100))).status).toBe(200);
			const state = first.exportState();
			expect(state.recipientUsage).toEqual({ [DEFAULT_APP_KEY]: [{ at: START, count: 100 }] });
			await first.close();
			first = undefined;
			second = await startEmulator({ now: () => clock, initialState: JSON.parse(JSON.stringify(state)) });
			expectError(await sendVia(second, ['x']), 429, 1008);
		} finally {
			await first?.close();
			await second?.close();
		}
		expect(emulator.deliveries).toHaveLength(100);
		emulator.reset();
		expect(emulator.deliveries).toEqual([]);
		expect((await send(users(100))).status).toBe(200);
	});
});
