/**
 * The pacer keeps an app's listed-user sends within its Recipients per Second, whatever that is:
 * below 100 a request carries no more than the rate, and no request waits for ever (a fake clock
 * stands in for the seconds; its wait limit turns a wait without end into a failure).
 */
import { waitBefore } from '../../../../nodes/RongCloudBroadcast/run/pacing';
import { PATHS } from '../../../support/emulator';
import { ONE_PER_ITEM, perUser, users, withPacedEmulator } from '../../../support/fakeClock';
import { runBroadcast } from '../../../support/runBroadcast';

describe('Send to Users with Recipients per Second below 100 delivers, in requests no larger than the rate', () => {
	const paced = withPacedEmulator(200);
	const sizes = () => paced.emulator.requestsTo(PATHS.systemPublish).map((request) => request.formValues?.toUserId?.length);

	it('Recipients per Second 50 (what the 1008 advice says to do): 100 users in two requests of 50, a second apart', async () => {
		const result = await runBroadcast(paced.emulator, { parameters: { ...ONE_PER_ITEM, options: { recipientsPerSecond: 50 } }, items: perUser(users(100)) });
		expect(result.error?.message).toBeUndefined();
		expect(paced.emulator.deliveries.map((delivery) => delivery.userId).sort()).toEqual(users(100).sort());
		expect(sizes()).toEqual([50, 50]);
		expect(paced.clock.waits).toHaveLength(1);
		expect(paced.clock.waits[0]).toBeGreaterThan(900);
	});

	it('Recipients per Second 1 with three users: each request carries one recipient, a second apart', async () => {
		const result = await runBroadcast(paced.emulator, { parameters: { ...ONE_PER_ITEM, options: { recipientsPerSecond: 1 } }, items: perUser(users(3)) });
		expect(result.error?.message).toBeUndefined();
		expect(paced.emulator.deliveries).toHaveLength(3);
		expect(sizes()).toEqual([1, 1, 1]);
		expect(paced.clock.waits).toHaveLength(2);
	});
});

describe('waitBefore: a request larger than the limit goes alone, once the window is empty', () => {
	const now = 10_000;

	it('with nothing in the last second it goes at once, whatever its size', () => {
		expect(waitBefore([], 100, 50, now)).toBe(0);
		expect(waitBefore([{ answeredAt: now - 1000, recipients: 100 }], 100, 50, now)).toBe(0);
	});

	it('after others, it waits until the last of them has left the window, not for ever', () => {
		const sent = [
			{ answeredAt: now - 600, recipients: 20 },
			{ answeredAt: now - 300, recipients: 20 },
		];
		expect(waitBefore(sent, 100, 50, now)).toBe(700);
	});

	it('a request that fits waits only until enough have left', () => {
		const sent = [
			{ answeredAt: now - 600, recipients: 30 },
			{ answeredAt: now - 300, recipients: 20 },
		];
		expect(waitBefore(sent, 30, 50, now)).toBe(400);
	});
});
