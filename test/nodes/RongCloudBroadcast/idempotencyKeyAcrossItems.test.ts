/**
 * One Idempotency Key typed once for a run of different announcements: with idempotency enabled,
 * RongCloud would deliver the first and drop the others as repeats. All items are checked before
 * the first byte leaves, so a key shared by items of one run is refused then, for every item that
 * shares it, even under Continue On Fail.
 */
import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET } from '../../support/emulator';
import { runBroadcast } from '../../support/runBroadcast';
import { withEmulator } from '../../support/withEmulator';

describe('one Idempotency Key for several different messages of a run', () => {
	const emulator = withEmulator();
	beforeAll(() => emulator.setApp({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, idempotency: true }));

	it('is refused before anything is sent, naming options.msgRandom', async () => {
		const result = await runBroadcast(emulator, {
			parameters: {
				operation: 'sendOnline',
				fromUserId: 'system',
				objectName: 'RC:TxtMsg',
				text: '={{ $json.text }}',
				options: { msgRandom: 20240601001 },
			},
			items: [{ json: { text: 'Sale starts' } }, { json: { text: 'Sale ends' } }],
			continueOnFail: true,
		});
		expect(emulator.requests).toHaveLength(0);
		const errors = (result.output?.[0] ?? []).map((item) => String(item.json.error));
		expect(errors).toEqual([0, 1].map((index) =>
			`Invalid options.msgRandom: must differ between the items of one run: RongCloud delivers only the first message of a key (items 0, 1 all have 20240601001) [item ${index}]`));
	});

	it('different keys, and items without one, are sent as usual', async () => {
		const result = await runBroadcast(emulator, {
			parameters: { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'x', options: { msgRandom: '={{ $json.key }}' } },
			items: [{ json: { key: 1 } }, { json: { key: 2 } }],
		});
		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((r) => r.form?.msgRandom)).toEqual(['1', '2']);
	});
});
