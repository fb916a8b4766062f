import { NodeOperationError } from 'n8n-workflow';

import { VALIDATION_RULES, type RuleId } from '../../../../nodes/RongCloudBroadcast/shared/validation';
import { RULE_VIOLATIONS } from '../../../support/ruleViolations';
import { runBroadcast } from '../../../support/runBroadcast';
import { withEmulator } from '../../../support/withEmulator';

describe('every validation rule stops the item before anything is sent', () => {
	const emulator = withEmulator();

	it('has a violation case for every rule in the table', () => {
		expect(Object.keys(RULE_VIOLATIONS).sort()).toEqual(Object.keys(VALIDATION_RULES).sort());
	});

	it.each(Object.keys(VALIDATION_RULES) as RuleId[])('%s', async (ruleId) => {
		const violation = RULE_VIOLATIONS[ruleId];
		const result = await runBroadcast(emulator, { parameters: violation.parameters, items: violation.items, credentials: violation.credentials });
		expect(result.error).toBeInstanceOf(NodeOperationError);
		const error = result.error as NodeOperationError;
		expect(error.message).toContain(`(${violation.parameter}):`);
		expect(error.message).toContain(VALIDATION_RULES[ruleId].rule);
		expect(error.context.itemIndex).toBe(0);
		expect(emulator.requests).toHaveLength(0);
	});

	it('checks every item before the first request: a bad second item means nothing is sent', async () => {
		const result = await runBroadcast(emulator, {
			parameters: { ...RULE_VIOLATIONS.fromUserIdLength.parameters, fromUserId: '={{ $json.sender }}' },
			items: [{ json: { sender: 'ok' } }, { json: { sender: 'x'.repeat(65) } }],
		});
		expect((result.error as NodeOperationError).context.itemIndex).toBe(1);
		expect(result.error?.message).toContain('[item 1]');
		expect(emulator.requests).toHaveLength(0);
	});

	it('with Continue On Fail, the bad item becomes an error item and the good one is sent', async () => {
		const result = await runBroadcast(emulator, {
			parameters: { ...RULE_VIOLATIONS.fromUserIdLength.parameters, fromUserId: '={{ $json.sender }}' },
			items: [{ json: { sender: 'x'.repeat(65) } }, { json: { sender: 'ok' } }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const [bad, good] = result.output![0];
		expect(bad.json.error).toContain('(fromUserId): must be at most 64 characters');
		expect(bad.pairedItem).toEqual({ item: 0 });
		expect(good.json).toMatchObject({ code: 200, fromUserId: 'ok' });
		expect(good.pairedItem).toEqual({ item: 1 });
		expect(emulator.requests).toHaveLength(1);
		expect(emulator.requests[0].form?.fromUserId).toBe('ok');
	});
});
