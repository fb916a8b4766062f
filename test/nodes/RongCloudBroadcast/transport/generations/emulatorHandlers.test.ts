/**
 * Every call the node can make, in each API generation, has a handler in the emulator: derived
 * from the operation registry and the generations' paths, so a new operation or a new path fails
 * here with its name, not later as a 404 in some other suite.
 */
import { operations } from '../../../../../nodes/RongCloudBroadcast/resources/message';
import { GENERATIONS } from '../../../../../nodes/RongCloudBroadcast/transport/generations';
import { HANDLED_PATHS } from '../../../../support/emulator';
import { VALID_PUSH, VALID_RECALL, VALID_SEND, VALID_SEND_TO_USERS } from '../../../../support/ruleViolations';
import { outputJson, runBroadcast } from '../../../../support/runBroadcast';
import { withEmulator } from '../../../../support/withEmulator';

const EXAMPLES: Record<string, Array<Record<string, unknown>>> = {
	send: [VALID_SEND],
	sendOnline: [{ ...VALID_SEND, operation: 'sendOnline' }],
	sendToUsers: [VALID_SEND_TO_USERS],
	recall: [VALID_RECALL],
	push: [
		{ ...VALID_PUSH, sendMessage: true, fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'hi' },
		{ ...VALID_PUSH, audience: 'packageName', packageName: 'com.x', sendMessage: true, fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'hi' },
	],
};

describe('the emulator answers every call the node makes', () => {
	const emulator = withEmulator();

	it('every registered operation has example parameters here', () => {
		expect(Object.keys(EXAMPLES).sort()).toEqual(Object.keys(operations).sort());
	});

	it.each(Object.keys(GENERATIONS))('%s: each operation\'s path has a handler, and so has the credential test\'s', async (apiVersion) => {
		const generation = GENERATIONS[apiVersion as keyof typeof GENERATIONS];
		const missing: string[] = [];
		if (!HANDLED_PATHS.includes(generation.credentialTest.path)) missing.push(`credential test: ${generation.credentialTest.path}`);
		for (const [operation, examples] of Object.entries(EXAMPLES)) {
			for (const parameters of examples) {
				const items = outputJson(await runBroadcast(emulator, { parameters: { ...parameters, options: { dryRun: true } }, credentials: { apiVersion } }));
				for (const item of items) {
					const shown = Array.isArray(item.requests) ? (item.requests as Array<{ url: string }>) : [item as { url: string }];
					for (const { url } of shown) {
						const path = new URL(url).pathname;
						if (!HANDLED_PATHS.includes(path)) missing.push(`${operation} has no emulator handler for ${path}`);
					}
				}
			}
		}
		expect(missing).toEqual([]);
	});
});
