/**
 * Attack: the shared record of Retries (run/siblingRecords.ts) keeps 100 chains, the least recently
 * used dropped first. The README promises, without a limit: "What Retries of one execution sent is
 * shared in the n8n process that runs them". An instance that retries many failed executions (a
 * script that retries every failed execution through the REST API, twice) drops the first chains
 * before their second Retry.
 */
import type { INodeParameters } from 'n8n-workflow';

import { runBroadcast } from '../../../support/runBroadcast';
import { SEND_ITEM_TEXT, sentTexts, textItems } from '../../../support/textItems';
import { withEmulator } from '../../../support/withEmulator';

const SEND = { ...SEND_ITEM_TEXT, options: { timeout: 3000 } };

describe('attack: a second Retry after 100 other executions were retried', () => {
	const emulator = withEmulator();

	it('does not send again what the first Retry of the same execution delivered', async () => {
		// Execution A delivers t1 and is refused t2 (1009: provably not delivered).
		emulator.failNextWithCode(1009, { skip: 1 });
		const a = await runBroadcast(emulator, { parameters: SEND, items: textItems('t1', 't2', 't3'), executionId: '1000' });
		expect(a.error?.message).toContain('1009');
		// Retry B of A delivers t2 and is refused t3.
		emulator.failNextWithCode(1009, { skip: 1 });
		const b = await runBroadcast(emulator, { parameters: SEND, retryOf: a, executionId: '1001' });
		expect(b.error?.message).toContain('1009');
		expect(sentTexts(emulator)).toEqual(['t1', 't2', 't2', 't3']);

		// 100 other failed executions, each retried once (each fails before sending: nothing leaves).
		const invalid: INodeParameters = { ...SEND, fromUserId: '' };
		for (let index = 0; index < 100; index++) {
			const other = await runBroadcast(emulator, { parameters: invalid, items: textItems('x'), executionId: String(2000 + 2 * index) });
			await runBroadcast(emulator, { parameters: invalid, retryOf: other, executionId: String(2001 + 2 * index) });
		}
		expect(sentTexts(emulator)).toHaveLength(4);

		// Retry C of A, as n8n's execution list still offers it (B failed).
		await runBroadcast(emulator, { parameters: SEND, retryOf: a, executionId: '1002' });
		const sentByC = sentTexts(emulator).slice(4);
		expect(sentByC).not.toContain('t2');
	});
});
