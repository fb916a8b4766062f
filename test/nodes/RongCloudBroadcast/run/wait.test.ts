/* eslint-disable
	@n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports
	-- Test tooling: n8n 1.x's own wait, as it ships, stands in for the 2.x one installed here, and Node counts the listeners. */
/**
 * The node's waits (run/wait.ts) on n8n 1.x, whose n8n-workflow exports `sleepWithAbort`: as
 * n8n-workflow 1.123.81 ships it (dist/cjs/utils.js, sleepWithAbort), it adds a listener to the
 * execution's stop signal on every wait and removes it only when the signal fires. A Retry that
 * waits for another Retry's request looks again every 20 ms for up to twice the Timeout plus 5 s:
 * each look must not leave a listener behind on the execution's signal.
 */
import { getEventListeners } from 'node:events';

jest.mock('n8n-workflow', () => ({
	...jest.requireActual<object>('n8n-workflow'),
	sleepWithAbort: async (ms: number, abortSignal?: AbortSignal) =>
		await new Promise<void>((resolve, reject) => {
			if (abortSignal?.aborted) {
				reject(new Error(''));
				return;
			}
			const timeout = setTimeout(resolve, ms);
			const abortHandler = () => {
				clearTimeout(timeout);
				reject(new Error(''));
			};
			abortSignal?.addEventListener('abort', abortHandler, { once: true });
		}),
}));

import { whileSiblingSends } from '../../../../nodes/RongCloudBroadcast/run/siblingWait';
import { waitFor } from '../../../../nodes/RongCloudBroadcast/run/wait';

describe("the node's waits on n8n 1.x (n8n-workflow's sleepWithAbort)", () => {
	it('a Retry that looked 10 times at another Retry leaves no listener on the execution\'s stop signal', async () => {
		const stop = new AbortController();
		let looks = 0;
		await whileSiblingSends(() => ++looks <= 10, 10_000, stop.signal);
		expect(looks).toBe(11);
		expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
	});

	it("still ends at once on n8n's Stop, rejecting", async () => {
		const stop = new AbortController();
		const started = Date.now();
		const waiting = waitFor(60_000, stop.signal);
		stop.abort();
		await expect(waiting).rejects.toBeDefined();
		expect(Date.now() - started).toBeLessThan(1_000);
		expect(getEventListeners(stop.signal, 'abort')).toHaveLength(0);
	});
});
