/**
 * n8n's Retry of a failed execution (the execution list's Retry button, both variants) runs the
 * failed node again in a new execution, mode `retry`, from the saved execution data: the same
 * input items, the failed run's output and error gone. What the original delivered must not be
 * sent again; what it proved undelivered is sent; what nobody can know is not sent, in words.
 *
 * runNode's `retryOf` starts the retry the way n8n's execution service does, from a JSON copy of
 * what the failed execution saved.
 */
import { NodeApiError, NodeOperationError, type IDataObject, type IRunExecutionData } from 'n8n-workflow';

import type { RongCloudEmulator } from '../../support/emulator';
import type { RunNodeResult } from '../../support/runNode';
import { outputJson, runBroadcast } from '../../support/runBroadcast';
import { SEND_ITEM_TEXT, sentTexts, textItems } from '../../support/textItems';
import { withEmulator } from '../../support/withEmulator';

const SEND = SEND_ITEM_TEXT;
const items = textItems;
const messageUIDOf = (emulator: RongCloudEmulator, index: number) => (emulator.requests[index].response?.body as IDataObject).messageUID;

describe("n8n's Retry of a failed execution", () => {
	const emulator = withEmulator();

	const original = async (texts: string[], options: IDataObject = {}): Promise<RunNodeResult> =>
		await runBroadcast(emulator, { parameters: { ...SEND, options: { timeout: 600, ...options } }, items: items(...texts), executionId: '41' });

	const retry = async (of: RunNodeResult, options: IDataObject = {}, executionId = '42'): Promise<RunNodeResult> =>
		// The parameters are the saved workflow's: the same for "with original workflow", changed ones for "with currently saved workflow".
		await runBroadcast(emulator, { parameters: { ...SEND, options: { timeout: 600, ...options } }, retryOf: of, executionId });

	it('the quota stopped item 2 after items 0 and 1: the retry sends only item 2, and says 0 and 1 were delivered by execution 41', async () => {
		const failed = await original(['a', 'b', 'c']);
		expect(failed.error?.message).toContain('RongCloud error 1008');
		expect(sentTexts(emulator)).toEqual(['a', 'b', 'c']);
		const [uid0, uid1] = [messageUIDOf(emulator, 0), messageUIDOf(emulator, 1)];

		const retried = await retry(failed);
		// Item 2 was refused (1008: provably not delivered), so it is sent again; 0 and 1 are not.
		expect(sentTexts(emulator)).toEqual(['a', 'b', 'c', 'c']);
		const error = retried.error as NodeApiError;
		expect(error.message).toContain('RongCloud error 1008');
		expect(error.message).toContain('Already delivered by this execution or the one it retries: items 0, 1.');
		expect(error.description).toContain(`item 0 (messageUID ${String(uid0)}, by execution 41)`);
		expect(error.context.deliveredItems).toEqual([
			{ item: 0, delivered: `messageUID ${String(uid0)}, by execution 41` },
			{ item: 1, delivered: `messageUID ${String(uid1)}, by execution 41` },
		]);
	});

	it('with the quota back, a retry (here of the retry, as n8n allows) delivers item 2 and outputs 0 and 1 with their original messageUID', async () => {
		const failed = await original(['a', 'b', 'c']);
		const [uid0, uid1] = [messageUIDOf(emulator, 0), messageUIDOf(emulator, 1)];
		const retried = await retry(failed);
		expect(retried.error).toBeDefined();
		emulator.reset(); // the quota is back (a new hour)
		const again = await retry(retried, {}, '43');
		expect(sentTexts(emulator)).toEqual(['c']);
		const output = outputJson(again);
		expect(output.map((json) => json.messageUID)).toEqual([uid0, uid1, messageUIDOf(emulator, 0)]);
		expect(output[0]).toMatchObject({ deliveredByExecution: '41', warning: expect.stringContaining('Not sent again: execution 41 delivered this item') });
		expect(output[2].deliveredByExecution).toBeUndefined();
	});

	it('"with currently saved workflow": changed parameters do not make delivered items new', async () => {
		const failed = await original(['a', 'b', 'c']);
		emulator.reset();
		const retried = await retry(failed, { timeout: 5000 });
		expect(sentTexts(emulator)).toEqual(['c']);
		expect(outputJson(retried)).toHaveLength(3);
	});

	describe('an item whose request may have been delivered', () => {
		const timedOutThenRetried = async (options: IDataObject = {}) => {
			emulator.failNext({ kind: 'hang', afterProcessing: true }, { skip: 1 });
			const failed = await original(['a', 'b', 'c']);
			expect(failed.error?.message).toContain('No answer');
			expect(sentTexts(emulator)).toEqual(['a', 'b']);
			const requestIdOfB = emulator.requests[1].headers['x-request-id'];
			emulator.reset(); // the quota is back, so only the retry's own decisions show
			return { failed, requestIdOfB, retried: await retry(failed, options) };
		};

		it('is not sent again, the items never attempted are, and the error names the execution and the option', async () => {
			const { retried, requestIdOfB } = await timedOutThenRetried();
			expect(sentTexts(emulator)).toEqual(['c']);
			const error = retried.error as NodeOperationError;
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error.message).toContain('Not sent: item 1 may have been delivered by the execution this one retries');
			expect(error.message).toContain('Already delivered by this execution or the one it retries: items 0, 2.');
			expect(error.description).toContain("This execution (42) is n8n's Retry of execution 41");
			expect(error.description).toContain(requestIdOfB);
			expect(error.description).toContain('Send Again on Retry');
			expect(error.context).toMatchObject({ mayHaveBeenDelivered: true, notResent: true, retryOf: '41' });
		});

		it('under Continue On Fail: an error item for it, the others delivered', async () => {
			emulator.failNext({ kind: 'hang', afterProcessing: true }, { skip: 1 });
			const failed = await original(['a', 'b', 'c']);
			const uid0 = messageUIDOf(emulator, 0);
			emulator.reset();
			const retried = await runBroadcast(emulator, { parameters: { ...SEND, options: { timeout: 600 } }, retryOf: failed, executionId: '42', continueOnFail: true });
			expect(sentTexts(emulator)).toEqual(['c']);
			const output = outputJson(retried);
			expect(output[1]).toMatchObject({ notResent: true, mayHaveBeenDelivered: true });
			expect(output[0].messageUID).toBe(uid0);
			expect(output[2].messageUID).toBe(messageUIDOf(emulator, 0));
		});

		it('is sent again with Send Again on Retry, while the delivered item 0 still is not', async () => {
			const { retried } = await timedOutThenRetried({ sendAgainOnRetry: true });
			expect(sentTexts(emulator)).toEqual(['b', 'c']);
			expect(outputJson(retried)).toHaveLength(3);
		});
	});

	describe('nothing of the original run survived (n8n died while the node was sending)', () => {
		const crashed = async (): Promise<RunNodeResult> => {
			const failed = await original(['a', 'b']);
			// What n8n's crash recovery keeps: the node's run, rebuilt from its event log as "crashed", and no context data.
			const saved = failed.savedExecution as IRunExecutionData;
			saved.executionData!.contextData = {};
			emulator.reset();
			return failed;
		};

		it('sends nothing, and says which execution this is, why it will not guess, and how to send the rest', async () => {
			const retried = await retry(await crashed());
			expect(emulator.requests).toHaveLength(0);
			const error = retried.error as NodeOperationError;
			expect(error.message).toContain('Not sent: item 0 may have been delivered by the execution this one retries');
			expect(error.description).toContain("This execution (42) is n8n's Retry of");
			expect(error.description).toContain('the node will not guess');
			expect(error.description).toContain('ran this node but left no record');
			expect(error.description).toContain('Send Again on Retry');
			expect(error.description).toContain('Not sent again, since an earlier attempt may have delivered them: item 1.');
		});

		it('a retry of that retry still sends nothing: the doubt is saved with it', async () => {
			const retried = await retry(await crashed());
			const again = await retry(retried, {}, '43');
			expect(emulator.requests).toHaveLength(0);
			expect(again.error?.message).toContain('Not sent: item 0');
		});

		it('with Send Again on Retry every item is sent once', async () => {
			const retried = await retry(await crashed(), { sendAgainOnRetry: true });
			expect(sentTexts(emulator)).toEqual(['a', 'b']);
			expect(outputJson(retried)).toHaveLength(2);
		});
	});

	it('a Retry whose original never reached this node (an earlier node failed) sends every item', async () => {
		const failed = await original(['a', 'b']);
		// The original's saved data as if the node had never run: no run data, no context data.
		const saved = failed.savedExecution as IRunExecutionData;
		delete saved.resultData.runData['RongCloud Broadcast'];
		saved.executionData!.contextData = {};
		emulator.reset();
		const retried = await retry(failed);
		expect(retried.error).toBeUndefined();
		expect(sentTexts(emulator)).toEqual(['a', 'b']);
		expect(outputJson(retried).every((json) => json.deliveredByExecution === undefined)).toBe(true);
	});

	it('a run of the node the original never reached (a later pass of a loop, another tool call) sends: the original left records of its own runs', async () => {
		// Run 0 of the node succeeded in execution 41; the Retry reaches the node a second time (run 1).
		const firstPass = await original(['a']);
		expect(firstPass.error).toBeUndefined();
		emulator.reset();
		const secondPass = await retry(firstPass);
		expect(secondPass.error).toBeUndefined();
		expect(sentTexts(emulator)).toEqual(['a']);
		expect(outputJson(secondPass)[0].deliveredByExecution).toBeUndefined();
	});

	it('a Retry whose original failed on a check before sending sends every item', async () => {
		const failed = await runBroadcast(emulator, { parameters: { ...SEND, fromUserId: '' }, items: items('a'), executionId: '41' });
		expect(failed.error?.message).toContain('(fromUserId)');
		const retried = await retry(failed);
		expect(retried.error).toBeUndefined();
		expect(sentTexts(emulator)).toEqual(['a']);
	});

	it('Dry Run items stay dry on a retry', async () => {
		const failed = await original(['a', 'b', 'c']);
		emulator.reset();
		const retried = await retry(failed, { dryRun: true });
		expect(emulator.requests).toHaveLength(0);
		expect(outputJson(retried).every((json) => typeof json.url === 'string')).toBe(true);
	});
});
