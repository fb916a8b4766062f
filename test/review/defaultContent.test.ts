/**
 * Review: "Every broadcast displays as intended". The Content (JSON) editor is prefilled with
 * {"content":"hello"} and marked required, so a tired user who picks Other Built-in Type, names
 * RC:StkMsg (a sticker) and never opens the editor broadcasts {"content":"hello"} as a sticker to
 * every user: a blank bubble, one of three daily broadcasts gone. The placeholder must never leave.
 */
import { startEmulator, type RongCloudEmulator } from '../support/emulator';
import { runBroadcast } from '../support/runBroadcast';

describe('review: content left at its editor default', () => {
	let emulator: RongCloudEmulator;
	beforeAll(async () => {
		emulator = await startEmulator();
	});
	afterAll(async () => await emulator.close());
	beforeEach(() => emulator.reset());

	it.each(['RC:StkMsg', 'RC:ReferenceMsg', 'RC:CombineMsg'])(
		'Other Built-in Type %s with the untouched Content (JSON) is refused before anything is sent',
		async (builtInObjectName) => {
			const result = await runBroadcast(emulator, {
				parameters: { operation: 'send', fromUserId: 'system', objectName: 'otherBuiltIn', builtInObjectName, options: {} },
			});
			// Today: code 200, and {"content":"hello"} went out as the content of a sticker / quote / combined message.
			expect(emulator.requests.map((r) => r.form?.content)).toEqual([]);
			expect(result.error?.message ?? '').toMatch(/content/i);
		},
	);
});
