/**
 * Attack: two of n8n's Retries of one failed Send to Users execution, started at the same time (the
 * README lists "Retries of the same execution started at the same time" as covered).
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { startEmulator, type RongCloudEmulator } from '../../../support/emulator';
import { VALID_SEND_TO_USERS } from '../../../support/ruleViolations';
import { runBroadcast } from '../../../support/runBroadcast';
import { FakeClock, useFakeClock } from './fakeClock';

const users = (count: number) => Array.from({ length: count }, (_, index) => `u${index}`);
const perUser = (userIds: string[]): INodeExecutionData[] => userIds.map((userId) => ({ json: { userId } }));
const ONE_PER_ITEM: INodeParameters = { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.userId }}' };

describe('attack: concurrent Retries of a failed Send to Users', () => {
	let clock: FakeClock;
	let restore: () => void;
	let emulator: RongCloudEmulator;
	beforeEach(async () => {
		clock = new FakeClock();
		restore = useFakeClock(clock);
		emulator = await startEmulator({ now: clock.now });
	});
	afterEach(async () => {
		restore();
		await emulator.close();
	});

	it('two Retries started at once deliver each of 250 recipients once', async () => {
		emulator.failNextWithCode(1009);
		const failed = await runBroadcast(emulator, { parameters: ONE_PER_ITEM, items: perUser(users(250)), executionId: '71' });
		expect(failed.error?.message).toContain('RongCloud error 1009');
		expect(emulator.deliveries).toHaveLength(0);

		await Promise.all([
			runBroadcast(emulator, { parameters: ONE_PER_ITEM, retryOf: failed, executionId: '72' }),
			runBroadcast(emulator, { parameters: ONE_PER_ITEM, retryOf: failed, executionId: '73' }),
		]);
		const counts = new Map<string, number>();
		for (const { userId } of emulator.deliveries) counts.set(userId, (counts.get(userId) ?? 0) + 1);
		const twice = [...counts.entries()].filter(([, count]) => count > 1).map(([userId]) => userId);
		expect(twice).toEqual([]);
	});
});
