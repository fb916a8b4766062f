/**
 * Attack: Send to Users' grouping. "A user listed twice for the same message receives it once"
 * (README): the message is what the user receives, not the node's own settings for the request.
 */
import type { INodeParameters } from 'n8n-workflow';

import { VALID_SEND_TO_USERS } from '../../../support/ruleViolations';
import { runBroadcast } from '../../../support/runBroadcast';
import { withPacedEmulator } from './fakeClock';

describe('attack: Send to Users, one message, items with different request settings', () => {
	const paced = withPacedEmulator();

	const copiesOf = (userId: string) => paced.emulator.deliveries.filter((delivery) => delivery.userId === userId).length;

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
		const result = await runBroadcast(paced.emulator, { parameters, items });
		expect(result.error?.message).toBeUndefined();
		expect(copiesOf('bob')).toBe(1);
	});
});
