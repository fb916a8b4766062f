/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * The shared record of Retries (run/siblingRecords.ts) keeps the chains of Retries of the
 * MAX_CHAINS most recently used failed executions, within about MAX_BYTES: an instance that retries
 * many failed executions (a script that retries every failed execution through the REST API,
 * twice) still keeps a second Retry from sending what the first delivered. Past the bound, a chain
 * dropped is as if n8n had restarted: the README's exactly-once section says so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeParameters } from 'n8n-workflow';

import { MAX_BYTES, MAX_CHAINS, siblingRecords } from '../../../../nodes/RongCloudBroadcast/run/siblingRecords';
import { runBroadcast } from '../../../support/runBroadcast';
import { SEND_ITEM_TEXT, sentTexts, textItems } from '../../../support/textItems';
import { withEmulator } from '../../../support/withEmulator';

const SEND = { ...SEND_ITEM_TEXT, options: { timeout: 3000 } };
const INVALID: INodeParameters = { ...SEND, fromUserId: '' };

describe('a second Retry of an execution does not send again what its first Retry delivered, while its chain is among the most recent', () => {
	const emulator = withEmulator();

	/** Execution A delivers t1 and is refused t2 (1009: provably not delivered); Retry B of A delivers t2 and is refused t3. */
	async function failedTwice(id: number) {
		emulator.failNextWithCode(1009, { skip: 1 });
		const a = await runBroadcast(emulator, { parameters: SEND, items: textItems('t1', 't2', 't3'), executionId: String(id) });
		expect(a.error?.message).toContain('1009');
		emulator.failNextWithCode(1009, { skip: 1 });
		const b = await runBroadcast(emulator, { parameters: SEND, retryOf: a, executionId: String(id + 1) });
		expect(b.error?.message).toContain('1009');
		expect(sentTexts(emulator)).toEqual(['t1', 't2', 't2', 't3']);
		return a;
	}

	/** Other failed executions, each retried once: Retries through n8n's engine, the rest opened as a Retry opens its chain. */
	async function othersRetried(from: number, count: number) {
		for (let index = 0; index < 3; index++) {
			const other = await runBroadcast(emulator, { parameters: INVALID, items: textItems('x'), executionId: String(from + 2 * index) });
			await runBroadcast(emulator, { parameters: INVALID, retryOf: other, executionId: String(from + 1 + 2 * index) });
		}
		for (let index = 3; index < count; index++) siblingRecords(`other|RongCloud Broadcast|${from + 2 * index}:chain`);
		expect(sentTexts(emulator)).toHaveLength(4);
	}

	it(`after ${MAX_CHAINS - 1} other executions were retried, a second Retry sends only what neither earlier execution delivered`, async () => {
		const a = await failedTwice(1000);
		await othersRetried(100_000, MAX_CHAINS - 1);
		// Retry C of A, as n8n's execution list still offers it (B failed), an hour later (RongCloud's quota).
		emulator.forgetQuota();
		await runBroadcast(emulator, { parameters: SEND, retryOf: a, executionId: '1002' });
		expect(sentTexts(emulator).slice(4)).toEqual(['t3']);
	});

	it(`past the bound (${MAX_CHAINS} others retried since), the chain is dropped: the Retry sees only what A saved, as after a restart`, async () => {
		const a = await failedTwice(3000);
		await othersRetried(200_000, MAX_CHAINS);
		emulator.forgetQuota();
		await runBroadcast(emulator, { parameters: SEND, retryOf: a, executionId: '3002' });
		expect(sentTexts(emulator).slice(4)).toEqual(['t2', 't3']);
	});
});

describe('the shared record of Retries stays within its memory budget', () => {
	const delivered = (pad = '') => ({ outcome: 'delivered' as const, json: { requestId: 'r', pad }, executionId: '1' });

	it('a chain whose entries pass the budget drops the least recently used chains, never itself', () => {
		siblingRecords('small|n|1').set('0', '0', delivered());
		const big = siblingRecords('big|n|1');
		big.set('0', '0', delivered('x'.repeat(MAX_BYTES)));
		expect(big.get('0', '0')).toBeDefined();
		expect(siblingRecords('big|n|1').get('0', '0')).toBeDefined();
		expect(siblingRecords('small|n|1').get('0', '0')).toBeUndefined();
		// Used since: the big one is now the least recently used, and over the budget.
		siblingRecords('another|n|1');
		expect(siblingRecords('big|n|1').get('0', '0')).toBeUndefined();
	});
});

describe('the README states the bound of the shared record of Retries', () => {
	it(`names ${MAX_CHAINS} executions and about ${MAX_BYTES / 1024 / 1024} MB beside the restart gap`, () => {
		const readme = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
		const paragraph = readme.slice(readme.indexOf('What Retries of one execution sent is shared'), readme.indexOf('whose record holds everything before it'));
		expect(paragraph).toContain(`for the ${MAX_CHAINS.toLocaleString('en-US')}`);
		expect(paragraph).toContain(`about ${MAX_BYTES / 1024 / 1024} MB`);
		expect(paragraph).toContain('After n8n restarts');
	});
});
