/**
 * The credential test's success is RongCloud's code 200 exactly: a JSON number that only rounds to
 * 200 when parsed (199.99999999999999999, 200.00000000000001) is not what RongCloud sends, and
 * proves nothing about the credential.
 */
import { RongCloudApi } from '../../credentials/RongCloudApi.credentials';
import { runCredentialTest } from '../support/credentialTest';
import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET } from '../support/emulator';
import { withEmulator } from '../support/withEmulator';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

describe('the credential test: a code that only rounds to 200', () => {
	const emulator = withEmulator();

	it.each(['199.99999999999999999', '200.00000000000001', '2.00e2'])('{"code":%s} is not "Connection successful!"', async (code) => {
		emulator.failNext({ kind: 'custom', answer: () => ({ status: 200, headers: JSON_TYPE, body: `{"code":${code}}` }) });
		const verdict = await runCredentialTest(new RongCloudApi(), { appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, region: 'custom', baseUrl: emulator.baseUrl });
		expect(emulator.requests).toHaveLength(1);
		expect(verdict.status).toBe('Error');
	});
});
