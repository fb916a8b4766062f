import { siblingWaitLimit, whileSiblingSends } from '../../../../nodes/RongCloudBroadcast/run/siblingWait';

describe('waiting for another Retry of the same execution to end its request', () => {
	it('ends as soon as the other Retry is no longer sending', async () => {
		let looks = 0;
		const started = Date.now();
		await expect(whileSiblingSends(() => ++looks < 3, 10_000)).resolves.toBe(true);
		expect(looks).toBe(3);
		expect(Date.now() - started).toBeLessThan(2_000);
	});

	it('gives up after its limit when the other Retry never ends (the caller then refuses the item in words)', async () => {
		const started = Date.now();
		await expect(whileSiblingSends(() => true, 150)).resolves.toBe(false);
		expect(Date.now() - started).toBeGreaterThanOrEqual(150);
	});

	it("rejects at once when the execution is stopped (n8n's Stop)", async () => {
		const stop = new AbortController();
		const waiting = whileSiblingSends(() => true, 60_000, stop.signal);
		stop.abort();
		await expect(waiting).rejects.toBeDefined();
	});

	it('waits the Timeout on both hosts, and some slack', () => {
		expect(siblingWaitLimit(10_000)).toBe(25_000);
	});
});
