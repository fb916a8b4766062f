/* eslint-disable
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
import { createServer } from 'node:net';

import { NodeApiError, type INodeParameters } from 'n8n-workflow';

import { DEFAULT_APP_SECRET } from '../../../support/emulator';
import { outputJson, runBroadcast } from '../../../support/runBroadcast';
import { withEmulator } from '../../../support/withEmulator';
import { MAY_HAVE_BEEN_DELIVERED_IN_SHORT } from '../../../../nodes/RongCloudBroadcast/transport/apiErrors';

const TEXT_SEND = { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'hello' };

/** A loopback port with nothing listening: connections are refused. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

describe('API failures become readable errors', () => {
	const emulator = withEmulator();

	const failingSend = async (options: INodeParameters = {}, credentials?: Record<string, string>) => {
		const result = await runBroadcast(emulator, { parameters: { ...TEXT_SEND, options }, credentials });
		expect(result.error).toBeInstanceOf(NodeApiError);
		const error = result.error as NodeApiError;
		expect(String(error.message)).not.toContain(DEFAULT_APP_SECRET);
		expect(String(error.description)).not.toContain(DEFAULT_APP_SECRET);
		for (const signature of emulator.acceptedSignatures) {
			expect(JSON.stringify(error)).not.toContain(signature);
		}
		return error;
	};

	it('1009: the service is not enabled, and how to enable it', async () => {
		emulator.setApp({ appKey: 'test-app-key', appSecret: DEFAULT_APP_SECRET, broadcastEnabled: false });
		try {
			const error = await failingSend();
			expect(error.message).toContain('RongCloud error 1009');
			expect(error.message).toContain('not enabled');
			expect(error.description).toContain('Enable the broadcast service');
			expect(error.description).toContain('Nothing was delivered');
			expect(error.httpCode).toBe('430');
		} finally {
			emulator.setApp({ appKey: 'test-app-key', appSecret: DEFAULT_APP_SECRET, broadcastEnabled: true });
		}
	});

	it('1008 / HTTP 429: the quota, in numbers, when the emulator\'s real quota runs out', async () => {
		for (let i = 0; i < 2; i++) {
			expect((await runBroadcast(emulator, { parameters: TEXT_SEND })).error).toBeUndefined();
		}
		const error = await failingSend();
		expect(error.message).toContain('RongCloud error 1008');
		expect(error.message).toContain('HTTP 429');
		expect(error.description).toContain('2 per hour, 3 per calendar day');
		expect(error.description).toContain('Dry Run');
		expect(emulator.requestsTo('/message/broadcast.json')).toHaveLength(3);
	});

	it('1004: a wrong App Secret is named, the secret is not', async () => {
		const error = await failingSend({}, { appSecret: 'wrong-secret-value' });
		expect(error.message).toContain('RongCloud error 1004: signature verification failed');
		expect(error.description).toContain('Check the App Secret');
		expect(JSON.stringify(error)).not.toContain('wrong-secret-value');
	});

	it('1001: an App Key the server does not know', async () => {
		const error = await failingSend({}, { appKey: 'someone-elses-key' });
		expect(error.message).toContain('RongCloud error 1001');
		expect(error.description).toContain('Copy the App Key and the App Secret again');
	});

	it('1002: the server\'s own words are passed on', async () => {
		emulator.failNext({ kind: 'code', code: 1002, httpStatus: 400, errorMessage: 'fromUserId is not registered' });
		const error = await failingSend();
		expect(error.message).toContain('RongCloud error 1002');
		expect(error.message).toContain('fromUserId is not registered');
	});

	it('1005: parameter too long, with the server text', async () => {
		emulator.failNext({ kind: 'code', code: 1005, httpStatus: 400, errorMessage: 'pushContent too long' });
		const error = await failingSend();
		expect(error.message).toContain('RongCloud error 1005: parameter too long');
		expect(error.message).toContain('pushContent too long');
	});

	it('500 / 1000: may have been delivered, so no automatic re-send', async () => {
		emulator.failNextWithCode(1000);
		const error = await failingSend();
		expect(error.message).toContain('RongCloud error 1000');
		expect(error.description).toContain('may already have been delivered');
		expect(emulator.requests).toHaveLength(1);
	});

	it('an HTML 502 from a gateway', async () => {
		emulator.failNext({ kind: 'html', httpStatus: 502 });
		const error = await failingSend();
		expect(error.message).toBe(`RongCloud answered HTTP 502 with an HTML page instead of JSON. ${MAY_HAVE_BEEN_DELIVERED_IN_SHORT}`);
		expect(error.description).toContain('gateway or proxy');
		expect(emulator.requests).toHaveLength(1);
	});

	it('a server that never answers: the timeout option, and a warning that it may have been delivered', async () => {
		emulator.failNext({ kind: 'hang' });
		const error = await failingSend({ timeout: 300 });
		expect(error.message).toMatch(/No answer from RongCloud \(127\.0\.0\.1:\d+\) within 300 ms/);
		expect(error.description).toContain('may already have been delivered');
		expect(emulator.requests).toHaveLength(1);
	});

	it('a refused connection: nothing was delivered', async () => {
		const port = await closedPort();
		const error = await failingSend({}, { baseUrl: `http://127.0.0.1:${port}` });
		expect(error.message).toBe(`Could not reach RongCloud at 127.0.0.1:${port}: the connection was refused.`);
		expect(error.description).toContain('Nothing was delivered');
	});

	it('Continue On Fail turns each failure into an item with the error and the code', async () => {
		emulator.failNextWithCode(1009);
		const result = await runBroadcast(emulator, {
			parameters: { ...TEXT_SEND, text: '={{ $json.t }}' },
			items: [{ json: { t: 'first' } }, { json: { t: 'second' } }],
			continueOnFail: true,
		});
		const [failed, sent] = outputJson(result);
		expect(failed).toMatchObject({ code: 1009, httpCode: 430, mayHaveBeenDelivered: false });
		expect(String(failed.error)).toContain('RongCloud error 1009');
		expect(typeof failed.requestId).toBe('string');
		expect(sent).toMatchObject({ code: 200 });
		expect(result.output![0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(JSON.stringify(result.output)).not.toContain(DEFAULT_APP_SECRET);
	});
});
