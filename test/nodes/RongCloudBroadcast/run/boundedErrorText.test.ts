/**
 * The error that stops a long run says what the run did, in counts and ranges: a message that
 * lists every delivered item grows with the run (5,000 characters after 1,000 items, a 43 KB
 * description) and is what n8n's execution list, an error workflow's email and an AI Agent show.
 * The full list stays in the error's context (deliveredItems), where a workflow can read it.
 * 150 items show it: a summary does not grow with the count.
 */
import type { NodeApiError } from 'n8n-workflow';

import { runBroadcast } from '../../../support/runBroadcast';
import { SEND_ITEM_TEXT, textItems } from '../../../support/textItems';
import { withEmulator } from '../../../support/withEmulator';

const DELIVERED = 150;
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

describe('the stopping error after a long run', () => {
	const emulator = withEmulator();

	it(`after ${DELIVERED} delivered items the message and the description stay short; the context keeps every item`, async () => {
		// RongCloud's hourly quota would stop the run after 2: the answers are RongCloud's, the quota is not.
		emulator.failNext(
			{
				kind: 'custom',
				answer: (request) =>
					request.seq <= DELIVERED
						? { status: 200, headers: JSON_TYPE, body: JSON.stringify({ code: 200, messageUID: `B${String(request.seq).padStart(4, '0')}-AAAA-BBBB-CCCC` }) }
						: { status: 429, headers: JSON_TYPE, body: JSON.stringify({ code: 1008, errorMessage: 'rate limit exceeded' }) },
			},
			{ times: DELIVERED + 1 },
		);
		const texts = Array.from({ length: DELIVERED + 1 }, (_, index) => `t${index}`);
		const result = await runBroadcast(emulator, { parameters: { ...SEND_ITEM_TEXT, options: {} }, items: textItems(...texts) });
		expect(emulator.requests).toHaveLength(DELIVERED + 1);
		const error = result.error as NodeApiError;
		expect(error.message).toContain('RongCloud error 1008');
		expect(error.message.length).toBeLessThanOrEqual(300);
		expect((error.description ?? '').length).toBeLessThanOrEqual(1500);
		expect(`${error.message} ${error.description ?? ''}`).toContain(String(DELIVERED));
		expect(error.context.deliveredItems).toHaveLength(DELIVERED);
		// 151 real requests through signing and the emulator: a bound for the run, not a measure of it.
	}, 120_000);
});
