/**
 * Servers that answer in ways RongCloud never does: a redirect, a body that trickles or never
 * ends, an answer of megabytes, an error page that echoes the request's headers. Each is run
 * through the node's real execute(); what must hold is what the node promises: nothing goes to a
 * host the credential does not name, one deadline bounds the whole exchange, the answer read is
 * bounded, and no usable signature reaches an error.
 */
import { NodeApiError, sleep, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { MAY_HAVE_BEEN_DELIVERED, MAY_HAVE_BEEN_DELIVERED_IN_SHORT } from '../../../../nodes/RongCloudBroadcast/transport/apiErrors';
import { MAX_ANSWER_BYTES } from '../../../../nodes/RongCloudBroadcast/shared/limits';
import { refusedPort } from '../../../support/faultServers';
import { VALID_PUSH } from '../../../support/ruleViolations';
import type { RunNodeResult } from '../../../support/runNode';
import { runBroadcast } from '../../../support/runBroadcast';
import { withEmulator, withEmulatorPair } from '../../../support/withEmulator';

const BROADCAST = '/message/broadcast.json';
const SEND = { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'hello' };

const host = (baseUrl: string) => new URL(baseUrl).host;

function failure(result: RunNodeResult): NodeApiError {
	expect(result.error).toBeInstanceOf(NodeApiError);
	return result.error as NodeApiError;
}

describe('hostile and misconfigured servers', () => {
	const servers = withEmulatorPair();
	/** A third party a redirect points at: it would accept anything and answer a fake success. */
	const thirdParty = withEmulator();
	beforeEach(() => {
		thirdParty.failNext({ kind: 'json', httpStatus: 200, body: { code: 200, messageUID: 'FAKE-FAKE-FAKE-FAKE' } }, { times: 10 });
	});

	const send = async (parameters: INodeParameters, credentials: Record<string, string> = {}) =>
		await runBroadcast(servers.primary, {
			parameters,
			credentials: { backupBaseUrl: servers.backup.baseUrl, ...credentials },
		});

	describe('redirects are never followed', () => {
		it.each([301, 302, 303, 307, 308] as const)(
			'HTTP %s to another host: an error naming the status and that host, nothing sent there, no failover',
			async (status) => {
				servers.primary.failNext({ kind: 'redirect', httpStatus: status, location: `${thirdParty.baseUrl}${BROADCAST}?via=redirect` });
				const error = failure(await send({ ...SEND, options: {} }));
				expect(error.message).toContain(`HTTP ${status}`);
				expect(error.message).toContain(`a redirect to ${host(thirdParty.baseUrl)}`);
				expect(error.message).not.toContain('via=redirect');
				expect(error.description).toContain(`The request reached ${host(servers.primary.baseUrl)}`);
				expect(error.description).toContain(MAY_HAVE_BEEN_DELIVERED);
				expect(error.context.mayHaveBeenDelivered).toBe(true);
				expect(servers.primary.requests).toHaveLength(1);
				expect(thirdParty.requests).toHaveLength(0);
				expect(servers.backup.requests).toHaveLength(0);
			},
		);

		it('a 307 to a refused port: the primary got the request, so there is no failover either', async () => {
			servers.primary.failNext({ kind: 'redirect', httpStatus: 307, location: `http://127.0.0.1:${await refusedPort()}${BROADCAST}` });
			const error = failure(await send({ ...SEND, options: {} }));
			expect(error.message).toContain('HTTP 307');
			expect(servers.backup.requests).toHaveLength(0);
		});

		it('a redirect without a Location header still fails, in words', async () => {
			servers.primary.failNext({ kind: 'redirect', httpStatus: 302, location: '' });
			const error = failure(await send({ ...SEND, options: {} }));
			expect(error.message).toContain('HTTP 302, a redirect to no address');
		});

		it('push (a JSON body) is not redirected either', async () => {
			servers.primary.failNext({ kind: 'redirect', httpStatus: 308, location: `${thirdParty.baseUrl}/push.json` });
			const error = failure(await send(VALID_PUSH));
			expect(error.message).toContain('HTTP 308');
			expect(thirdParty.requests).toHaveLength(0);
		});
	});

	describe('one deadline for the whole exchange', () => {
		it('a body trickled one byte at a time: the Timeout bounds it, the connection is closed, and the error says it may have been delivered', async () => {
			servers.primary.failNext({ kind: 'trickle', intervalMs: 150 });
			const started = Date.now();
			const error = failure(await send({ ...SEND, options: { timeout: 1000 } }));
			const elapsed = Date.now() - started;
			// The whole answer would take ~45 ticks (about 7 s); n8n's own timeout alone let it run.
			expect(elapsed).toBeLessThan(4000);
			expect(error.message).toMatch(/within 1000 ms/);
			expect(error.description).toContain(MAY_HAVE_BEEN_DELIVERED);
			const [request] = servers.primary.requests;
			await waitFor(() => request.abandonedByClientAt !== undefined);
			expect(request.abandonedByClientAt! - request.receivedAt).toBeLessThan(3000);
		});

		it('a body that never ends: the node does not hang', async () => {
			servers.primary.failNext({ kind: 'trickle', intervalMs: 20, endless: true });
			const error = failure(await send({ ...SEND, options: { timeout: 800 } }));
			expect(error.message).toMatch(/within 800 ms/);
			const [request] = servers.primary.requests;
			await waitFor(() => request.abandonedByClientAt !== undefined);
		});

		it('headers, then silence: the deadline ends the wait and closes the connection', async () => {
			servers.primary.failNext({ kind: 'trickle', intervalMs: 60_000 });
			const error = failure(await send({ ...SEND, options: { timeout: 700 } }));
			expect(error.message).toMatch(/within 700 ms/);
			const [request] = servers.primary.requests;
			await waitFor(() => request.abandonedByClientAt !== undefined);
			expect(request.abandonedByClientAt! - request.receivedAt).toBeLessThan(3000);
		});

		it('a server that never answers at all: the same deadline', async () => {
			servers.primary.failNext({ kind: 'hang' });
			const error = failure(await send({ ...SEND, options: { timeout: 500 } }));
			expect(error.message).toMatch(/within 500 ms/);
		});
	});

	describe('the answer read is bounded', () => {
		it.each([
			['streamed without a length', false],
			['with a Content-Length header', true],
		])('a 64 MB answer %s: a clear error after at most the limit was read', async (_name, declareLength) => {
			servers.primary.failNext({ kind: 'large', bytes: 64 * 1024 * 1024, declareLength });
			const error = failure(await send({ ...SEND, options: { timeout: 10000 } }));
			expect(error.message).toContain(`larger than ${MAX_ANSWER_BYTES / 1024} KB`);
			expect(error.message).toContain('HTTP 200');
			expect(error.description).toContain(MAY_HAVE_BEEN_DELIVERED);
			expect(error.context.mayHaveBeenDelivered).toBe(true);
			const [request] = servers.primary.requests;
			await waitFor(() => request.abandonedByClientAt !== undefined);
			expect(servers.backup.requests).toHaveLength(0);
		});

		it('an answer just under the limit is still read (an HTML page of 60 KB)', async () => {
			servers.primary.failNext({ kind: 'text', httpStatus: 502, body: `<html>${'x'.repeat(60 * 1024)}</html>` });
			const error = failure(await send({ ...SEND, options: {} }));
			expect(error.message).toBe(`RongCloud answered HTTP 502 with an HTML page instead of JSON. ${MAY_HAVE_BEEN_DELIVERED_IN_SHORT}`);
		});
	});

	describe('what a server echoes is not passed on', () => {
		it.each(['json', 'html'] as const)('an error %s quoting the request headers: no Signature, Nonce or Timestamp in the error', async (as) => {
			servers.primary.failNext({ kind: 'echoHeaders', httpStatus: 400, as });
			const result = await send({ ...SEND, options: {} });
			const error = failure(result);
			const [request] = servers.primary.requests;
			const { signature, nonce, timestamp } = request.headers;
			expect(signature).toMatch(/^[0-9a-f]{40}$/);
			// The echo really carried them: the server's own answer has them.
			expect(JSON.stringify(request.response?.body)).toContain(signature);
			const text = `${error.message}\n${error.description}\n${JSON.stringify(error)}`;
			for (const value of [signature, nonce, timestamp]) expect(text).not.toContain(value);
			expect(text).toContain('[redacted]');
			// What is harmless still helps: the App Key and the path stay readable.
			if (as === 'json') expect(error.message).toContain('app-key: test-app-key');
		});
	});

	it('a success without a messageUID is kept, with a warning that it cannot be recalled', async () => {
		servers.primary.failNext({ kind: 'json', httpStatus: 200, body: { code: 200 } });
		const result = await send({ ...SEND, options: {} });
		expect(result.error).toBeUndefined();
		const [json] = (result.output?.[0] ?? []).map((item) => item.json as IDataObject);
		expect(json.code).toBe(200);
		expect(json.messageUID).toBeUndefined();
		expect(String(json.warning)).toContain('without a usable messageUID');
		expect(String(json.warning)).toContain('cannot be recalled');
	});

	it('a push answered without an id gets the same kind of warning; a normal answer none', async () => {
		servers.primary.failNext({ kind: 'json', httpStatus: 200, body: { code: 200 } });
		const [withoutId] = (await send(VALID_PUSH)).output?.[0] ?? [];
		expect(String(withoutId.json.warning)).toContain('without a usable push id');
		const [normal] = (await send({ ...SEND, options: {} })).output?.[0] ?? [];
		expect(normal.json.warning).toBeUndefined();
		expect(normal.json.messageUID).toEqual(expect.any(String));
	});
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
	const until = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > until) throw new Error('condition not met in time');
		await sleep(25);
	}
}
