import { NodeOperationError, type IHttpRequestOptions } from 'n8n-workflow';

import { NOT_RONGCLOUD_MESSAGE } from '../../credentials/common/rongcloud/codes';
import { REGIONS, resolveEndpoints } from '../../credentials/common/rongcloud/regions';
import { RongCloudApi } from '../../credentials/RongCloudApi.credentials';
import { RongCloudBroadcast } from '../../nodes/RongCloudBroadcast/RongCloudBroadcast.node';
import { runCredentialTest } from '../support/credentialTest';
import {
	DEFAULT_APP_KEY,
	DEFAULT_APP_SECRET,
	RONGCLOUD_ERROR_CODES,
	type RongCloudEmulator,
	type RongCloudErrorCode,
} from '../support/emulator';
import { runBroadcast } from '../support/runBroadcast';
import { HarnessCredentialsHelper, NODE_TYPE_PREFIX } from '../support/runNode';
import { withEmulator } from '../support/withEmulator';

async function sendSigned(emulator: RongCloudEmulator, secret: string) {
	const credential = new RongCloudApi();
	const signed = (await credential.authenticate({ appKey: DEFAULT_APP_KEY, appSecret: secret }, {
		url: `${emulator.baseUrl}/user/checkOnline.json`,
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: 'userId=n8n-credential-test',
	} as IHttpRequestOptions)) as IHttpRequestOptions;
	const response = await fetch(signed.url, {
		method: 'POST',
		headers: signed.headers as Record<string, string>,
		body: signed.body as string,
	});
	return { status: response.status, body: (await response.json()) as { code: number } };
}

describe('RongCloud API credential', () => {
	const emulator = withEmulator();

	it('keeps the stable field names saved credentials depend on', () => {
		const credential = new RongCloudApi();
		expect(credential.name).toBe('rongCloudApi');
		expect(credential.properties.map((p) => p.name)).toEqual(['appKey', 'appSecret', 'apiVersion', 'region', 'baseUrl', 'backupBaseUrl']);
		expect(credential.properties[1].typeOptions?.password).toBe(true);
		// A credential saved before the API Version existed has none: it speaks v1, as it always did.
		const apiVersion = credential.properties[2];
		expect(apiVersion.default).toBe('v1');
		expect(apiVersion.options?.map((o) => (o as { value: string }).value)).toEqual(['v1', 'v4']);
		const region = credential.properties[3];
		expect(region.default).toBe('china');
		// The values are what saved credentials hold; the editor lists them alphabetically by name.
		expect(region.options?.map((o) => (o as { value: string }).value).sort()).toEqual(
			['china', 'singapore', 'singaporeB', 'northAmerica', 'saudiArabia', 'custom'].sort(),
		);
	});

	it('the credential test calls a read-only endpoint on the primary domain the node uses', async () => {
		for (const [id, region] of Object.entries(REGIONS)) {
			expect(resolveEndpoints({ region: id })).toEqual({ primary: region.primary, backup: region.backup });
		}
		const verdict = await runCredentialTest(new RongCloudApi(), { appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, region: 'custom', baseUrl: `${emulator.baseUrl}/` });
		expect(verdict.status).toBe('OK');
		expect(emulator.requests.map((request) => [request.method, request.path, request.form])).toEqual([['POST', '/user/checkOnline.json', { userId: 'n8n-credential-test' }]]);
	});

	it('authenticate signs every request afresh, and the emulator accepts it', async () => {
		const first = await sendSigned(emulator, DEFAULT_APP_SECRET);
		const second = await sendSigned(emulator, DEFAULT_APP_SECRET);
		expect(first).toEqual({ status: 200, body: expect.objectContaining({ code: 200 }) });
		expect(second.status).toBe(200);
		const [a, b] = emulator.requestsTo('/user/checkOnline.json');
		expect(a.signatureValid && b.signatureValid).toBe(true);
		expect(a.headers.nonce).not.toBe(b.headers.nonce);
		expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
	});

	it('a wrong secret gets 401, which the credential test turns into words about the key/secret pair', async () => {
		const { status, body } = await sendSigned(emulator, 'not-the-secret');
		expect(status).toBe(401);
		expect(body.code).toBe(1004);
		const verdict = await runCredentialTest(new RongCloudApi(), { appKey: DEFAULT_APP_KEY, appSecret: 'not-the-secret', region: 'custom', baseUrl: emulator.baseUrl });
		expect(verdict.message).toContain('RongCloud code 1004: signature verification failed');
		expect(verdict.message).toContain('App Secret is wrong');
	});

	it('an unknown App Key gets code 1001, with its own words', async () => {
		const credential = new RongCloudApi();
		const signed = (await credential.authenticate({ appKey: 'unknown-key', appSecret: 's' }, {
			url: `${emulator.baseUrl}/user/checkOnline.json`,
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: 'userId=x',
		})) as IHttpRequestOptions;
		const response = await fetch(signed.url, { method: 'POST', headers: signed.headers as Record<string, string>, body: 'userId=x' });
		const { code } = (await response.json()) as { code: number };
		expect(code).toBe(1001);
		const verdict = await runCredentialTest(credential, { appKey: 'unknown-key', appSecret: 's', region: 'custom', baseUrl: emulator.baseUrl });
		expect(verdict.message).toContain('the App Secret does not match the App Key');
	});

	it('rejects a malformed custom base URL with a clear message', () => {
		expect(() => resolveEndpoints({ region: 'custom', baseUrl: 'ftp://x' })).toThrow(
			'The credential\'s Base URL must be http:// or https://, a host, an optional port and an optional path',
		);
		expect(resolveEndpoints({ region: 'custom', baseUrl: 'http://a:1/', backupBaseUrl: 'http://b:2' })).toEqual({
			primary: 'http://a:1',
			backup: 'http://b:2',
		});
	});
});

