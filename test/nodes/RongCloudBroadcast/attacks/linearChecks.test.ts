/**
 * Attack: work before the first request must grow linearly with the items (issue 21: "every per-item
 * check is linear in its input"). Measured without a clock: the number of steps taken through array
 * iterators (spreads, for-of, Array.from) while the node runs, at n and at 2n items. A linear run
 * takes about twice the steps at 2n; a quadratic one about four times.
 *
 * Measured by hand (Dry Run, one user per item, one Idempotency Key): 10,000 items 12.6 s, 20,000
 * 58 s, 40,000 292 s; without the key 3 s, 6 s, 20 s.
 */
import type { INodeParameters } from 'n8n-workflow';

import { VALID_SEND_TO_USERS } from '../../../support/ruleViolations';
import { runBroadcast } from '../../../support/runBroadcast';
import { withEmulator } from '../../../support/withEmulator';

type IteratorProto = { next: (...args: unknown[]) => unknown };
const arrayIteratorPrototype = Object.getPrototypeOf([][Symbol.iterator]()) as IteratorProto;

/** Steps taken through array iterators while `work` runs. */
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

describe('attack: work before the first request is linear in the items', () => {
	const emulator = withEmulator();
	const items = (count: number) => Array.from({ length: count }, (_, index) => ({ json: { userId: `user-${index}` } }));

	// The measure's control: the same run without the key is linear today.
	it('Send to Users, one user per item, no Idempotency Key (Dry Run): 2n items cost about twice n', async () => {
		const parameters: INodeParameters = { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.userId }}', options: { dryRun: true } };
		const run = (count: number) => async () => {
			const result = await runBroadcast(emulator, { parameters, items: items(count) });
			if (result.error) throw result.error;
		};
		const atN = await iteratorSteps(run(1500));
		const at2N = await iteratorSteps(run(3000));
		expect(at2N / atN).toBeLessThan(2.6);
	});

	it('Send to Users, one user per item, every item with the same Idempotency Key (Dry Run): 2n items cost about twice n', async () => {
		const parameters: INodeParameters = { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.userId }}', options: { dryRun: true, msgRandom: 7 } };
		const run = (count: number) => async () => {
			const result = await runBroadcast(emulator, { parameters, items: items(count) });
			if (result.error) throw result.error;
		};
		const atN = await iteratorSteps(run(1500));
		const at2N = await iteratorSteps(run(3000));
		expect(at2N / atN).toBeLessThan(2.6);
	});
});
