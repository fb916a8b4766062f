/**
 * Send to Users' list from an expression: `{{ $json.users.map(u => u.id) }}` over users one of whom
 * has no ID gives a hole (null in JSON). Dropping it would report a success while a recipient got
 * nothing, so a hole is refused before anything leaves, naming the field, the rule and the entry.
 */
import type { INodeParameters } from 'n8n-workflow';

import { VALIDATION_RULES } from '../../../../../../nodes/RongCloudBroadcast/shared/rules';
import { VALID_SEND_TO_USERS } from '../../../../../support/ruleViolations';
import { runBroadcast } from '../../../../../support/runBroadcast';
import { withEmulator } from '../../../../../support/withEmulator';

describe('Send to Users refuses a recipient list with a hole before anything leaves', () => {
	const emulator = withEmulator();
	const parameters: INodeParameters = { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.ids }}' };

	it.each<[string, unknown[], string]>([
		['null', ['alice', null, 'carol'], 'entry 2 of 3 is null'],
		['an empty string', ['alice', 'bob', ''], 'entry 3 of 3 is empty'],
		['blank text', ['   ', 'bob', 'carol'], 'entry 1 of 3 is blank'],
	])('a list holding %s: an error naming To User IDs, the rule and the entry', async (_name, ids, entry) => {
		const result = await runBroadcast(emulator, { parameters, items: [{ json: { ids: ['dave'] } }, { json: { ids } }] });
		expect(emulator.requests).toHaveLength(0);
		expect(result.error?.message).toBe(`Invalid To User IDs in Send to Users (toUserIds): ${VALIDATION_RULES.toUserIdsEntryEmpty.rule} (${entry}) [item 1]`);
	});

	it('comma-separated text still drops empty entries (a trailing comma is a typing slip, not a lost user)', async () => {
		const result = await runBroadcast(emulator, { parameters: { ...VALID_SEND_TO_USERS, toUserIds: 'alice, bob,' } });
		expect(result.error?.message).toBeUndefined();
		expect(emulator.deliveries.map((delivery) => delivery.userId)).toEqual(['alice', 'bob']);
	});
});