describe('Base URL: one strict rule, in the node and in the credential test', () => {
	const emulator = withEmulator();

	const custom = (baseUrl: string, extra: Record<string, string> = {}) => ({
		appKey: DEFAULT_APP_KEY,
		appSecret: DEFAULT_APP_SECRET,
		region: 'custom',
		baseUrl,
		...extra,
	});
	const SEND = { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'hello' };

	// Each one would otherwise reach the emulator, or fail only once the request is on its way.
	const violations = (base: string): Array<[string, string, string]> => [
		['a query', `${base}/?x=1`, 'got "http://127.0.0.1'],
		['an empty query', `${base}?`, '(?)'],
		['a fragment', `${base}#f`, '(#)'],
		['user info', base.replace('http://', 'http://user:secret-pass@'), 'http://***@127.0.0.1'],
		['a port out of range', 'http://127.0.0.1:99999', 'the port: 1 to 65535'],
		['port 0', 'http://127.0.0.1:0', 'got "http://127.0.0.1:0"'],
		['a space inside', `${base.replace('127.0.0.1', '127.0.0.1 ')}`, 'contains a space'],
		['no host', 'https:///x', 'got "https:///x"'],
		['only user info', 'https://@', 'got "https://***@"'],
		['another scheme', 'ftp://127.0.0.1', 'got "ftp://127.0.0.1"'],
		['a backslash', `${base}\\evil`, 'a backslash'],
	];

	it.each(violations('http://127.0.0.1:1'))('the node refuses a Base URL with %s before anything is sent', async (_name, template, words) => {
		const baseUrl = template.replace('127.0.0.1:1', emulator.baseUrl.slice('http://'.length));
		for (const dryRun of [false, true]) {
			const result = await runBroadcast(emulator, { parameters: { ...SEND, options: { dryRun } }, credentials: { baseUrl } });
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error?.message).toContain("The credential's Base URL must be http:// or https://");
			expect(result.error?.message).toContain(words.replace('127.0.0.1:1', emulator.baseUrl.slice('http://'.length)));
			expect(result.error?.message).not.toContain('secret-pass');
			expect(JSON.stringify(result.output ?? null)).not.toContain('secret-pass');
		}
		expect(emulator.requests).toHaveLength(0);
	});

	it.each(violations('http://127.0.0.1:1'))('the credential test refuses a Base URL with %s, in the same words', async (_name, template, words) => {
		const baseUrl = template.replace('127.0.0.1:1', emulator.baseUrl.slice('http://'.length));
		const verdict = await runCredentialTest(new RongCloudApi(), custom(baseUrl));
		expect(verdict.status).toBe('Error');
		expect(verdict.message).toContain("The credential's Base URL must be http:// or https://");
		expect(verdict.message).toContain(words.replace('127.0.0.1:1', emulator.baseUrl.slice('http://'.length)));
		expect(verdict.message).not.toContain('secret-pass');
		expect(emulator.requests).toHaveLength(0);
	});

	it('the Backup Base URL follows the same rule and is named as such', async () => {
		const result = await runBroadcast(emulator, { parameters: SEND, credentials: { backupBaseUrl: `${emulator.baseUrl}/?x=1` } });
		expect(result.error?.message).toContain("The credential's Backup Base URL must be");
		expect(emulator.requests).toHaveLength(0);
	});

	it('surrounding spaces and trailing slashes are trimmed, alike in the node and the credential test; a path prefix is kept', async () => {
		const spaced = `  ${emulator.baseUrl}/  `;
		expect((await runCredentialTest(new RongCloudApi(), custom(spaced))).status).toBe('OK');
		const sent = await runBroadcast(emulator, { parameters: SEND, credentials: { baseUrl: spaced } });
		expect(sent.error).toBeUndefined();
		expect(emulator.requests.map((r) => r.path)).toEqual(['/user/checkOnline.json', '/message/broadcast.json']);
		expect(resolveEndpoints({ region: 'custom', baseUrl: 'https://im.example.com/rc/api/' }).primary).toBe('https://im.example.com/rc/api');
	});
});

