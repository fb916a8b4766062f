/**
 * JSON content is checked for numbers that would not leave as written (jsonNumbers.ts). A number
 * literal of 125 KB must be judged like any other: refused by that rule or sent exactly. How long
 * the check takes is measured by `npm run bench`, not here.
 */
import { runBroadcast } from '../../../../support/runBroadcast';
import { withEmulator } from '../../../../support/withEmulator';

describe('a 125 KB number literal in JSON content', () => {
	const emulator = withEmulator();

	it('is refused as an inexact number, naming the content, nothing sent (Dry Run)', async () => {
		const literal = `0.1${'0'.repeat(125_000)}1`;
		const result = await runBroadcast(emulator, {
			parameters: {
				operation: 'send',
				fromUserId: 'system',
				objectName: 'RC:TxtMsg',
				contentMode: 'json',
				content: `{"content":"hi","n":${literal}}`,
				options: { dryRun: true },
			},
		});
		expect(emulator.requests).toHaveLength(0);
		expect(result.error?.message).toMatch(/content/i);
		expect(result.error?.message.length).toBeLessThan(500);
	});
});
