/**
 * Review: a tired user types one Idempotency Key (the placeholder's 20240601001) and runs three
 * different announcements. With idempotency enabled, RongCloud delivers the first and drops the
 * others; the node then tells the user "An earlier send with the same key was accepted: its
 * message is the one your users receive ... nothing more is needed", which is false for two
 * different messages. All items are checked before the first byte leaves: one key given to
 * different messages in the same run is provably a mistake and must be refused then.
 */
import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET, startEmulator, type RongCloudEmulator } from '../support/emulator';
import { runBroadcast } from '../support/runBroadcast';

describe('review: one Idempotency Key for several different messages of a run', () => {
	let emulator: RongCloudEmulator;
	beforeAll(async () => {
		emulator = await startEmulator();
		emulator.setApp({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, idempotency: true });
	});
	afterAll(async () => await emulator.close());
	beforeEach(() => emulator.reset());

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
		// Today: both leave; the second is dropped by RongCloud and reported as "nothing more is needed".
		expect(emulator.requests).toHaveLength(0);
		expect(JSON.stringify(result.error?.message ?? result.output)).toContain('msgRandom');
	});
});
