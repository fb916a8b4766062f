/**
 * Nexconn's API v4, through the real execute() against the emulator speaking v4: every operation
 * with the same parameters and output shape as on v1 (a workflow moves by changing the
 * credential), v4's answers read (code 0, either name of the message ID), its refusals in words,
 * what v4 lacks refused before anything leaves, the credential test on v4's read-only call, and
 * failover, redirects and redaction as on v1.
 */
import type { IDataObject } from 'n8n-workflow';

import { RongCloudApi } from '../../../../../credentials/RongCloudApi.credentials';
import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET, V4_PATHS } from '../../../../support/emulator';
import { runCredentialTest } from '../../../../support/credentialTest';
import { refusedPort } from '../../../../support/faultServers';
import { VALID_PUSH, VALID_RECALL, VALID_SEND } from '../../../../support/ruleViolations';
import { outputJson, runBroadcast } from '../../../../support/runBroadcast';
import { withEmulator } from '../../../../support/withEmulator';

const V4 = { apiVersion: 'v4' };
const PUSH_WITH_MESSAGE = { ...VALID_PUSH, sendMessage: true, fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'hello' };

describe("Nexconn's API v4", () => {
	const emulator = withEmulator();
	const bodyOf = (path: string, index = 0) => emulator.requestsTo(path)[index]?.json as IDataObject;

	it('Send to All Users: broadcast-all with messageType, typed values, and the messageId output as messageUID', async () => {
		const [json] = outputJson(
			await runBroadcast(emulator, { parameters: { ...VALID_SEND, options: { contentAvailable: true, disableUpdateLastMsg: true, pushContent: 'p' } }, credentials: V4 }),
		);
		expect(bodyOf(V4_PATHS.broadcastAll)).toEqual({
			fromUserId: 'system',
			messageType: 'RC:TxtMsg',
			content: '{"content":"hello"}',
			pushContent: 'p',
			contentAvailable: 1,
			disableUpdateLastMsg: true,
		});
		const answer = emulator.requestsTo(V4_PATHS.broadcastAll)[0].response?.body as { result: { messageId: string } };
		expect(json).toMatchObject({ code: 0, messageUID: answer.result.messageId, fromUserId: 'system', objectName: 'RC:TxtMsg' });
		expect(emulator.requests[0].signatureValid).toBe(true);
	});

	it("the documentation pages' name for the ID (result.messageUID) is read too", async () => {
		emulator.setApp({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, v4IdName: 'messageUID' });
		const [json] = outputJson(await runBroadcast(emulator, { parameters: { ...VALID_SEND, operation: 'sendOnline' }, credentials: V4 }));
		const answer = emulator.requestsTo(V4_PATHS.broadcastOnline)[0].response?.body as { result: { messageUID: string } };
		expect(json.messageUID).toBe(answer.result.messageUID);
		expect(json.warning).toBeUndefined();
	});

	it('Send then Recall: broadcast/delete with messageId, sentAt as a number and isAdmin 0/1, chained with no typing', async () => {
		const [sent] = outputJson(await runBroadcast(emulator, { parameters: VALID_SEND, credentials: V4 }));
		const [recalled] = outputJson(
			await runBroadcast(emulator, {
				parameters: { operation: 'recall', sentTime: '1585127132438', options: { isAdmin: true } },
				items: [{ json: sent as IDataObject }],
				credentials: V4,
			}),
		);
		expect(bodyOf(V4_PATHS.recall)).toEqual({ fromUserId: 'system', messageId: sent.messageUID, sentAt: 1585127132438, isAdmin: 1 });
		expect(recalled).toMatchObject({ code: 0, messageUID: sent.messageUID });
	});

	it.each([
		['all users', {}, V4_PATHS.taggedPush, { isToAll: true }],
		['tags (OR) narrowed by a package', { audience: 'tag_or', tags: 'a, b', audienceFilters: { packageName: 'com.x' } }, V4_PATHS.packagePush, { tagOr: ['a', 'b'], packageName: 'com.x', isToAll: false }],
		['user IDs', { audience: 'userid', userIds: 'u1' }, V4_PATHS.taggedPush, { userId: ['u1'], isToAll: false }],
	])('Push Notification to %s: the v4 path for the audience, camel-case audience, id and messageUID output', async (_name, audience, path, wire) => {
		const [json] = outputJson(await runBroadcast(emulator, { parameters: { ...PUSH_WITH_MESSAGE, ...audience }, credentials: V4 }));
		expect(bodyOf(path).audience).toEqual(wire);
		expect((bodyOf(path).message as IDataObject).messageType).toBe('RC:TxtMsg');
		const answer = emulator.requestsTo(path)[0].response?.body as { result: { id: string; messageId: string } };
		expect(json).toMatchObject({ code: 0, id: answer.result.id, messageUID: answer.result.messageId });
	});

	it('what v4 lacks is refused before anything leaves, naming the generation: a push without a system message, the OS of the push, an Idempotency Key', async () => {
		for (const parameters of [VALID_PUSH, { ...VALID_SEND, options: { os: 'iOS' } }, { ...VALID_SEND, options: { msgRandom: 7 } }]) {
			const result = await runBroadcast(emulator, { parameters, credentials: V4 });
			expect(result.error?.message).toContain("is not part of Nexconn's API v4");
		}
		expect(emulator.requests).toHaveLength(0);
	});

	it("v4's refusals in words: the quota (1008) says what to do, and the item was not delivered", async () => {
		emulator.failNextWithCode(1008);
		const result = await runBroadcast(emulator, { parameters: VALID_SEND, credentials: V4 });
		const error = result.error as Error & { description?: string; context?: IDataObject };
		expect(error.message).toContain('RongCloud error 1008: rate limit exceeded (HTTP 429)');
		expect(error.description).toContain('2 per hour');
		expect(error.context?.mayHaveBeenDelivered).toBe(false);
	});

	it('a v1 success code on a v4 call is not a success: code 200 without a result proves nothing', async () => {
		emulator.failNext({ kind: 'json', httpStatus: 200, body: { code: 200, messageUID: 'X-Y-Z-W' } });
		const result = await runBroadcast(emulator, { parameters: VALID_SEND, credentials: V4 });
		expect(result.error?.message).toContain('RongCloud error 200');
		expect(result.error?.message).toContain('may have been delivered');
	});

	it("an answer in the other generation's success shape says to check the credential's API Version, both ways", async () => {
		emulator.failNext({ kind: 'json', httpStatus: 200, body: { code: 200, messageUID: 'X-Y-Z-W' } });
		const onV4 = (await runBroadcast(emulator, { parameters: VALID_SEND, credentials: V4 })).error as Error & { description?: string };
		expect(onV4.description).toContain("Code 200 is RongCloud v1's success: check the credential's API Version (it is set to Nexconn v4).");
		emulator.failNext({ kind: 'json', httpStatus: 200, body: { code: 0, result: { messageId: 'X-Y-Z-W' } } });
		const onV1 = (await runBroadcast(emulator, { parameters: VALID_SEND })).error as Error & { description?: string };
		expect(onV1.description).toContain("Code 0 is Nexconn v4's success: check the credential's API Version (it is set to RongCloud v1).");
		// A refusal of this generation's own says nothing of the API Version.
		emulator.failNextWithCode(1008);
		const refused = (await runBroadcast(emulator, { parameters: VALID_SEND, credentials: V4 })).error as Error & { description?: string };
		expect(refused.description).not.toContain('API Version');
	});

	it('fails over to the backup domain only when the primary provably never got the request, as on v1', async () => {
		const refused = `http://127.0.0.1:${await refusedPort()}`;
		const [json] = outputJson(await runBroadcast(emulator, { parameters: VALID_SEND, credentials: { ...V4, baseUrl: refused, backupBaseUrl: emulator.baseUrl } }));
		expect(json).toMatchObject({ code: 0, servedByBackupDomain: emulator.baseUrl });
	});

	// Nexconn documents v4 on the Singapore, North America and Saudi Arabia data centres only: elsewhere it is sent, and said.
	it.each(['china', 'singaporeB'])('on the %s data centre, where no source documents v4, the request is shown with a warning', async (region) => {
		const [json] = outputJson(await runBroadcast(emulator, { parameters: { ...VALID_SEND, options: { dryRun: true } }, credentials: { ...V4, region } }));
		expect(json.url).toMatch(/^https:\/\/api\.(rong-api|sg-b-light-api)\.com\/v4\//);
		expect(json.warning).toMatch(/Nexconn documents its v4 API for the Singapore, North America and Saudi Arabia data centers/);
	});

	it.each(['singapore', 'northAmerica', 'saudiArabia', 'custom'])('on the %s data centre no such warning is given', async (region) => {
		const [json] = outputJson(await runBroadcast(emulator, { parameters: { ...VALID_SEND, options: { dryRun: true } }, credentials: { ...V4, region } }));
		expect(json.warning).toBeUndefined();
	});

	it('Dry Run shows the exact v4 request and sends nothing', async () => {
		const [json] = outputJson(await runBroadcast(emulator, { parameters: { ...VALID_RECALL, options: { dryRun: true } }, credentials: V4 }));
		expect(emulator.requests).toHaveLength(0);
		expect(json.url).toBe(`${emulator.baseUrl}${V4_PATHS.recall}`);
		expect(json.body).toEqual({ fromUserId: 'system', messageId: 'BVQK-8CSS-N3S5-U3ML', sentAt: 1585127132438 });
		expect(json.encodedBody).toBe(JSON.stringify(json.body));
	});

	describe('the credential test', () => {
		const credential = (overrides: IDataObject = {}) => ({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, region: 'custom', baseUrl: emulator.baseUrl, ...V4, ...overrides });

		it("passes on v4's read-only connection-status call, signed, reaching nobody", async () => {
			const verdict = await runCredentialTest(new RongCloudApi(), credential());
			expect(verdict).toEqual({ status: 'OK', message: 'Connection successful: Nexconn accepted the App Key and App Secret (API v4).' });
			expect(emulator.requests.map((request) => [request.path, request.json])).toEqual([[V4_PATHS.connectionStatus, { userId: 'n8n-credential-test' }]]);
			expect(emulator.requests[0].signatureValid).toBe(true);
		});

		it('a wrong secret fails with code 1004 in words', async () => {
			const verdict = await runCredentialTest(new RongCloudApi(), credential({ appSecret: 'wrong' }));
			expect(verdict.status).toBe('Error');
			expect(verdict.message).toContain('RongCloud code 1004');
		});

		it("v1's success code 200 is no v4 success", async () => {
			emulator.failNext({ kind: 'json', httpStatus: 200, body: { code: 200 } });
			const verdict = await runCredentialTest(new RongCloudApi(), credential());
			expect(verdict.status).toBe('Error');
		});
	});
});
