/**
 * The region a credential names picks the data center; an unknown one (an imported or edited
 * credential) is a credential error before anything is sent, even when its name is one every
 * JavaScript object has.
 */
import { NodeOperationError } from 'n8n-workflow';

import { REGIONS, resolveEndpoints } from '../../../../credentials/common/rongcloud/regions';
import { runBroadcast } from '../../../support/runBroadcast';
import { withEmulator } from '../../../support/withEmulator';

const SEND = { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'hello', options: {} };

describe('the credential\'s region', () => {
	const emulator = withEmulator();

	it.each(['mars', 'constructor', 'toString', '__proto__', 'hasOwnProperty'])(
		'"%s" is an unknown region: a credential error, nothing sent',
		async (region) => {
			const result = await runBroadcast(emulator, { parameters: SEND, credentials: { region } });
			expect(emulator.requests).toHaveLength(0);
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error?.message).toBe(`Unknown RongCloud region "${region}" in the credential: choose one of the listed regions, or Custom with a Base URL.`);
			expect((result.error as NodeOperationError).description).toBe('Nothing was sent. Fix the RongCloud credential and run again.');
		},
	);

	it('each listed region resolves to its own primary and backup domain', () => {
		for (const [region, { primary, backup }] of Object.entries(REGIONS)) {
			expect(resolveEndpoints({ region })).toEqual({ primary, backup });
		}
	});
});
