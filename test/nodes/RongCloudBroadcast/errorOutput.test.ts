/**
 * Settings → On Error → "Continue (using error output)" (node.onError = 'continueErrorOutput'):
 * n8n gives the node a second, error output and sorts the items the node returns on its single
 * output itself (n8n-core workflow-execute.js handleNodeErrorOutput): an item goes to the error
 * output when it carries `item.error`, or when its json has an `error` and no key but `error`,
 * `message` and `details` (2.x; 1.x: `error` alone, or `error` and `message`). Failed items must
 * land there, as they do for n8n's built-in nodes, with the words and `mayHaveBeenDelivered`.
 */
import { sentTexts } from '../../support/textItems';
import { connections, INPUT, N8nHarness, node, NO_OP, outputOf, RONGCLOUD } from '../../support/workflowRun';
import { withEmulator } from '../../support/withEmulator';

describe('"Continue (using error output)"', () => {
	const emulator = withEmulator();

	it('a 1008, a timeout and an invalid item go to the error output, each with its words; the delivered item to the success output', async () => {
		const items = [
			{ text: 'a', from: 'system' },
			{ text: 'b', from: 'system' },
			{ text: 'c', from: 'system' },
			{ text: 'd', from: '' },
		];
		const n8n = new N8nHarness(emulator, {
			nodes: [
				node('Input', INPUT, { items: JSON.stringify(items) }),
				node(
					'RongCloud',
					RONGCLOUD,
					{ operation: 'send', fromUserId: '={{ $json.from }}', objectName: 'RC:TxtMsg', text: '={{ $json.text }}', options: { timeout: 400 } },
					{ onError: 'continueErrorOutput' },
				),
				node('Success', NO_OP),
				node('Errors', NO_OP),
			],
			connections: connections(['Input', 'RongCloud'], ['RongCloud', 'Success', 0], ['RongCloud', 'Errors', 1]),
		});
		// b is refused (provably not delivered); c is delivered but its answer never comes.
		emulator.failNextWithCode(1008, { skip: 1 });
		emulator.failNext({ kind: 'hang', afterProcessing: true });
		const execution = await n8n.run({ executionId: 'A' });
		expect(sentTexts(emulator)).toEqual(['a', 'b', 'c']);

		const [success, failed = []] = outputOf(execution, 'RongCloud');
		expect(success.map((json) => json.messageUID !== undefined)).toEqual([true]);
		expect(failed).toHaveLength(3);
		expect(outputOf(execution, 'Errors')[0]).toHaveLength(3);
		expect(outputOf(execution, 'Success')[0]).toHaveLength(1);
		const text = (json: object) => JSON.stringify(json);
		expect(text(failed[0])).toContain('1008');
		expect(text(failed[0])).toMatch(/"mayHaveBeenDelivered":false/);
		expect(text(failed[1])).toMatch(/No answer/);
		expect(text(failed[1])).toMatch(/"mayHaveBeenDelivered":true/);
		expect(text(failed[2])).toContain('fromUserId');
	});
});
