/**
 * Switches that decide whether a broadcast leaves fail closed: Dry Run, Send Again on Retry and
 * Push's Send System Message take true or false (a boolean, or those words) and nothing else. An
 * expression that finds no field gives undefined, which must never read as "off".
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { VALID_PUSH } from '../../support/ruleViolations';
import { outputJson, runBroadcast } from '../../support/runBroadcast';
import { withEmulator } from '../../support/withEmulator';

const SEND = { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'hello' };

describe('safety switches fail closed', () => {
	const emulator = withEmulator();

	const odd: Array<[string, INodeExecutionData]> = [
		['missing (undefined)', { json: {} }],
		['0', { json: { value: 0 } }],
		['1', { json: { value: 1 } }],
		['""', { json: { value: '' } }],
		['null', { json: { value: null } }],
		['"yes"', { json: { value: 'yes' } }],
		['"no"', { json: { value: 'no' } }],
		['an object', { json: { value: { on: true } } }],
	];

	it.each(odd)('Dry Run from an expression that gives %s: an error naming options.dryRun, nothing sent', async (_name, item) => {
		const result = await runBroadcast(emulator, { parameters: { ...SEND, options: { dryRun: '={{ $json.value }}' } }, items: [item] });
		expect(result.error?.message).toMatch(/\(options\.dryRun\): must be true or false/);
		expect(emulator.requests).toHaveLength(0);
	});

	it.each(odd)('Send Again on Retry from an expression that gives %s: an error naming it, nothing sent', async (_name, item) => {
		const result = await runBroadcast(emulator, { parameters: { ...SEND, options: { sendAgainOnRetry: '={{ $json.value }}' } }, items: [item] });
		expect(result.error?.message).toMatch(/\(options\.sendAgainOnRetry\): must be true or false/);
		expect(emulator.requests).toHaveLength(0);
	});

	it.each(odd)("Push's Send System Message from an expression that gives %s: an error naming it, nothing sent", async (_name, item) => {
		const result = await runBroadcast(emulator, { parameters: { ...VALID_PUSH, sendMessage: '={{ $json.value }}' }, items: [item] });
		expect(result.error?.message).toMatch(/\(sendMessage\): must be true or false/);
		expect(emulator.requests).toHaveLength(0);
	});

	it.each([
		[true, true],
		['true', true],
		[' TRUE ', true],
		[false, false],
		['false', false],
	])('Dry Run %j is understood as %s', async (value, dry) => {
		const result = await runBroadcast(emulator, { parameters: { ...SEND, options: { dryRun: '={{ $json.value }}' } }, items: [{ json: { value } }] });
		const [json] = outputJson(result);
		expect(emulator.requests).toHaveLength(dry ? 0 : 1);
		expect(typeof json.url === 'string').toBe(dry);
	});

	it('Dry Run not added at all is off: the broadcast is sent', async () => {
		const result = await runBroadcast(emulator, { parameters: { ...SEND, options: {} } });
		expect(outputJson(result)[0].code).toBe(200);
		expect(emulator.requests).toHaveLength(1);
	});

	it('one item with a broken switch stops the whole run before anything is sent', async () => {
		const result = await runBroadcast(emulator, {
			parameters: { ...SEND, options: { dryRun: '={{ $json.value }}' } },
			items: [{ json: { value: false } }, { json: {} }],
		});
		expect(result.error?.message).toContain('[item 1]');
		expect(emulator.requests).toHaveLength(0);
	});
});
