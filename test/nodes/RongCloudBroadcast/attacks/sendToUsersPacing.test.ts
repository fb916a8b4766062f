/**
 * Attacks on Send to Users' pacer: a Recipients per Second below the request size.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { PATHS, startEmulator, type RongCloudEmulator } from '../../../support/emulator';
import { VALID_SEND_TO_USERS } from '../../../support/ruleViolations';
import { runBroadcast } from '../../../support/runBroadcast';
import { FakeClock, useFakeClock } from './fakeClock';

const users = (count: number) => Array.from({ length: count }, (_, index) => `u${index}`);
const perUser = (userIds: string[]): INodeExecutionData[] => userIds.map((userId) => ({ json: { userId } }));
const ONE_PER_ITEM: INodeParameters = { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.userId }}' };

describe('attack: Send to Users with Recipients per Second below 100', () => {
	let clock: FakeClock;
	let restore: () => void;
	let emulator: RongCloudEmulator;
	beforeEach(async () => {
		clock = new FakeClock(200);
		restore = useFakeClock(clock);
		emulator = await startEmulator({ now: clock.now });
	});
	afterEach(async () => {
		restore();
		await emulator.close();
	});

	it('lowering Recipients per Second to 50 (what the 1008 advice says to do) still delivers 100 users, in about two seconds, never waiting for ever', async () => {
		const result = await runBroadcast(emulator, { parameters: { ...ONE_PER_ITEM, options: { recipientsPerSecond: 50 } }, items: perUser(users(100)) });
		expect(result.error?.message).toBeUndefined();
		expect(emulator.deliveries.map((delivery) => delivery.userId).sort()).toEqual(users(100).sort());
		// 100 recipients at 50 a second: about two seconds of waits, not 200 waits of a second each.
		expect(clock.waits.length).toBeLessThan(10);
		for (const request of emulator.requestsTo(PATHS.systemPublish)) expect(request.formValues?.toUserId?.length).toBeLessThanOrEqual(50);
	});

	it('Recipients per Second 1 with three users: each request carries one recipient, a second apart', async () => {
		const result = await runBroadcast(emulator, { parameters: { ...ONE_PER_ITEM, options: { recipientsPerSecond: 1 } }, items: perUser(users(3)) });
		expect(result.error?.message).toBeUndefined();
		expect(emulator.deliveries).toHaveLength(3);
		expect(clock.waits.length).toBeLessThan(10);
	});
});
