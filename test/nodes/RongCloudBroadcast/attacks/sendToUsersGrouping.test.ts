/**
 * Attack: Send to Users' grouping. "A user listed twice for the same message receives it once"
 * (README): the message is what the user receives, not the node's own settings for the request.
 */
import type { INodeParameters } from 'n8n-workflow';

import { startEmulator, type RongCloudEmulator } from '../../../support/emulator';
import { VALID_SEND_TO_USERS } from '../../../support/ruleViolations';
import { runBroadcast } from '../../../support/runBroadcast';
import { FakeClock, useFakeClock } from './fakeClock';

describe('attack: Send to Users, one message, items with different request settings', () => {
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

	const copiesOf = (userId: string) => emulator.deliveries.filter((delivery) => delivery.userId === userId).length;

	it.each<[string, INodeParameters]>([
		['Timeout', { timeout: '={{ $json.timeout }}' }],
		['Recipients per Second', { recipientsPerSecond: '={{ $json.rate }}' }],
		['Send Again on Retry', { sendAgainOnRetry: '={{ $json.again }}' }],
	])('a user listed by two items with the same message but a different %s receives it once', async (_name, options) => {
		const parameters: INodeParameters = { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.ids }}', options };
		const items = [
			{ json: { ids: ['alice', 'bob'], timeout: 5000, rate: 100, again: false } },
			{ json: { ids: ['bob', 'carol'], timeout: 6000, rate: 200, again: true } },
		];
		const result = await runBroadcast(emulator, { parameters, items });
		expect(result.error?.message).toBeUndefined();
		expect(copiesOf('bob')).toBe(1);
	});
});
