/* eslint-disable
	@n8n/community-nodes/no-dangerous-functions
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
import type { IHttpRequestOptions } from 'n8n-workflow';

import { RongCloudApi } from '../../credentials/RongCloudApi.credentials';
import { REGIONS, resolveEndpoints } from '../../nodes/RongCloudBroadcast/shared/regions';
import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET, startEmulator, type RongCloudEmulator } from '../support/emulator';

/** The credential test's baseURL is an n8n expression; evaluate it the way n8n's sandbox would. */
function testBaseUrl(credentials: Record<string, string>): string {
	const expression = String(new RongCloudApi().test.request.baseURL).replace(/^=\{\{([\s\S]*)\}\}$/, '$1');
	return new Function('$credentials', `return (${expression});`)(credentials) as string;
}

async function sendSigned(emulator: RongCloudEmulator, secret: string) {
	const credential = new RongCloudApi();
	const { request } = credential.test;
	const signed = (await credential.authenticate({ appKey: DEFAULT_APP_KEY, appSecret: secret }, {
		url: `${emulator.baseUrl}${request.url}`,
		method: request.method,
		headers: request.headers,
		body: request.body,
	} as IHttpRequestOptions)) as IHttpRequestOptions;
	const response = await fetch(signed.url, {
		method: 'POST',
		headers: signed.headers as Record<string, string>,
		body: signed.body as string,
	});
	return { status: response.status, body: (await response.json()) as { code: number } };
}

describe('RongCloud API credential', () => {
	let emulator: RongCloudEmulator;
	beforeAll(async () => {
		emulator = await startEmulator();
	});
	afterAll(async () => await emulator.close());

	it('keeps the stable field names saved credentials depend on', () => {
		const credential = new RongCloudApi();
		expect(credential.name).toBe('rongCloudApi');
		expect(credential.properties.map((p) => p.name)).toEqual(['appKey', 'appSecret', 'region', 'baseUrl', 'backupBaseUrl']);
		expect(credential.properties[1].typeOptions?.password).toBe(true);
		const region = credential.properties[2];
		expect(region.default).toBe('china');
		expect(region.options?.map((o) => (o as { value: string }).value)).toEqual([
			'china', 'singapore', 'singaporeB', 'northAmerica', 'saudiArabia', 'custom',
		]);
	});

	it('the credential test calls a read-only endpoint on the region\'s primary domain', () => {
		expect(testBaseUrl({ region: 'china' })).toBe('https://api.rong-api.com');
		expect(testBaseUrl({ region: 'saudiArabia' })).toBe('https://api.sau-light-api.com');
		expect(testBaseUrl({ region: 'custom', baseUrl: 'http://127.0.0.1:9000/' })).toBe('http://127.0.0.1:9000');
		for (const [id, region] of Object.entries(REGIONS)) {
			expect(resolveEndpoints({ region: id })).toEqual({ primary: region.primary, backup: region.backup });
		}
		expect(new RongCloudApi().test.request.url).toBe('/user/checkOnline.json');
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

	it('a wrong secret gets 401, which the test rule turns into words about the key/secret pair', async () => {
		const { status, body } = await sendSigned(emulator, 'not-the-secret');
		expect(status).toBe(401);
		expect(body.code).toBe(1004);
		const rules = new RongCloudApi().test.rules ?? [];
		const rule = rules.find((r) => r.type === 'responseSuccessBody' && r.properties.value === body.code);
		expect(rule?.properties.message).toContain('RongCloud code 1004: signature verification failed');
		expect(rule?.properties.message).toContain('App Secret is wrong');
		expect(new RongCloudApi().test.request.ignoreHttpStatusErrors).toBe(true);
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
		const rule = credential.test.rules?.find((r) => r.type === 'responseSuccessBody' && r.properties.value === code);
		expect(rule?.properties.message).toContain('the App Secret does not match the App Key');
	});

	it('rejects a malformed custom base URL with a clear message', () => {
		expect(() => resolveEndpoints({ region: 'custom', baseUrl: 'ftp://x' })).toThrow(
			'The credential\'s Base URL must start with https:// or http://',
		);
		expect(resolveEndpoints({ region: 'custom', baseUrl: 'http://a:1/', backupBaseUrl: 'http://b:2' })).toEqual({
			primary: 'http://a:1',
			backup: 'http://b:2',
		});
	});
});
