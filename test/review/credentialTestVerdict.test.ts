/**
 * Review: the credential test must prove it reached RongCloud: success only for a JSON answer whose
 * code is 200. An answer carrying any other code (a JSON 404 from a wrong path prefix, a gateway's
 * own JSON error, a RongCloud code the table does not list) must fail, with words.
 */
import { RongCloudApi } from '../../credentials/RongCloudApi.credentials';
import { runCredentialTest } from '../support/credentialTest';
import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET, startEmulator, type RongCloudEmulator } from '../support/emulator';
import { runBroadcast } from '../support/runBroadcast';

describe('review: credential test verdicts', () => {
	let emulator: RongCloudEmulator;
	beforeAll(async () => {
		emulator = await startEmulator();
	});
	afterAll(async () => await emulator.close());
	beforeEach(() => emulator.reset());

	const credentials = (baseUrl: string) => ({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, region: 'custom', baseUrl });

	it('a Base URL pasted with the endpoint path gets a JSON {"code":404}: the test must fail, as the node then does', async () => {
		const baseUrl = `${emulator.baseUrl}/message/broadcast.json`;
		const verdict = await runCredentialTest(new RongCloudApi(), credentials(baseUrl));
		expect(emulator.requests[0].response?.body).toMatchObject({ code: 404 });
		// The node with the very same credential cannot send:
		const send = await runBroadcast(emulator, {
			parameters: { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'hi', options: {} },
			credentials: { baseUrl },
		});
		expect(send.error?.message).toContain('RongCloud error 404');
		expect(verdict.status).toBe('Error');
	});

	it.each([
		['a gateway JSON error', { code: 401, msg: 'unauthorized' }],
		['an unlisted RongCloud code', { code: 1010, errorMessage: 'app not found' }],
		['a null code', { code: null }],
		['a code that is text', { code: 'OK' }],
	])('%s is not "Connection successful!"', async (_name, body) => {
		emulator.failNext({ kind: 'json', httpStatus: 200, body });
		const verdict = await runCredentialTest(new RongCloudApi(), credentials(emulator.baseUrl));
		expect(emulator.requests).toHaveLength(1);
		expect(verdict.status).toBe('Error');
	});
});
