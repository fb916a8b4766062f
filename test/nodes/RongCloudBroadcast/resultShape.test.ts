/**
 * A success without a usable messageUID is flagged: an object, an array or null is no messageUID a
 * recall can use, so the output item warns; and the partial-delivery error names a delivered item
 * by the same messageUID its output item shows.
 */
import { runBroadcast } from '../../support/runBroadcast';
import { withEmulator } from '../../support/withEmulator';

const SEND = { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: '={{ $json.t }}' };

describe('the shape of a success answer', () => {
	const emulator = withEmulator();

	it.each([
		['an object', { nested: 'x' }],
		['null', null],
		['an array', ['A-B-C-D']],
	])('a code 200 whose messageUID is %s carries the "cannot be recalled" warning', async (_name, messageUID) => {
		emulator.failNext({ kind: 'json', httpStatus: 200, body: { code: 200, messageUID } });
		const result = await runBroadcast(emulator, { parameters: { ...SEND, options: {} }, items: [{ json: { t: 'hi' } }] });
		expect(emulator.requests).toHaveLength(1);
		const json = result.output?.[0]?.[0]?.json ?? {};
		expect(json.code).toBe(200);
		expect(String(json.warning ?? '')).toContain('cannot be recalled');
		// And what it says is true: Recall with that output item cannot run.
		const recall = await runBroadcast(emulator, { parameters: { operation: 'recall', options: {} }, items: [{ json }] });
		expect(recall.error).toBeDefined();
	});

	it('the partial-delivery error and the output item agree on what identifies the delivered item', async () => {
		emulator.failNext({ kind: 'json', httpStatus: 200, body: { code: 200, messageUID: 12345 } });
		emulator.failNext({ kind: 'code', code: 1008, httpStatus: 429 });
		const result = await runBroadcast(emulator, {
			parameters: { ...SEND, options: {} },
			items: [{ json: { t: 'a' } }, { json: { t: 'b' } }],
		});
		expect(emulator.requests).toHaveLength(2);
		const description = (result.error as Error & { description?: string }).description ?? '';
		expect(description).toContain('Already delivered in this run: item 0');
		expect(description).toContain('12345');
	});
});
