/**
 * A Content (JSON) editor the user never opened must not send an example to every user: it once
 * held {"content":"hello"}, which went out as a sticker, a quote or a custom message. Now it is
 * empty, and an empty content is refused before anything is sent, for every type given as JSON.
 */
import { runBroadcast } from '../../../../support/runBroadcast';
import { withEmulator } from '../../../../support/withEmulator';

describe('content left at its editor default', () => {
	const emulator = withEmulator();

	it.each(['RC:StkMsg', 'RC:ReferenceMsg', 'RC:CombineMsg'])(
		'Other Built-in Type %s with the untouched Content (JSON) is refused before anything is sent',
		async (builtInObjectName) => {
			const result = await runBroadcast(emulator, {
				parameters: { operation: 'send', fromUserId: 'system', objectName: 'otherBuiltIn', builtInObjectName, options: {} },
			});
			expect(emulator.requests.map((r) => r.form?.content)).toEqual([]);
			expect(result.error?.message ?? '').toMatch(/content/i);
		},
	);

	it.each([
		['Custom', { objectName: 'custom', customObjectName: 'App:Notice' }],
		['Text in JSON mode', { objectName: 'RC:TxtMsg', contentMode: 'json' }],
	])('%s with the untouched Content (JSON) is refused: "it is empty"', async (_name, parameters) => {
		const result = await runBroadcast(emulator, { parameters: { operation: 'send', fromUserId: 'system', ...parameters, options: {} } });
		expect(result.error?.message).toContain('(content): must be a JSON object, such as {"content":"hello"} (it is empty) [item 0]');
		expect(emulator.requests).toHaveLength(0);
	});
});
