/**
 * Number literals are read from JSON text by one scan over it: what a string holds (escaped quotes,
 * brackets, colons, commas, digits) is never taken for structure or for a number, and a key written
 * with escapes is the key JSON.parse reads. Through the node's real execute() against the emulator:
 * a RongCloud answer's messageUID, a push's iOS extras and custom content JSON.
 */
import { NodeOperationError } from 'n8n-workflow';

import { VALID_PUSH } from '../../../../support/ruleViolations';
import { outputJson, runBroadcast } from '../../../../support/runBroadcast';
import { withEmulator } from '../../../../support/withEmulator';

const SEND = { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'hi', options: {} };
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

describe('a messageUID sent as a number is read from the answer\'s text, whatever comes before it', () => {
	const emulator = withEmulator();

	it.each([
		['a string holding escaped quotes, brackets, a colon and digits', '{"code":200,"note":"a\\"}, \\"messageUID\\":7, [\\\\","messageUID":12345678901234567892}', '12345678901234567892'],
		['its key written with a \\u escape', '{"code":200,"message\\u0055ID":12345678901234567893}', '12345678901234567893'],
		['true, false, null, an empty object and an array of numbers before it', '{"ok":true,"no":false,"none":null,"empty":{},"list":[1,2.5,-3e2],"code":200,"messageUID":12345678901234567894}', '12345678901234567894'],
		['a string value under the same key after it', '{"code":200,"messageUID":12345678901234567895,"messageUID":"BVQK-8CSS-N3S5-U3ML"}', 'BVQK-8CSS-N3S5-U3ML'],
	])('%s', async (_name, text, expected) => {
		emulator.failNext({ kind: 'custom', answer: () => ({ status: 200, headers: JSON_TYPE, body: text }) });
		const [json] = outputJson(await runBroadcast(emulator, { parameters: SEND }));
		expect(json.messageUID).toBe(expected);
	});
});

describe('JSON text the user writes', () => {
	const emulator = withEmulator();

	it('iOS extras whose key is written with an escape keep the number\'s digits', async () => {
		const result = await runBroadcast(emulator, {
			parameters: { ...VALID_PUSH, notification: { iosExtras: '{"note":"x\\"y:1,","order\\u0049d":12345678901234567890}' } },
		});
		expect(result.error).toBeUndefined();
		const extras = (emulator.requests[0].json as { notification: { ios: { extras: Record<string, string> } } }).notification.ios.extras;
		expect(extras).toEqual({ note: 'x"y:1,', orderId: '12345678901234567890' });
	});

	it('custom content: a long number in a string is text, one in an array of an object is refused', async () => {
		const custom = (content: string) => ({ operation: 'send', fromUserId: 'system', objectName: 'custom', customObjectName: 'App:Order', content, options: {} });
		const ok = await runBroadcast(emulator, { parameters: custom('{"note":"12345678901234567890.0 \\\\","n":[1,{"m":2}]}') });
		expect(ok.error).toBeUndefined();
		const refused = await runBroadcast(emulator, { parameters: custom('{"note":"[1,2]","n":[1,{"m":12345678901234567890}]}') });
		expect(refused.error).toBeInstanceOf(NodeOperationError);
		expect(refused.error?.message).toContain('got 12345678901234567890, which would leave as 12345678901234567000');
		expect(emulator.requests).toHaveLength(1);
	});
});
