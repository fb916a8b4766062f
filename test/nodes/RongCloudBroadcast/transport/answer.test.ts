/**
 * Reading RongCloud's answer: only the number 200 (or its text) on a 2xx is a success, a value
 * shaped like the request's Signature never reaches the output, and a 429 is the quota even when
 * a gateway answers it in plain text. Each through the node's real execute() against the emulator.
 */
import { NodeApiError, type IDataObject, type NodeOperationError } from 'n8n-workflow';

import { VALID_PUSH } from '../../../support/ruleViolations';
import type { RunNodeResult } from '../../../support/runNode';
import { outputJson, runBroadcast } from '../../../support/runBroadcast';
import { withEmulator } from '../../../support/withEmulator';
import { MAY_HAVE_BEEN_DELIVERED_IN_SHORT } from '../../../../nodes/RongCloudBroadcast/transport/apiErrors';

const SEND = { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: '={{ $json.text }}', options: {} };
const items = (...texts: string[]) => texts.map((text) => ({ json: { text } }));

function failure(result: RunNodeResult): NodeApiError {
	expect(result.error).toBeInstanceOf(NodeApiError);
	return result.error as NodeApiError;
}

describe('the answer of a server that echoes the Signature where a value belongs', () => {
	const emulator = withEmulator();
	const signatureOf = (index: number) => emulator.requests[index].headers.signature;

	it('as the messageUID: the value is dropped, the item keeps code 200 and says it cannot be recalled', async () => {
		emulator.failNext({ kind: 'echoSignature', as: 'messageUID' });
		const result = await runBroadcast(emulator, { parameters: SEND, items: items('hello') });
		expect(signatureOf(0)).toMatch(/^[0-9a-f]{40}$/);
		expect(JSON.stringify(result.output)).not.toContain(signatureOf(0));
		const [json] = outputJson(result);
		expect(json.code).toBe(200);
		expect(json).not.toHaveProperty('messageUID');
		expect(json.warning).toBe('RongCloud answered code 200 without a usable messageUID, so this broadcast cannot be recalled from the workflow.');
	});

	it('as the messageUID of item 0, when item 1 stops the run: the error does not carry it either', async () => {
		emulator.failNext({ kind: 'echoSignature', as: 'messageUID' });
		emulator.failNext({ kind: 'code', code: 1008, httpStatus: 429 });
		const error = failure(await runBroadcast(emulator, { parameters: SEND, items: items('one', 'two') }));
		expect(error.description).toContain('Already delivered in this run: item 0 (no messageUID in the answer).');
		expect(`${error.message}\n${error.description}\n${JSON.stringify(error.context)}`).not.toContain(signatureOf(0));
	});

	it('as the push id: dropped the same way', async () => {
		emulator.failNext({ kind: 'echoSignature', as: 'id' });
		const result = await runBroadcast(emulator, { parameters: VALID_PUSH });
		expect(JSON.stringify(result.output)).not.toContain(signatureOf(0));
		expect(outputJson(result)[0].warning).toContain('without a usable push id');
	});

	it.each([
		['an array', (signature: string) => [signature]],
		['an object', (signature: string) => ({ value: signature })],
	])('inside a messageUID that is %s: nothing of it is output, only the warning', async (_name, shape) => {
		const signatureShaped = 'a94a8fe5ccb19ba61c4c0873d391e987982fbbd3';
		emulator.failNext({ kind: 'json', httpStatus: 200, body: { code: 200, messageUID: shape(signatureShaped) } });
		const result = await runBroadcast(emulator, { parameters: SEND, items: items('hello') });
		expect(JSON.stringify(result.output)).not.toContain(signatureShaped);
		expect(outputJson(result)[0]).not.toHaveProperty('messageUID');
		expect(outputJson(result)[0].warning).toContain('without a usable messageUID');
	});

	it('as the host a redirect points at: the error names a redacted host', async () => {
		emulator.failNext({ kind: 'echoSignature', as: 'redirectHost' });
		const error = failure(await runBroadcast(emulator, { parameters: SEND, items: items('hello') }));
		expect(error.message).toContain('a redirect to [redacted].attacker.test, which the node does not follow');
		expect(`${error.message}\n${error.description}`).not.toContain(signatureOf(0));
	});
});

