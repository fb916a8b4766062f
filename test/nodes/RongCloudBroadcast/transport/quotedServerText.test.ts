/**
 * The server's own words are quoted in the node's errors. Characters that change how text is
 * shown rather than what it says (bidirectional overrides and isolates, zero-width characters)
 * must not pass into them: a right-to-left override makes the rest of the error read backwards,
 * and can make a quoted request ID or URL look like another.
 */
import { runBroadcast } from '../../../support/runBroadcast';
import { withEmulator } from '../../../support/withEmulator';

const SEND = { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'hello', options: {} };
const FORMAT_CHARACTERS = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

describe('quoted server text', () => {
	const emulator = withEmulator();

	it.each([
		['a right-to-left override (U+202E)', 'parameter error \u202Ekcab tnes ton'],
		['a right-to-left isolate (U+2067)', 'parameter error \u2067abc\u2069'],
		['a zero-width space (U+200B)', 'param\u200Beter error'],
	])('%s is removed from the error', async (_name, errorMessage) => {
		emulator.failNextWithCode(1002, { errorMessage });
		const result = await runBroadcast(emulator, { parameters: SEND });
		const error = result.error as Error & { description?: string };
		expect(error.message).toContain('RongCloud error 1002');
		expect(error.message).not.toMatch(FORMAT_CHARACTERS);
		expect(error.description ?? '').not.toMatch(FORMAT_CHARACTERS);
	});
});
