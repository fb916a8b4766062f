/**
 * Items of one run that repeat one message under one Idempotency Key are all sent: deduplicating
 * them is what the key is for, and RongCloud does it (once idempotency is enabled for the app) by
 * delivering the first and answering the repeats, which the node outputs as "already delivered". One key
 * on different messages is a mistake that would silently keep all but the first from users: it is
 * refused before anything is sent.
 */

import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET, PATHS } from '../../support/emulator';
import { VALID_SEND_TO_USERS } from '../../support/ruleViolations';
import { runBroadcast } from '../../support/runBroadcast';
import { withEmulator } from '../../support/withEmulator';

const REPEAT_WORDS = 'the Idempotency Key (msgRandom) was already used within the last minute, so RongCloud did not deliver this message a second time';

describe('one Idempotency Key on several items of a run', () => {
	const emulator = withEmulator();
	beforeEach(() => emulator.setApp({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, idempotency: true }));

	it.each([true, false])('Continue On Fail %s: the first is delivered, the repeat is "already delivered", a success item with a warning', async (continueOnFail) => {
		const result = await runBroadcast(emulator, {
			parameters: { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: '={{ $json.text }}', options: { msgRandom: 20240601001 } },
			items: [{ json: { text: 'Sale starts' } }, { json: { text: 'Sale starts' } }],
			continueOnFail,
		});
		expect(emulator.requestsTo(PATHS.broadcast).map((r) => r.form?.msgRandom)).toEqual(['20240601001', '20240601001']);
		expect(emulator.requestsTo(PATHS.broadcast).map((r) => r.response?.status)).toEqual([200, 400]);
		expect(result.error).toBeUndefined();
		const [first, second] = result.output?.[0] ?? [];
		expect(first.json).toMatchObject({ code: 200, messageUID: emulator.issued.at(-1)?.uid });
		expect(second.json).toMatchObject({ code: 1002, alreadyDelivered: true });
		expect(second.json.messageUID).toBeUndefined();
		expect(String(second.json.warning)).toContain(REPEAT_WORDS);
		expect(String(second.json.warning)).toContain('msgRandom 20240601001 was already used');
	});

	it('Retry On Fail counts the repeat as delivered: a later failure lists it and nothing is sent a third time', async () => {
		emulator.failNextWithCode(1009, { skip: 2 });
		const result = await runBroadcast(emulator, {
			parameters: { operation: 'sendOnline', fromUserId: 'system', objectName: 'RC:TxtMsg', text: '={{ $json.text }}', options: { msgRandom: 7 } },
			items: [{ json: { text: 'Sale starts' } }, { json: { text: 'Sale starts' } }, { json: { text: 'Sale starts' } }],
			retryOnFail: { maxTries: 2 },
		});
		// Try 1: item 0 delivered, item 1 the repeat, item 2 refused (1009); try 2 sends only item 2, again a repeat.
		expect(emulator.requestsTo(PATHS.onlineBroadcast)).toHaveLength(4);
		expect(result.error).toBeUndefined();
		expect((result.output?.[0] ?? []).map((item) => item.json.alreadyDelivered ?? false)).toEqual([false, true, true]);
	});

	it('one key on different messages is refused before anything is sent, for every item that shares it, even under Continue On Fail', async () => {
		const result = await runBroadcast(emulator, {
			parameters: { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: '={{ $json.text }}', options: { msgRandom: 20240601001 } },
			items: [{ json: { text: 'Sale starts' } }, { json: { text: 'Sale ends' } }, { json: { text: 'Sale starts' } }],
			continueOnFail: true,
		});
		expect(emulator.requests).toHaveLength(0);
		expect((result.output?.[0] ?? []).map((item) => String(item.json.error))).toEqual([0, 1, 2].map((index) =>
			`Invalid Options → Idempotency Key in Send to All Users (options.msgRandom): must differ between items that send different messages: RongCloud delivers only the first message of a key (items 0, 1, 2 have 20240601001 for different messages) [item ${index}]`));
	});

	it('a key, and an item without one, are sent as usual', async () => {
		const result = await runBroadcast(emulator, {
			parameters: { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'x', options: { msgRandom: '={{ $json.key }}' } },
			items: [{ json: { key: 1 } }, { json: {} }],
		});
		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((r) => r.form?.msgRandom)).toEqual(['1', undefined]);
	});
});

type IteratorProto = { next: (...args: unknown[]) => unknown };
const arrayIteratorPrototype = Object.getPrototypeOf([][Symbol.iterator]()) as IteratorProto;

/**
 * Steps taken through array iterators (spreads, for-of, Array.from) while `work` runs: a measure of
 * work without a clock. A linear run takes about twice the steps at 2n items, a quadratic one four
 * times. (By hand, before the fix: 10,000 items sharing a key took 12.6 s, 20,000 took 58 s.)
 */
async function iteratorSteps(work: () => Promise<unknown>): Promise<number> {
	const original = arrayIteratorPrototype.next;
	let steps = 0;
	arrayIteratorPrototype.next = function (this: unknown, ...args: unknown[]) {
		steps++;
		return original.apply(this, args);
	};
	try {
		await work();
	} finally {
		arrayIteratorPrototype.next = original;
	}
	return steps;
}

describe('the check of one Idempotency Key across items is linear in the items', () => {
	const emulator = withEmulator();
	const items = (count: number) => Array.from({ length: count }, (_, index) => ({ json: { userId: `user-${index}` } }));
	const growth = async (options: INodeParameters) => {
		const parameters: INodeParameters = { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.userId }}', options: { dryRun: true, ...options } };
		const run = (count: number) => async () => {
			const result = await runBroadcast(emulator, { parameters, items: items(count) });
			if (result.error) throw result.error;
		};
		return (await iteratorSteps(run(3000))) / (await iteratorSteps(run(1500)));
	};

	// The measure's control: the same run without a key.
	it('Send to Users, one user per item, no Idempotency Key (Dry Run): 2n items cost about twice n', async () => {
		expect(await growth({})).toBeLessThan(2.6);
	});

	it('Send to Users, one user per item, every item with the same Idempotency Key (Dry Run): 2n items cost about twice n', async () => {
		expect(await growth({ msgRandom: 7 })).toBeLessThan(2.6);
	});
});
