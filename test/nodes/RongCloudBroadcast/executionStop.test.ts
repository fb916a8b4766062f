/* eslint-disable @n8n/community-nodes/no-restricted-globals -- Test code, not part of the published package: the test stops the run a moment after its request arrives. */
/**
 * n8n's Stop aborts the execution's signal, and n8n cancels the request on the wire with it. The
 * node must say that the execution was stopped (not "no answer within the Timeout"), that only the
 * item whose request was out may have been delivered, and that the items after it were never sent.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { runBroadcast } from '../../support/runBroadcast';
import { SEND_ITEM_TEXT, textItems } from '../../support/textItems';
import { withEmulator } from '../../support/withEmulator';

const SEND = SEND_ITEM_TEXT;
const items = textItems;

describe("n8n's Stop", () => {
	const emulator = withEmulator();

	it('while item 1 is on the wire: stopped, item 1 may have been delivered, item 2 never sent, item 0 delivered; at once, not after the Timeout', async () => {
		emulator.failNext({ kind: 'hang', afterProcessing: true }, { skip: 1 });
		const stop = new AbortController();
		void emulator.waitForRequest((r) => r.form?.content?.includes('"b"') ?? false).then(() => setTimeout(() => stop.abort(), 50));
		const started = Date.now();
		const result = await runBroadcast(emulator, {
			parameters: { ...SEND, options: { timeout: 20_000 } },
			items: items('a', 'b', 'c'),
			abortSignal: stop.signal,
		});
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(emulator.requests).toHaveLength(2);
		const error = result.error as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain("The execution was stopped while this item's request to RongCloud");
		expect(error.message).not.toContain('No answer');
		expect(error.context).toMatchObject({ mayHaveBeenDelivered: true, notAttemptedItems: [2] });
		expect(error.description).toContain('Already delivered in this run: item 0');
		expect(error.description).toContain('Not attempted: item 2.');
	});

	it('under Continue On Fail too, the items after the stop are never sent', async () => {
		emulator.failNext({ kind: 'hang', afterProcessing: true });
		const stop = new AbortController();
		void emulator.waitForRequest().then(() => setTimeout(() => stop.abort(), 50));
		const result = await runBroadcast(emulator, {
			parameters: { ...SEND, options: { timeout: 20_000 } },
			items: items('a', 'b'),
			abortSignal: stop.signal,
			continueOnFail: true,
		});
		expect(emulator.requests).toHaveLength(1);
		expect(result.error?.message).toContain('The execution was stopped');
		expect((result.error as NodeApiError).context).toMatchObject({ notAttemptedItems: [1] });
	});

	it('stopped before the first item left: nothing sent, and the error says so for every item', async () => {
		const stop = new AbortController();
		stop.abort();
		const result = await runBroadcast(emulator, { parameters: { ...SEND, options: {} }, items: items('a', 'b'), abortSignal: stop.signal });
		expect(emulator.requests).toHaveLength(0);
		const error = result.error as NodeOperationError;
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('The execution was stopped before item 0 was sent.');
		expect(error.context).toMatchObject({ mayHaveBeenDelivered: false, notAttemptedItems: [0, 1] });
	});
});
