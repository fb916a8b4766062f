/**
 * Attack: a recipient list from an expression with holes. `{{ $json.users.map(u => u.id) }}` over
 * users one of whom has no ID gives [ 'alice', undefined, 'carol' ] (null in JSON); the node drops
 * the hole silently and reports a success for the item: nobody learns that a recipient was lost.
 */
import type { INodeParameters } from 'n8n-workflow';

import { VALID_SEND_TO_USERS } from '../../../support/ruleViolations';
import { runBroadcast } from '../../../support/runBroadcast';
import { withEmulator } from '../../../support/withEmulator';

describe('attack: Send to Users, a recipient list with a hole', () => {
	const emulator = withEmulator();

	it.each<[string, unknown[]]>([
		['null', ['alice', null, 'carol']],
		['an empty string', ['alice', '', 'carol']],
		['blank text', ['alice', '   ', 'carol']],
	])('a list holding %s is refused before anything leaves, or its item says a recipient was dropped', async (_name, ids) => {
		const parameters: INodeParameters = { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.ids }}' };
		const result = await runBroadcast(emulator, { parameters, items: [{ json: { ids } }] });
		if (result.error) {
			expect(emulator.requests).toHaveLength(0);
			expect(result.error.message).toContain('(toUserIds)');
			return;
		}
		const [json] = result.output![0].map((item) => item.json);
		expect(String(json.warning ?? '')).toMatch(/toUserIds|To User IDs|recipient/i);
	});
});
