/**
 * Items of one run that repeat one message under one Idempotency Key are all sent: deduplicating
 * them is what the key is for, and RongCloud does it (once idempotency is enabled for the app) by
 * delivering the first and answering the repeats with an error the node puts into words. One key
 * on different messages is a mistake that would silently keep all but the first from users: it is
 * refused before anything is sent.
 */
import type { NodeApiError } from 'n8n-workflow';

import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET, PATHS } from '../../support/emulator';
import { runBroadcast } from '../../support/runBroadcast';
import { withEmulator } from '../../support/withEmulator';

const REPEAT_WORDS = 'the Idempotency Key (msgRandom) was already used within the last minute, so RongCloud did not deliver this message a second time';

describe('one Idempotency Key on several items of a run', () => {
	const emulator = withEmulator();
	beforeEach(() => emulator.setApp({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, idempotency: true }));

	it('with Continue On Fail: the first is delivered, the repeat is RongCloud\'s refusal in words', async () => {
		const result = await runBroadcast(emulator, {
			parameters: { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: '={{ $json.text }}', options: { msgRandom: 20240601001 } },
			items: [{ json: { text: 'Sale starts' } }, { json: { text: 'Sale starts' } }],
			continueOnFail: true,
		});
		expect(emulator.requestsTo(PATHS.broadcast).map((r) => r.form?.msgRandom)).toEqual(['20240601001', '20240601001']);
		expect(emulator.requestsTo(PATHS.broadcast).map((r) => r.response?.status)).toEqual([200, 400]);
				const [first, second] = result.output?.[0] ?? [];
		expect(first.json).toMatchObject({ code: 200, messageUID: emulator.issued.at(-1)?.uid });
		expect(String(second.json.error)).toContain(`RongCloud error 1002: ${REPEAT_WORDS} (HTTP 400).`);
		expect(String(second.json.error)).toContain('msgRandom 20240601001 was already used');
	});

	it('without Continue On Fail: the error names the repeat and the item that was delivered', async () => {
		const result = await runBroadcast(emulator, {
			parameters: { operation: 'sendOnline', fromUserId: 'system', objectName: 'RC:TxtMsg', text: '={{ $json.text }}', options: { msgRandom: 7 } },
			items: [{ json: { text: 'Sale starts' } }, { json: { text: 'Sale starts' } }],
		});
		expect(emulator.requestsTo(PATHS.onlineBroadcast)).toHaveLength(2);
		expect(result.error?.message).toContain(REPEAT_WORDS);
		const error = result.error as NodeApiError;
		const { messageUID } = emulator.requests[0].response?.body as { messageUID: string };
		expect(error.description).toContain(`Already delivered in this run: item 0 (messageUID ${messageUID}).`);
		expect(error.description).toContain('Item 1 was not delivered.');
	});

	it('one key on different messages is refused before anything is sent, for every item that shares it, even under Continue On Fail', async () => {
		const result = await runBroadcast(emulator, {
			parameters: { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: '={{ $json.text }}', options: { msgRandom: 20240601001 } },
			items: [{ json: { text: 'Sale starts' } }, { json: { text: 'Sale ends' } }, { json: { text: 'Sale starts' } }],
			continueOnFail: true,
		});
		expect(emulator.requests).toHaveLength(0);
		expect((result.output?.[0] ?? []).map((item) => String(item.json.error))).toEqual([0, 1, 2].map((index) =>
			`Invalid options.msgRandom: must differ between items that send different messages: RongCloud delivers only the first message of a key (items 0, 1, 2 have 20240601001 for different messages) [item ${index}]`));
	});

	it('a key, and an item without one, are sent as usual', async () => {
		const result = await runBroadcast(emulator, {
			parameters: { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'x', options: { msgRandom: '={{ $json.key }}' } },
			items: [{ json: { key: 1 } }, { json: {} }],
		});
		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((r) => r.form?.msgRandom)).toEqual(['1', undefined]);
	});
});
