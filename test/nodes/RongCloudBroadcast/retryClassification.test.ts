/**
 * Retry On Fail must never re-send an item whose earlier attempt may have been delivered.
 * None of these answers proves the message was not delivered, so none may be sent again.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import type { Fault } from '../../support/emulator';
import { runBroadcast } from '../../support/runBroadcast';
import { withEmulator } from '../../support/withEmulator';

const SEND = { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: '={{ $json.text }}' };
const items: INodeExecutionData[] = [{ json: { text: 'to every user' } }];

describe('Retry On Fail after answers that may follow a delivery', () => {
	const emulator = withEmulator();

	it.each([
		// RongCloud's own timeout text: nothing in it proves the message did not go out.
		['a 504 / 1050 whose errorMessage mentions idempotency', { kind: 'code', code: 1050, httpStatus: 504, errorMessage: 'idempotency check timed out' }],
		['a 500 / 1000 that says "duplicate message"', { kind: 'code', code: 1000, httpStatus: 500, errorMessage: 'duplicated message store failed' }],
		['an unknown RongCloud code on HTTP 200', { kind: 'json', httpStatus: 200, body: { code: 20604, errorMessage: 'message partially processed' } }],
		// A gateway may answer 4xx after passing the request on; only RongCloud's codes prove a refusal.
		...[400, 403, 404, 408].map((httpStatus): [string, Fault] => [`an HTML page with HTTP ${httpStatus}`, { kind: 'html', httpStatus }]),
		['an empty HTTP 400', { kind: 'text', httpStatus: 400, body: '' }],
	] as Array<[string, Fault]>)('%s may have been delivered: one request only, the retry says why', async (_name, fault) => {
		emulator.failNext(fault);
		const result = await runBroadcast(emulator, {
			parameters: { ...SEND, options: { timeout: 3000 } },
			items,
			retryOnFail: { maxTries: 3 },
		});
		expect(emulator.requestsTo('/message/broadcast.json')).toHaveLength(1);
		expect(result.error?.message ?? '').toContain('Not re-sent');
	});

	it('an Idempotency Key was sent, but an answer that only names it ("msgRandom is invalid") is a plain refusal, not a repeat', async () => {
		emulator.failNext({ kind: 'code', code: 1002, httpStatus: 400, errorMessage: 'param msgRandom is invalid' });
		const result = await runBroadcast(emulator, { parameters: { ...SEND, options: { timeout: 3000, msgRandom: 20240601001 } }, items });
		expect(emulator.requests[0].form?.msgRandom).toBe('20240601001');
		const error = result.error as Error & { description?: string };
		expect(error.message).toBe('RongCloud error 1002: parameter error: a parameter is missing or invalid (HTTP 400). RongCloud said: "param msgRandom is invalid".');
		expect(error.description ?? '').not.toContain('An earlier send with the same key was accepted');
	});

	it.each([
		['a 1002 about a duplicate vendor', { kind: 'code', code: 1002, httpStatus: 400, errorMessage: 'pushExt.pushConfigs has a duplicate vendor: HW' }, 'RongCloud error 1002: parameter error'],
		['a 1008 that speaks of repeated requests', { kind: 'code', code: 1008, httpStatus: 429, errorMessage: 'too many repeated requests' }, 'RongCloud error 1008: rate limit exceeded'],
		['a 1009 that says the service was already disabled', { kind: 'code', code: 1009, httpStatus: 430, errorMessage: 'service already disabled' }, 'RongCloud error 1009: service not enabled'],
	] as Array<[string, Fault, string]>)('with an Idempotency Key sent, %s keeps its own meaning: no repeat is named', async (_name, fault, words) => {
		emulator.failNext(fault);
		const result = await runBroadcast(emulator, { parameters: { ...SEND, options: { timeout: 3000, msgRandom: 5 } }, items });
		const error = result.error as Error & { description?: string };
		expect(error.message).toContain(words);
		expect(error.description ?? '').not.toContain('An earlier send with the same key was accepted');
	});

	it.each([['repeated message'], ['\u91cd\u590d\u6d88\u606f'], ['\u6d88\u606f\u91cd\u590d']])(
		'with an Idempotency Key sent, a refusal saying "%s" names no key: an error, never "already delivered" (a message that reached nobody must not read as sent)',
		async (errorMessage) => {
			emulator.failNext({ kind: 'code', code: 1002, httpStatus: 400, errorMessage });
			const result = await runBroadcast(emulator, { parameters: { ...SEND, options: { timeout: 3000, msgRandom: 5 } }, items });
			expect(result.error?.message).toContain('RongCloud error 1002');
			expect(result.output).toBeUndefined();
		},
	);

	it.each([
		['msgRandom 5 was already used within 1 minute'],
		['duplicate msgRandom'],
		['msgRandom \u91cd\u590d'],
		['msgRandom has been used within the last minute'],
		['idempotent key repeated'],
	])('with an Idempotency Key sent, a refusal saying "%s" is the repeat: already delivered, a success item with a warning', async (errorMessage) => {
		emulator.failNext({ kind: 'code', code: 1002, httpStatus: 400, errorMessage });
		const result = await runBroadcast(emulator, { parameters: { ...SEND, options: { timeout: 3000, msgRandom: 5 } }, items });
		expect(result.error).toBeUndefined();
		const [json] = result.output?.[0] ?? [];
		expect(json.json).toMatchObject({ code: 1002, alreadyDelivered: true });
		expect(json.json.messageUID).toBeUndefined();
		expect(String(json.json.warning)).toContain('the Idempotency Key (msgRandom) was already used within the last minute');
		expect(String(json.json.warning)).toContain('An earlier request with Idempotency Key 5 was delivered');
	});

	it('no Idempotency Key was sent, so an answer that mentions a duplicate must not claim "an earlier send with the same key was accepted"', async () => {
		emulator.failNext({ kind: 'code', code: 1002, httpStatus: 400, errorMessage: 'duplicate message field: content' });
		const result = await runBroadcast(emulator, { parameters: { ...SEND, options: { timeout: 3000 } }, items });
		expect(emulator.requests[0].form?.msgRandom).toBeUndefined();
		const error = result.error as Error & { description?: string };
		expect(error.description ?? '').not.toContain('An earlier send with the same key was accepted');
		expect(error.message).not.toContain('Idempotency Key');
	});
});
