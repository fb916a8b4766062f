/**
 * Send to Users' list from an expression: `{{ $json.users.map(u => u.id) }}` over users one of whom
 * has no ID gives a hole (null in JSON). Dropping it would report a success while a recipient got
 * nothing, so a hole is refused before anything leaves, naming the field, the rule and the entry.
 */
import type { INodeParameters } from 'n8n-workflow';

import { VALIDATION_RULES } from '../../../../../../nodes/RongCloudBroadcast/shared/rules';
import { VALID_SEND_TO_USERS } from '../../../../../support/ruleViolations';
import { outputJson, runBroadcast } from '../../../../../support/runBroadcast';
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

	it('a list that arrives as JSON text (a webhook body, an HTTP answer, JSON.stringify) goes to the users it lists, not to "[\\"alice\\"" and "\\"bob\\"]"', async () => {
		const result = await runBroadcast(emulator, { parameters, items: [{ json: { ids: '["alice", "bob"]' } }] });
		expect(result.error?.message).toBeUndefined();
		expect(emulator.deliveries.map((delivery) => delivery.userId)).toEqual(['alice', 'bob']);
		expect(outputJson(result)[0].toUserIds).toEqual(['alice', 'bob']);
	});

	it('text that looks like a JSON list but is not one is refused before anything leaves, not sent to users named after its pieces', async () => {
		const result = await runBroadcast(emulator, { parameters, items: [{ json: { ids: "['alice', 'bob']" } }] });
		expect(result.error?.message).toMatch(/^Invalid To User IDs in Send to Users \(toUserIds\): .*JSON/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('one recipient per item whose ID is a number (an ID column of a database) is sent, as its digits', async () => {
		const result = await runBroadcast(emulator, { parameters: { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.userId }}' }, items: [{ json: { userId: 42 } }, { json: { userId: 7 } }] });
		expect(result.error?.message).toBeUndefined();
		expect(emulator.deliveries.map((delivery) => delivery.userId)).toEqual(['42', '7']);
		expect(outputJson(result).map((json) => json.toUserIds)).toEqual([['42'], ['7']]);
	});
});
