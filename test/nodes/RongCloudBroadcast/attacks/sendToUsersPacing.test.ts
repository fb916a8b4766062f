/**
 * Attacks on Send to Users' pacer: a Recipients per Second below the request size.
 */

import { PATHS } from '../../../support/emulator';
import { runBroadcast } from '../../../support/runBroadcast';
import { ONE_PER_ITEM, perUser, users, withPacedEmulator } from './fakeClock';


describe('attack: Send to Users with Recipients per Second below 100', () => {
	const paced = withPacedEmulator(200);

	it('lowering Recipients per Second to 50 (what the 1008 advice says to do) still delivers 100 users, in about two seconds, never waiting for ever', async () => {
		const result = await runBroadcast(paced.emulator, { parameters: { ...ONE_PER_ITEM, options: { recipientsPerSecond: 50 } }, items: perUser(users(100)) });
		expect(result.error?.message).toBeUndefined();
		expect(paced.emulator.deliveries.map((delivery) => delivery.userId).sort()).toEqual(users(100).sort());
		// 100 recipients at 50 a second: about two seconds of waits, not 200 waits of a second each.
		expect(paced.clock.waits.length).toBeLessThan(10);
		for (const request of paced.emulator.requestsTo(PATHS.systemPublish)) expect(request.formValues?.toUserId?.length).toBeLessThanOrEqual(50);
	});

	it('Recipients per Second 1 with three users: each request carries one recipient, a second apart', async () => {
		const result = await runBroadcast(paced.emulator, { parameters: { ...ONE_PER_ITEM, options: { recipientsPerSecond: 1 } }, items: perUser(users(3)) });
		expect(result.error?.message).toBeUndefined();
		expect(paced.emulator.deliveries).toHaveLength(3);
		expect(paced.clock.waits.length).toBeLessThan(10);
	});
});