describe('only RongCloud\'s 200 is a success', () => {
	const emulator = withEmulator();

	it.each([
		['an array [200]', [200]],
		['the hex text "0xC8"', '0xC8'],
		['the exponent text "2e2"', '2e2'],
		['the text " 200"', ' 200'],
		['200.5', 200.5],
	])('code %s on HTTP 200 is an error, never an output success, and its item carries no code 200', async (_name, code) => {
		emulator.failNext({ kind: 'json', httpStatus: 200, body: { code, messageUID: 'AAAA-BBBB-CCCC-DDDD' } });
		const error = failure(await runBroadcast(emulator, { parameters: SEND, items: items('hello') }));
		expect(error.message).toBe(`RongCloud answered HTTP 200 with JSON that has the "code" ${JSON.stringify(code)}, which is neither a success nor a RongCloud error. ${MAY_HAVE_BEEN_DELIVERED_IN_SHORT}`);
		expect(error.context.mayHaveBeenDelivered).toBe(true);
		expect(error.context).not.toHaveProperty('rongCloudCode');
		emulator.failNext({ kind: 'json', httpStatus: 200, body: { code } });
		const [json] = outputJson(await runBroadcast(emulator, { parameters: SEND, items: items('hello'), continueOnFail: true }));
		expect(json).not.toHaveProperty('code');
		expect(json).toMatchObject({ mayHaveBeenDelivered: true, httpCode: 200 });
	});

	it.each([
		['no code on HTTP 200', 200, {}, 'no "code"'],
		['no code on a gateway\'s HTTP 404', 404, { message: 'no Route matched with those values' }, 'no "code"'],
		['code 200 on HTTP 500', 500, { code: 200 }, 'the "code" 200'],
	])('%s: neither success nor a RongCloud error, so it may have been delivered and Retry On Fail does not re-send it', async (_name, httpStatus, body, got) => {
		emulator.failNext({ kind: 'json', httpStatus, body });
		const result = await runBroadcast(emulator, { parameters: SEND, items: items('hello'), retryOnFail: { maxTries: 3 } });
		expect(emulator.requests).toHaveLength(1);
		const error = result.error as NodeOperationError;
		expect(error.message).toContain(`Not re-sent`);
		expect(error.description).toContain(`RongCloud answered HTTP ${httpStatus} with JSON that has ${got}, which is neither a success nor a RongCloud error.`);
	});

	it('the code as the text "200" is a success, output as the number 200', async () => {
		emulator.failNext({ kind: 'json', httpStatus: 200, body: { code: '200', messageUID: 'AAAA-BBBB-CCCC-DDDD' } });
		const result = await runBroadcast(emulator, { parameters: SEND, items: items('hello') });
		expect(result.error).toBeUndefined();
		expect(outputJson(result)[0]).toMatchObject({ code: 200, messageUID: 'AAAA-BBBB-CCCC-DDDD' } as IDataObject);
	});
});

describe('HTTP 429 without JSON', () => {
	const emulator = withEmulator();

	it.each([
		['plain text', { kind: 'text' as const, httpStatus: 429, body: 'Too Many Requests' }, ' RongCloud said: "Too Many Requests".'],
		['an HTML page', { kind: 'html' as const, httpStatus: 429 }, ''],
	])('as %s: the quota in words (code 1008), and nothing was delivered', async (_name, fault, quoted) => {
		emulator.failNext(fault);
		const error = failure(await runBroadcast(emulator, { parameters: SEND, items: items('hello') }));
		expect(error.message).toBe(`RongCloud error 1008: rate limit exceeded (HTTP 429).${quoted}`);
		expect(error.description).toContain('2 per hour, 3 per calendar day');
		expect(error.description).toContain('Nothing was delivered.');
		expect(error.context.mayHaveBeenDelivered).toBe(false);
	});
});