describe('the credential test proves it reached RongCloud', () => {
	const emulator = withEmulator();
	const thirdParty = withEmulator();

	const test = async (extra: Record<string, string> = {}) =>
		await runCredentialTest(new RongCloudApi(), {
			appKey: DEFAULT_APP_KEY,
			appSecret: DEFAULT_APP_SECRET,
			region: 'custom',
			baseUrl: emulator.baseUrl,
			...extra,
		});

	it('a good credential: success, after one signed request the server accepted', async () => {
		expect((await test()).status).toBe('OK');
		expect(emulator.requests).toHaveLength(1);
		expect(emulator.requests[0].signatureValid).toBe(true);
		expect(emulator.requests[0].response?.status).toBe(200);
	});

	it('a wrong secret and an unknown App Key, for real: their codes in words', async () => {
		expect((await test({ appSecret: 'wrong' })).message).toContain('RongCloud code 1004: signature verification failed');
		expect((await test({ appKey: 'other-key' })).message).toContain('RongCloud code 1001');
	});

	it('a server answering a 404 HTML page is not RongCloud', async () => {
		emulator.failNext({ kind: 'html', httpStatus: 404 });
		expect(await test()).toEqual({ status: 'Error', message: expect.stringContaining(NOT_RONGCLOUD_MESSAGE) });
	});

	it('JSON without a RongCloud code, and plain text, are not RongCloud either', async () => {
		emulator.failNext({ kind: 'json', httpStatus: 200, body: { ok: true } });
		expect((await test()).message).toContain(NOT_RONGCLOUD_MESSAGE);
		emulator.failNext({ kind: 'text', httpStatus: 200, body: 'hello' });
		expect((await test()).message).toContain(NOT_RONGCLOUD_MESSAGE);
	});

	const codes = (Object.keys(RONGCLOUD_ERROR_CODES).map(Number) as RongCloudErrorCode[]).filter((code) => code !== 200);
	it.each(codes)('RongCloud code %s fails the test, with the code in words', async (code) => {
		emulator.failNextWithCode(code);
		const verdict = await test();
		expect(verdict.status).toBe('Error');
		expect(verdict.message).toMatch(new RegExp(`^RongCloud code ${code}: \\S`));
	});

	it('a redirect is not followed: the third party it names receives nothing', async () => {
		emulator.failNext({ kind: 'redirect', httpStatus: 307, location: `${thirdParty.baseUrl}/user/checkOnline.json` });
		thirdParty.failNext({ kind: 'json', httpStatus: 200, body: { code: 200 } });
		expect(await test()).toEqual({ status: 'Error', message: expect.stringContaining(`HTTP 307, a redirect to ${new URL(thirdParty.baseUrl).host}`) });
		expect(thirdParty.requests).toHaveLength(0);
	});
});

describe('the credential belongs to this package\'s node', () => {
	it('restricts itself to the RongCloud Broadcast node, by the name its package declares', () => {
		const credential = new RongCloudApi();
		expect(credential.restrictToSupportedNodes).toBe(true);
		expect(credential.supportedNodes).toEqual([new RongCloudBroadcast().description.name]);
	});

	it('so n8n\'s runtime guard lets the node and its tool variant use it, and no other node', () => {
		const helper = new HarnessCredentialsHelper(new Map([['rongCloudApi', new RongCloudApi()]]), {});
		expect(helper.isCredentialUsableByNode('rongCloudApi', `${NODE_TYPE_PREFIX}.rongCloudBroadcast`)).toBe(true);
		expect(helper.isCredentialUsableByNode('rongCloudApi', `${NODE_TYPE_PREFIX}.rongCloudBroadcastTool`)).toBe(true);
		for (const other of ['n8n-nodes-base.httpRequest', 'n8n-nodes-base.httpRequestTool', 'n8n-nodes-base.graphql', 'rongCloudBroadcast']) {
			expect(helper.isCredentialUsableByNode('rongCloudApi', other)).toBe(false);
		}
	});
});
