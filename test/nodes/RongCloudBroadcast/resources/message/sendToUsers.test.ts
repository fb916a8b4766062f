/**
 * Send to Users: items that send the same message share requests of at most 100 recipients, each
 * recipient once, paced to RongCloud's 100 recipients a second (a fake clock stands in for the
 * seconds: the emulator counts arrivals on the same clock the node waits on), exactly once under
 * Retry On Fail and n8n's Retry, bad input refused before the first request.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { pacingClock } from '../../../../../nodes/RongCloudBroadcast/run/pacing';
import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET, PATHS, startEmulator, type RongCloudEmulator } from '../../../../support/emulator';
import { VALID_SEND_TO_USERS } from '../../../../support/ruleViolations';
import { outputJson, runBroadcast, type BroadcastRun } from '../../../../support/runBroadcast';

/** One clock for the node's waits and the emulator's rate window: waiting moves it forward at once. */
class FakeClock {
	time = Date.now();
	readonly waits: number[] = [];
	now = (): number => this.time;
	wait = async (ms: number, stop?: AbortSignal): Promise<void> => {
		if (stop?.aborted) throw new Error('aborted');
		this.waits.push(ms);
		this.time += ms;
		await Promise.resolve();
	};
}

const SEND = VALID_SEND_TO_USERS;
const users = (count: number, from = 0) => Array.from({ length: count }, (_, index) => `u${from + index}`);
const perUser = (userIds: string[]): INodeExecutionData[] => userIds.map((userId) => ({ json: { userId } }));
const ONE_PER_ITEM: INodeParameters = { ...SEND, toUserIds: '={{ $json.userId }}' };

