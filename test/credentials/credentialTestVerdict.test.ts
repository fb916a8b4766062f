/**
 * The credential test, as n8n runs it (test/support/credentialTest.ts), must prove it reached
 * RongCloud: only HTTP 200 with the JSON number 200 as its code is a success. Besides RongCloud's
 * own error codes (see RongCloudApi.credentials.test.ts), the JSON errors of a gateway or of a Base
 * URL with a wrong path, a code that is null, false, 0, quoted or unknown, a success code on an
 * error status and a redirect fail it in words, and one deadline bounds the whole exchange.
 */
import { sleep } from 'n8n-workflow';

import { RongCloudApi } from '../../credentials/RongCloudApi.credentials';
import { runCredentialTest, type CredentialTestVerdict } from '../support/credentialTest';
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
		['the code 1004 as text', { code: '1004', errorMessage: 'signature error' }, 'the "code" "1004", which is not a number as RongCloud\'s is'],
		['a gateway 503 as text', { code: '503' }, 'the "code" "503", which is not a number'],
		['code 0', { code: 0 }, 'The server answered code 0 (HTTP 200), which is not one of the RongCloud Server API\'s codes'],
		['code false', { code: false, error: 'forbidden' }, 'This is not a RongCloud Server API'],
		['an empty code', { code: '' }, 'This is not a RongCloud Server API'],
	])('%s is not "Connection successful!"', async (_name, body, words) => {
		emulator.failNext({ kind: 'json', httpStatus: 200, body });
		const verdict = await runCredentialTest(new RongCloudApi(), credentials(emulator.baseUrl));
		expect(emulator.requests).toHaveLength(1);
		expect(verdict.status).toBe('Error');
		expect(verdict.message).toContain(words);
	});
});

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

/** A sentence a person can act on: words, a full stop, and never a bare system code. */
function expectSentence(verdict: CredentialTestVerdict): void {
	expect(verdict.status).toBe('Error');
	expect(verdict.message).toMatch(/^[A-Z].{40,}[.)"]$/s);
	expect(verdict.message).not.toMatch(/^[A-Z_]+$/);
}

describe('the credential test passes only RongCloud\'s success', () => {
	const emulator = withEmulator();
	const test = async () =>
		await runCredentialTest(new RongCloudApi(), { appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, region: 'custom', baseUrl: emulator.baseUrl });
	const answer = (status: number, body: string, headers: Record<string, string> = JSON_TYPE) =>
		emulator.failNext({ kind: 'custom', answer: () => ({ status, headers, body }) });

	it('HTTP 200 with the number 200: success', async () => {
		answer(200, '{"code":200,"status":[]}');
		expect((await test()).status).toBe('OK');
	});

	it('a byte order mark before that answer is still RongCloud\'s JSON', async () => {
		answer(200, '\ufeff{"code":200}');
		expect((await test()).status).toBe('OK');
	});

	it.each([
		['HTTP 500 whose body says code 200', 500, '{"code":200}', /HTTP 500/],
		['HTTP 401 whose body says code 200', 401, '{"code":200}', /HTTP 401/],
		['HTTP 201 with code 200', 201, '{"code":200}', /HTTP 201/],
		['code -1', 200, '{"code":-1}', /code -1/],
		['code "1004 " as text', 200, '{"code":"1004 "}', /"1004 "/],
		['code "200" as text', 200, '{"code":"200"}', /"200"/],
		['code 1015, which RongCloud does not document', 200, '{"code":1015}', /code 1015/],
		['an HTML page', 200, '<html><body>Welcome</body></html>', /HTML/],
		['an empty body', 200, '', /empty/],
		['JSON without a code', 200, '{"ok":true}', /no "code"|no RongCloud code/],
	])('%s: an error in words', async (_name, status, body, words) => {
		answer(status, body);
		const verdict = await test();
		expectSentence(verdict);
		expect(verdict.message).toMatch(words);
	});

	it('a 302 whose body says code 200: a redirect, not a success, and nothing is sent where it points', async () => {
		const elsewhere = 'http://127.0.0.1:9/user/checkOnline.json';
		answer(302, '{"code":200}', { ...JSON_TYPE, location: elsewhere });
		const verdict = await test();
		expectSentence(verdict);
		expect(verdict.message).toMatch(/redirect/);
		expect(verdict.message).toContain('HTTP 302');
	});

	it('RongCloud\'s own refusal keeps its words', async () => {
		const verdict = await runCredentialTest(new RongCloudApi(), { appKey: DEFAULT_APP_KEY, appSecret: 'wrong', region: 'custom', baseUrl: emulator.baseUrl });
		expectSentence(verdict);
		expect(verdict.message).toContain('RongCloud code 1004: signature verification failed');
	});

	it('an errorMessage that echoes the request\'s signature is quoted without it', async () => {
		emulator.failNext({
			kind: 'custom',
			answer: (request) => ({ status: 401, headers: JSON_TYPE, body: JSON.stringify({ code: 1004, errorMessage: `bad ${request.headers.signature.toUpperCase().match(/.{8}/g)?.join('-')}` }) }),
		});
		const verdict = await test();
		expectSentence(verdict);
		expect(verdict.message).toContain('RongCloud said: "bad [redacted]"');
	});
});

describe('the credential test has one deadline for the whole exchange', () => {
	const emulator = withEmulator();
	const test = async () =>
		await runCredentialTest(new RongCloudApi(), { appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, region: 'custom', baseUrl: emulator.baseUrl });

	it('a body that trickles for a minute: an error in words after about 10 s, the connection closed', async () => {
		emulator.failNext({ kind: 'trickle', intervalMs: 1500 });
		const started = Date.now();
		const verdict = await test();
		const elapsed = Date.now() - started;
		expectSentence(verdict);
		expect(verdict.message).toMatch(/10 seconds/);
		expect(elapsed).toBeGreaterThanOrEqual(9_500);
		expect(elapsed).toBeLessThan(14_000);
		const [request] = emulator.requests;
		const until = Date.now() + 3000;
		while (request.abandonedByClientAt === undefined && Date.now() < until) await sleep(50);
		expect(request.abandonedByClientAt).toBeDefined();
	}, 30_000);

	it('a server that never answers: a sentence, never a bare ECONNABORTED', async () => {
		emulator.failNext({ kind: 'hang' });
		const verdict = await test();
		expectSentence(verdict);
		expect(verdict.message).toMatch(/10 seconds/);
		expect(verdict.message).not.toBe('ECONNABORTED');
	}, 30_000);
});
