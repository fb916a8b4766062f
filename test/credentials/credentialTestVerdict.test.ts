/**
 * The credential test must prove it reached RongCloud. Besides RongCloud's own error codes (see
 * RongCloudApi.credentials.test.ts), the JSON errors of a gateway or of a Base URL with a wrong path,
 * and a code that is null, false, 0 or quoted, fail it in words, and a silent server ends it after
 * the node's default deadline. (A declarative test can only list failing answers: a code that is
 * neither 200 nor listed, such as 1010, still passes.)
 */
import { RongCloudApi } from '../../credentials/RongCloudApi.credentials';
import { runCredentialTest } from '../support/credentialTest';
import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET } from '../support/emulator';
import { runBroadcast } from '../support/runBroadcast';
import { withEmulator } from '../support/withEmulator';

describe('the credential test: answers that are not RongCloud success', () => {
	const emulator = withEmulator();

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
		expect(verdict.message).toContain('The server answered code 404');
	});

	it.each([
		['a gateway JSON error', { code: 401, msg: 'unauthorized' }, 'The server answered code 401'],
		['a gateway 502 in JSON', { code: 502 }, 'The server answered code 502'],
		['a null code', { code: null }, 'This is not a RongCloud Server API'],
		// Some gateways quote the code; another JSON service answers false, 0 or nothing useful.
		['the code 1004 as text', { code: '1004', errorMessage: 'signature error' }, 'RongCloud code 1004: signature verification failed'],
		['a gateway 503 as text', { code: '503' }, 'The server answered code 503'],
		['code 0', { code: 0 }, 'This is not a RongCloud Server API'],
		['code false', { code: false, error: 'forbidden' }, 'This is not a RongCloud Server API'],
		['an empty code', { code: '' }, 'This is not a RongCloud Server API'],
	])('%s is not "Connection successful!"', async (_name, body, words) => {
		emulator.failNext({ kind: 'json', httpStatus: 200, body });
		const verdict = await runCredentialTest(new RongCloudApi(), credentials(emulator.baseUrl));
		expect(emulator.requests).toHaveLength(1);
		expect(verdict.status).toBe('Error');
		expect(verdict.message).toContain(words);
	});

	it('a server that takes the request and never answers: the test gives up after the node\'s default 10 s, with an error', async () => {
		emulator.failNext({ kind: 'hang' });
		const verdict = await runCredentialTest(new RongCloudApi(), credentials(emulator.baseUrl));
		expect(emulator.requests).toHaveLength(1);
		expect(verdict.status).toBe('Error');
		expect(verdict.message).toMatch(/timeout|ECONNABORTED|ETIMEDOUT/i);
	}, 30_000);
});