describe('Send to Users', () => {
	let clock: FakeClock;
	let emulator: RongCloudEmulator;
	const original = { ...pacingClock };

	beforeEach(async () => {
		clock = new FakeClock();
		pacingClock.now = clock.now;
		pacingClock.wait = clock.wait;
		emulator = await startEmulator({ now: clock.now });
	});
	afterEach(async () => {
		Object.assign(pacingClock, original);
		await emulator.close();
	});

	const run = async (options: Omit<BroadcastRun, 'parameters'> & { parameters?: INodeParameters }) =>
		await runBroadcast(emulator, { parameters: ONE_PER_ITEM, ...options });
	const publishes = () => emulator.requestsTo(PATHS.systemPublish);
	const deliveredTo = () => emulator.deliveries.map((delivery) => delivery.userId);

	it('250 items of one message: three requests of 100, 100 and 50, each user once, paced a second apart, one output item per input item', async () => {
		const result = await run({ items: perUser(users(250)) });
		const output = outputJson(result);
		expect(publishes().map((request) => request.formValues?.toUserId?.length)).toEqual([100, 100, 50]);
		expect(deliveredTo().sort()).toEqual(users(250).sort());
		expect(clock.waits.length).toBe(2);
		for (const wait of clock.waits) expect(wait).toBeGreaterThan(900);
		expect(output).toHaveLength(250);
		const byUser = new Map(emulator.deliveries.map((delivery) => [delivery.userId, delivery.messageId]));
		output.forEach((json, index) => {
			expect(json).toMatchObject({ code: 200, toUserIds: [`u${index}`], fromUserId: 'system', objectName: 'RC:TxtMsg' });
			expect(json.messageUIDs).toEqual([{ userId: `u${index}`, messageUID: byUser.get(`u${index}`) }]);
			expect(json.requestIds).toHaveLength(1);
		});
		expect(result.output?.[0].map((item) => item.pairedItem)).toEqual(users(250).map((_, item) => ({ item })));
	});

	it('a list longer than 100 in one item is split; the item names every request and every recipient\'s messageUID', async () => {
		const [json] = outputJson(await run({ parameters: { ...SEND, toUserIds: '={{ $json.ids }}' }, items: [{ json: { ids: users(230) } }] }));
		expect(publishes().map((request) => request.formValues?.toUserId?.length)).toEqual([100, 100, 30]);
		expect((json.messageUIDs as IDataObject[]).map((entry) => entry.userId)).toEqual(users(230));
		expect(json.requestIds).toHaveLength(3);
	});

	it('a user listed twice for the same message receives it once; both items name that delivery', async () => {
		const output = outputJson(await run({ parameters: { ...SEND, toUserIds: '={{ $json.ids }}' }, items: [{ json: { ids: 'a, b' } }, { json: { ids: ['b', 'c'] } }] }));
		expect(deliveredTo().sort()).toEqual(['a', 'b', 'c']);
		expect(publishes()).toHaveLength(1);
		const messageUIDOf = (json: Record<string, unknown>, userId: string) => (json.messageUIDs as IDataObject[]).find((entry) => entry.userId === userId)?.messageUID;
		expect(messageUIDOf(output[0], 'b')).toBeDefined();
		expect(messageUIDOf(output[1], 'b')).toBe(messageUIDOf(output[0], 'b'));
	});

	it('items with different messages go in different requests', async () => {
		await run({ parameters: { ...ONE_PER_ITEM, text: '={{ $json.text }}' }, items: [{ json: { userId: 'a', text: 'x' } }, { json: { userId: 'b', text: 'y' } }, { json: { userId: 'c', text: 'x' } }] });
		const requests = publishes().map((request) => [request.formValues?.toUserId, JSON.parse(request.form!.content).content]);
		expect(requests).toEqual([
			[['a', 'c'], 'x'],
			[['b'], 'y'],
		]);
	});

	it('the pace follows Recipients per Second: raised tenfold for an app whose limit RongCloud raised, ten requests leave within a second', async () => {
		emulator.setApp({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, recipientsPerSecond: 1000 });
		await run({ parameters: { ...ONE_PER_ITEM, options: { recipientsPerSecond: 1000 } }, items: perUser(users(1000)) });
		expect(publishes()).toHaveLength(10);
		expect(clock.waits).toEqual([]);
		expect(deliveredTo()).toHaveLength(1000);
	});

	it('RongCloud refuses for speed anyway (the app\'s limit is lower): the run stops truthfully, what was delivered is listed, nothing is re-sent', async () => {
		emulator.setApp({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, recipientsPerSecond: 150 });
		const result = await run({ parameters: { ...ONE_PER_ITEM, options: { recipientsPerSecond: 200 } }, items: perUser(users(300)) });
		const error = result.error as NodeApiError;
		expect(error.message).toContain('RongCloud error 1008');
		expect(error.message).toContain('Already delivered in this run: 100 items (0 to 99).');
		expect(error.description).toContain('Recipients per Second');
		expect(publishes()).toHaveLength(2);
		expect(deliveredTo()).toEqual(users(100));
		expect(error.context.notAttemptedItems).toEqual(users(100).map((_, index) => 200 + index));
	});

	it('bad input stops before the first request: an empty list, a user ID over 64 characters', async () => {
		for (const toUserIds of ['', `a, ${'x'.repeat(65)}`]) {
			const result = await run({ parameters: { ...SEND, toUserIds }, items: [{ json: {} }] });
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error?.message).toMatch(/\(toUserIds\)/);
		}
		const later = await run({ parameters: { ...SEND, toUserIds: '={{ $json.ids }}' }, items: [{ json: { ids: 'a' } }, { json: { ids: '' } }] });
		expect(later.error?.message).toContain('[item 1]');
		expect(emulator.requests).toHaveLength(0);
	});

	it('Dry Run shows every request that would leave, with its recipients, and sends nothing', async () => {
		const output = outputJson(await run({ parameters: { ...ONE_PER_ITEM, options: { dryRun: true } }, items: perUser(users(150)) }));
		expect(emulator.requests).toHaveLength(0);
		const first = output[0].requests as IDataObject[];
		expect(first).toHaveLength(1);
		expect(first[0]).toMatchObject({ request: 1, recipients: 100, dryRun: true, method: 'POST' });
		expect((first[0].body as IDataObject).toUserId).toEqual(users(100));
		expect(output[1].requests).toEqual([{ request: 1, shownOnItem: 0 }]);
		expect((output[100].requests as IDataObject[])[0]).toMatchObject({ request: 2, recipients: 50 });
	});

	it('Stop while the node waits for the rate ends the wait at once: the delivered requests are listed, no more leave', async () => {
		const controller = new AbortController();
		clock.wait = async (ms, stop) => {
			clock.waits.push(ms);
			controller.abort();
			if (stop?.aborted) throw new Error('aborted');
		};
		pacingClock.wait = clock.wait;
		const result = await run({ items: perUser(users(250)), abortSignal: controller.signal });
		expect(publishes()).toHaveLength(1);
		expect(result.error?.message).toContain('The execution was stopped before item 100 was sent.');
		expect(result.error?.message).toContain('Already delivered in this run');
	});

	it('Retry On Fail after a timeout does not send the timed-out request again; the requests it never sent are sent once', async () => {
		emulator.failNext({ kind: 'hang', afterProcessing: true }, { skip: 1 });
		const result = await run({ parameters: { ...ONE_PER_ITEM, options: { timeout: 300 } }, items: perUser(users(250)), retryOnFail: { maxTries: 3 } });
		expect(result.error?.message).toMatch(/Not re-sent|may have been delivered/);
		// Request 2 (u100..u199) reached RongCloud once; nothing went twice.
		const counts = new Map<string, number>();
		for (const userId of deliveredTo()) counts.set(userId, (counts.get(userId) ?? 0) + 1);
		expect([...counts.values()].every((count) => count === 1)).toBe(true);
		expect(deliveredTo().sort()).toEqual(users(250).sort());
	});

	it("n8n's Retry sends only the requests the original proved undelivered", async () => {
		emulator.failNextWithCode(1009, { skip: 1 });
		const failed = await run({ items: perUser(users(250)), executionId: '51' });
		expect(failed.error?.message).toContain('RongCloud error 1009');
		expect(deliveredTo()).toEqual(users(100));
		const retried = await run({ retryOf: failed, executionId: '52' });
		const output = outputJson(retried);
		expect(deliveredTo().sort()).toEqual(users(250).sort());
		expect(output[0]).toMatchObject({ deliveredByExecution: '51' });
		expect(String(output[0].warning)).toContain('execution 51 delivered to them');
		expect(output[150].deliveredByExecution).toBeUndefined();
	});

	it('on Nexconn v4: message/send with toUserIds, and each recipient\'s messageId output as its messageUID', async () => {
		const output = outputJson(await run({ items: perUser(users(120)), credentials: { apiVersion: 'v4' } }));
		const sends = emulator.requestsTo('/v4/system-channel/message/send');
		expect(sends.map((request) => (request.json as IDataObject).toUserIds as string[]).map((ids) => ids.length)).toEqual([100, 20]);
		expect(output[5]).toMatchObject({ code: 0, toUserIds: ['u5'] });
		expect((output[5].messageUIDs as IDataObject[])[0].messageUID).toBe(emulator.deliveries.find((delivery) => delivery.userId === 'u5')?.messageId);
	});

	it('on Nexconn v4, Count as Unread and the Idempotency Key are refused before anything leaves (v4 has neither)', async () => {
		for (const options of [{ isCounted: false }, { msgRandom: 5 }]) {
			const result = await run({ parameters: { ...ONE_PER_ITEM, options }, items: perUser(['a']), credentials: { apiVersion: 'v4' } });
			expect(result.error?.message).toContain("is not part of Nexconn's API v4");
		}
		expect(emulator.requests).toHaveLength(0);
	});
});
