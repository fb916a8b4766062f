/**
 * A parameter the node cannot use is an error that names it and its rule, before anything is
 * sent; never a stack overflow, never a setting silently left out of a broadcast.
 *
 * n8n itself rewrites a collection it cannot read before execute() sees it (the Workflow
 * constructor's getNodeParameters): an expression in place of pushExt.pushConfigs becomes an empty
 * group, one in place of a vendor group becomes that vendor with every field empty. The node can
 * only see what is left, so an added group with nothing in it is what it must refuse.
 */
import type { IDataObject } from 'n8n-workflow';

import { runBroadcast } from '../../../support/runBroadcast';
import { withEmulator } from '../../../support/withEmulator';

const SEND = { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'hello' };

describe('malformed parameters', () => {
	const emulator = withEmulator();

	it.each([
		['from the input item', { pushData: '={{ $json.data }}' }, true],
		['built by the expression', { pushData: '={{ (() => { const data = {}; data.self = data; return data; })() }}' }, false],
	])('a circular Push Data %s: an error naming options.pushData, nothing sent', async (_name, options, fromItem) => {
		const circular: IDataObject = { a: 1 };
		circular.self = circular;
		const result = await runBroadcast(emulator, { parameters: { ...SEND, options }, items: [{ json: fromItem ? { data: circular } : {} }] });
		expect(emulator.requests).toHaveLength(0);
		expect(result.error?.message).toContain('options.pushData');
		expect(result.error?.message).not.toMatch(/Maximum call stack|Converting circular structure/);
	});

	it.each([
		['pushConfigs given as an expression (n8n hands over an empty group)', 'pushExt.pushConfigs', { pushConfigs: '={{ { HW: { channelId: "x" } } }}' }],
		['a vendor group given as an expression (n8n hands over its fields empty)', 'pushExt.pushConfigs.HW', { pushConfigs: { HW: '={{ { channelId: "x" } }}' } }],
	])('%s: an error naming %s, nothing sent', async (_name, parameter, pushExt) => {
		const result = await runBroadcast(emulator, { parameters: { ...SEND, pushExt, options: {} } });
		expect(emulator.requests).toHaveLength(0);
		expect(result.error?.message).toContain(parameter);
	});
});
