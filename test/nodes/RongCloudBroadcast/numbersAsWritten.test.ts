/**
 * Numbers that cross the node are the numbers that were written, or they are refused: a
 * messageUID RongCloud sends as a number beyond 2^53 is output as the digits it sent, and a
 * text parameter that an expression made a number leaves only when its digits are certain.
 * Through the node's real execute() against the emulator.
 */
import { NodeOperationError } from 'n8n-workflow';

import { VALID_PUSH } from '../../support/ruleViolations';
import { outputJson, runBroadcast } from '../../support/runBroadcast';
import { withEmulator } from '../../support/withEmulator';

const SEND = { operation: 'send', fromUserId: '={{ $json.from }}', objectName: 'RC:TxtMsg', text: '={{ $json.text }}', options: {} };
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

describe('identifiers are output as the text RongCloud sent', () => {
	const emulator = withEmulator();
	const answer = (text: string) => emulator.failNext({ kind: 'custom', answer: () => ({ status: 200, headers: JSON_TYPE, body: text }) });

	it.each([
		['a messageUID beyond 2^53', '{"code":200,"messageUID":12345678901234567891}', '12345678901234567891'],
		['2^53 + 1', '{"code":200,"messageUID":9007199254740993}', '9007199254740993'],
		['with an exponent', '{"code":200,"messageUID":1234567890123456789e3}', '1234567890123456789e3'],
		['a small one', '{"code":200,"messageUID":42}', '42'],
		['after a nested object holding the same key', '{"code":200,"x":{"messageUID":1},"messageUID":98765432109876543210}', '98765432109876543210'],
		['the last of a repeated key, as JSON.parse takes it', '{"code":200,"messageUID":1,"messageUID":98765432109876543211}', '98765432109876543211'],
	])('%s: the exact digits', async (_name, text, expected) => {
		answer(text);
		const [json] = outputJson(await runBroadcast(emulator, { parameters: SEND, items: [{ json: { from: 'system', text: 'hi' } }] }));
		expect(json.messageUID).toBe(expected);
	});

	it('a push id sent as a long number: the same', async () => {
		answer('{"code":200,"id":31415926535897932384626}');
		const result = await runBroadcast(emulator, {
			parameters: VALID_PUSH,
		});
		expect(outputJson(result)[0].id).toBe('31415926535897932384626');
	});
});

describe('a text parameter given as a number leaves as written or not at all', () => {
	const emulator = withEmulator();
	const run = async (from: string | number, text: string | number) =>
		await runBroadcast(emulator, { parameters: SEND, items: [{ json: { from, text } }] });

	it.each([
		['fromUserId', 1e21, '1e+21'],
		// Written as text: the literal itself would already be rounded when the test is compiled.
		['fromUserId', Number('12345678901234567890'), '12345678901234567000'],
		['text', 1e21, '1e+21'],
		['text', 0.1 + 0.2, '0.30000000000000004'],
		['text', 1e-7, '1e-7'],
	])('%s as the number %s: refused, naming the parameter, nothing sent', async (parameter, value, printed) => {
		const result = parameter === 'fromUserId' ? await run(value, 'hi') : await run('system', value);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toContain(`(${parameter})`);
		expect(result.error?.message).toContain(`got the number ${printed}`);
		expect(result.error?.message).toContain('give it as text');
		expect(emulator.requests).toHaveLength(0);
	});

	it('whole numbers within 2^53 and short decimals are sent as their digits', async () => {
		const result = await run(9007199254740991, -12.75);
		expect(result.error).toBeUndefined();
		expect(emulator.requests[0].form).toMatchObject({ fromUserId: '9007199254740991' });
		expect(JSON.parse(emulator.requests[0].form?.content ?? '{}').content).toBe('-12.75');
	});
});

describe('numbers given as text leave as written or not at all', () => {
	const emulator = withEmulator();

	it('iOS extras from JSON text keep each number\'s digits, as text', async () => {
		const result = await runBroadcast(emulator, {
			parameters: { ...VALID_PUSH, notification: { iosExtras: '{"orderId":12345678901234567890,"big":1e21,"ratio":0.10000000000000000001,"n":7}' } },
		});
		expect(result.error).toBeUndefined();
		const extras = (emulator.requests[0].json as { notification: { ios: { extras: Record<string, string> } } }).notification.ios.extras;
		expect(extras).toEqual({ orderId: '12345678901234567890', big: '1e21', ratio: '0.10000000000000000001', n: '7' });
	});

	it('iOS extras from an expression\'s object: a number whose digits are not certain is refused', async () => {
		const result = await runBroadcast(emulator, {
			parameters: { ...VALID_PUSH, notification: { iosExtras: '={{ { big: 1e21 } }}' } },
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toContain('notification.iosExtras.big');
		expect(emulator.requests).toHaveLength(0);
	});

	it('a number field given as text with more digits than a double keeps is refused, not rounded', async () => {
		const result = await runBroadcast(emulator, {
			parameters: { operation: 'send', fromUserId: 'system', objectName: 'RC:LBSMsg', contentMode: 'fields', latitude: '={{ "39.900000000000000000001" }}', longitude: 116.4, poi: 'Beijing', options: {} },
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toContain('(latitude)');
		expect(result.error?.message).toContain('39.900000000000000000001');
		expect(emulator.requests).toHaveLength(0);
	});
});
