/**
 * Attack: two of n8n's Retries of one failed Send to Users execution, started at the same time (the
 * README lists "Retries of the same execution started at the same time" as covered).
 */

import { runBroadcast } from '../../../support/runBroadcast';
import { ONE_PER_ITEM, perUser, users, withPacedEmulator } from './fakeClock';


describe('attack: concurrent Retries of a failed Send to Users', () => {
	const paced = withPacedEmulator();

	it('two Retries started at once deliver each of 250 recipients once', async () => {
		paced.emulator.failNextWithCode(1009);
		const failed = await runBroadcast(paced.emulator, { parameters: ONE_PER_ITEM, items: perUser(users(250)), executionId: '71' });
		expect(failed.error?.message).toContain('RongCloud error 1009');
		expect(paced.emulator.deliveries).toHaveLength(0);

		await Promise.all([
			runBroadcast(paced.emulator, { parameters: ONE_PER_ITEM, retryOf: failed, executionId: '72' }),
			runBroadcast(paced.emulator, { parameters: ONE_PER_ITEM, retryOf: failed, executionId: '73' }),
		]);
		const counts = new Map<string, number>();
		for (const { userId } of paced.emulator.deliveries) counts.set(userId, (counts.get(userId) ?? 0) + 1);
		const twice = [...counts.entries()].filter(([, count]) => count > 1).map(([userId]) => userId);
		expect(twice).toEqual([]);
	});
});
