/**
 * Failover to the backup domain, counted at the servers: a broadcast goes to every user, so a
 * second attempt is only allowed when the primary provably never received the first one (DNS
 * failure, refused connection, failed TLS handshake). Every other fault (timeout, reset, 5xx,
 * HTML, 1050, a TLS stream that breaks after the request) ends with exactly one request in total.
 *
 * Region `custom`: Base URL = the primary under test, Backup Base URL = a second emulator.
 * Unless a test says otherwise, two items run with Continue On Fail, so every item is attempted.
 */
import { NodeApiError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';

import { MAY_HAVE_BEEN_DELIVERED, NOT_DELIVERED } from '../../../../nodes/RongCloudBroadcast/transport/apiErrors';
import { isNeverSent } from '../../../../nodes/RongCloudBroadcast/transport/networkErrors';
import {
	computeSignature,
	DEFAULT_APP_SECRET,
	type Fault,
	type RecordedRequest,
	type RongCloudEmulator,
} from '../../../support/emulator';
import {
	refusedPort,
	startGarbageTlsServer,
	startSelfSignedTlsServer,
	startTlsServerBreakingAfterRequest,
	trustCertificate,
	type FaultServer,
} from '../../../support/faultServers';
import { VALID_PUSH } from '../../../support/ruleViolations';
import type { RunNodeResult } from '../../../support/runNode';
import { outputJson, runBroadcast } from '../../../support/runBroadcast';
import { withEmulatorPair } from '../../../support/withEmulator';

const BROADCAST = '/message/broadcast.json';
/** Two items: the broadcast quota (2 per hour) lets both through when nothing fails. */
const ITEMS: INodeExecutionData[] = [{ json: { text: 'first item' } }, { json: { text: 'second item' } }];
const ONE_ITEM = ITEMS.slice(0, 1);
const SEND = { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: '={{ $json.text }}' };
/** A name that can never resolve (RFC 6761 `.invalid`): fails in milliseconds, internet or not. */
const UNRESOLVABLE = 'http://rongcloud-primary.invalid';

const host = (baseUrl: string) => new URL(baseUrl).host;
const textsOf = (requests: RecordedRequest[]) =>
	requests.map((r) => (JSON.parse(r.form?.content ?? '{}') as { content?: string }).content);
const itemTexts = (items: INodeExecutionData[]) => items.map((item) => item.json.text);

describe('failover to the backup domain', () => {
	const servers = withEmulatorPair();
	let primary: RongCloudEmulator;
	let backup: RongCloudEmulator;
	beforeEach(() => ({ primary, backup } = servers));

	interface RunOptions {
		items?: INodeExecutionData[];
		continueOnFail?: boolean;
		timeout?: number;
		backupBaseUrl?: string;
	}

	const run = async (baseUrl: string, options: RunOptions = {}): Promise<RunNodeResult> =>
		await runBroadcast(backup, {
			parameters: { ...SEND, options: { timeout: options.timeout ?? 3000 } },
			items: options.items ?? ITEMS,
			continueOnFail: options.continueOnFail ?? true,
			credentials: { baseUrl, backupBaseUrl: options.backupBaseUrl ?? backup.baseUrl },
		});

	/** The backup served every item, exactly once each, with a fresh valid signature per request. */
	function expectServedByBackup(result: RunNodeResult, items: INodeExecutionData[]): void {
		const output = outputJson(result);
		const requests = backup.requests;
		expect(requests).toHaveLength(items.length);
		expect(textsOf(requests)).toEqual(itemTexts(items));
		for (const [index, request] of requests.entries()) {
			expect(request.path).toBe(BROADCAST);
			const { nonce, timestamp, signature } = request.headers;
			expect(signature).toBe(computeSignature(DEFAULT_APP_SECRET, nonce, timestamp));
			// Signed now, for this request: the backup's clock and replay checks accepted it.
			expect(Math.abs(Number(timestamp) - request.receivedAt)).toBeLessThan(5000);
			expect(request.response?.status).toBe(200);
			expect(output[index]).toMatchObject({
				code: 200,
				servedByBackupDomain: backup.baseUrl,
				requestId: request.headers['x-request-id'],
				messageUID: (request.response?.body as IDataObject).messageUID,
			});
		}
		expect(backup.acceptedSignatures).toEqual(requests.map((r) => r.headers.signature));
		expect(new Set(requests.map((r) => r.headers.nonce)).size).toBe(items.length);
		expect(primary.requests).toHaveLength(0);
	}

	describe('the primary never received the request: re-sent once to the backup', () => {
		it('connection refused: one request at the backup, freshly signed, and the output says the backup served it', async () => {
			const result = await run(`http://127.0.0.1:${await refusedPort()}`, { items: ONE_ITEM, continueOnFail: false });
			expectServedByBackup(result, ONE_ITEM);
		});

		it('connection refused, several items: each item reaches the backup exactly once', async () => {
			expectServedByBackup(await run(`http://127.0.0.1:${await refusedPort()}`), ITEMS);
		});

		it('DNS failure (a .invalid name): fails over, and fast', async () => {
			const started = Date.now();
			// A generous timeout: a resolver that hangs instead of answering NXDOMAIN would end in a
			// timeout, which (rightly) never fails over. Here the answer takes tens of milliseconds.
			const result = await run(UNRESOLVABLE, { timeout: 10000 });
			expectServedByBackup(result, ITEMS);
			expect(Date.now() - started).toBeLessThan(5000);
		});

		it.each(['TLSv1.2', 'TLSv1.3'] as const)(
			'TLS handshake failure (%s, self-signed certificate): fails over, zero bytes reached the primary',
			async (version) => {
				const tlsPrimary = await startSelfSignedTlsServer(version);
				try {
					expectServedByBackup(await run(tlsPrimary.baseUrl), ITEMS);
					expect(tlsPrimary.connections).toBe(ITEMS.length);
					expect(tlsPrimary.bytes.length).toBe(0);
				} finally {
					await tlsPrimary.close();
				}
			},
		);

		it('TLS handshake failure (plain TCP behind an https:// URL): fails over, only a ClientHello reached the primary', async () => {
			const garbage: FaultServer = await startGarbageTlsServer();
			try {
				expectServedByBackup(await run(garbage.baseUrl), ITEMS);
				expect(garbage.connections).toBe(ITEMS.length);
				const received = garbage.bytes;
				expect(received[0]).toBe(0x16); // a TLS handshake record, not HTTP
				expect(received.toString('latin1')).not.toMatch(/POST|broadcast|first item|second item/);
			} finally {
				await garbage.close();
			}
		});

		it('push (a JSON body) fails over the same way', async () => {
			const result = await runBroadcast(backup, {
				parameters: VALID_PUSH,
				credentials: { baseUrl: `http://127.0.0.1:${await refusedPort()}`, backupBaseUrl: backup.baseUrl },
			});
			const [json] = outputJson(result);
			expect(backup.requests).toHaveLength(1);
			const [request] = backup.requests;
			expect(request.path).toBe('/push.json');
			expect(request.signatureValid).toBe(true);
			expect(request.json).toMatchObject({ platform: ['ios', 'android'], audience: { is_to_all: true } });
			expect(json).toMatchObject({ code: 200, servedByBackupDomain: backup.baseUrl, id: (request.response?.body as IDataObject).id });
		});

		it('a refused primary and a backup that then fails: no third attempt, and the error says the backup answered', async () => {
			backup.failNextWithCode(1000, { times: ITEMS.length });
			const result = await run(`http://127.0.0.1:${await refusedPort()}`);
			const output = outputJson(result);
			expect(backup.requests).toHaveLength(ITEMS.length);
			expect(textsOf(backup.requests)).toEqual(itemTexts(ITEMS));
			for (const item of output) {
				expect(item).toMatchObject({ code: 1000, mayHaveBeenDelivered: true });
				expect(String(item.description)).toContain(MAY_HAVE_BEEN_DELIVERED);
				expect(String(item.description)).toContain(`backup domain ${host(backup.baseUrl)}`);
			}
		});

		it('a refused primary and a backup that hangs: one request at the backup per item, never back to the primary', async () => {
			backup.failNext({ kind: 'hang' }, { times: ITEMS.length });
			const result = await run(`http://127.0.0.1:${await refusedPort()}`, { timeout: 300 });
			const output = outputJson(result);
			expect(backup.requests).toHaveLength(ITEMS.length);
			for (const item of output) {
				expect(item).toMatchObject({ mayHaveBeenDelivered: true });
				expect(String(item.error)).toContain(`within 300 ms`);
				expect(String(item.description)).toContain(MAY_HAVE_BEEN_DELIVERED);
			}
		});
	});

	describe('the primary may have received the request: never re-sent', () => {
		const faults: Array<[string, Fault, number | undefined]> = [
			['hangs (timeout)', { kind: 'hang' }, 300],
			['hangs after processing (timeout)', { kind: 'hang', afterProcessing: true }, 300],
			['resets after reading the body', { kind: 'reset' }, undefined],
			['resets after processing', { kind: 'reset', afterProcessing: true }, undefined],
			['answers 500 / 1000', { kind: 'code', code: 1000, httpStatus: 500 }, undefined],
			['answers 503 with JSON it does not know', { kind: 'code', code: 503, httpStatus: 503 }, undefined],
			['answers an HTML 502 from a gateway', { kind: 'html', httpStatus: 502 }, undefined],
			['answers an HTML 503', { kind: 'html', httpStatus: 503 }, undefined],
			['answers 504 / 1050 (internal timeout)', { kind: 'code', code: 1050, httpStatus: 504 }, undefined],
		];

		it.each(faults)('primary %s: exactly one request per item in total, and the error says it may have been delivered', async (_name, fault, timeout) => {
			primary.failNext(fault, { times: ITEMS.length });
			const result = await run(primary.baseUrl, { timeout });
			const output = outputJson(result);
			expect(primary.requests).toHaveLength(ITEMS.length);
			expect(textsOf(primary.requests)).toEqual(itemTexts(ITEMS));
			expect(primary.requests.every((r) => r.fault === fault.kind && r.signatureValid)).toBe(true);
			expect(backup.requests).toHaveLength(0);
			expect(output).toHaveLength(ITEMS.length);
			for (const item of output) {
				expect(item.servedByBackupDomain).toBeUndefined();
				expect(item.mayHaveBeenDelivered).toBe(true);
				expect(String(item.description)).toContain(MAY_HAVE_BEEN_DELIVERED);
			}
		});

		it('without Continue On Fail the run stops at the first item: one request in total, a NodeApiError', async () => {
			primary.failNext({ kind: 'reset', afterProcessing: true });
			const result = await run(primary.baseUrl, { continueOnFail: false });
			expect(result.error).toBeInstanceOf(NodeApiError);
			const error = result.error as NodeApiError;
			expect(error.message).toContain('broke before an answer arrived');
			expect(error.description).toContain(MAY_HAVE_BEEN_DELIVERED);
			expect(error.context.mayHaveBeenDelivered).toBe(true);
			expect(primary.requests).toHaveLength(1);
			// The server did act on it: this is exactly the broadcast a re-send would duplicate.
			expect(primary.requests[0].unsentResponse?.status).toBe(200);
			expect(backup.requests).toHaveLength(0);
		});

		it('a TLS stream that breaks after the whole request arrived (a TLS record error, not a handshake failure): no re-send', async () => {
			const breaking = await startTlsServerBreakingAfterRequest();
			const untrust = trustCertificate(breaking.cert);
			try {
				const output = outputJson(await run(breaking.baseUrl));
				// Each item's request reached the primary in full, over a completed handshake...
				expect(breaking.requests).toHaveLength(ITEMS.length);
				expect(breaking.requests.every((raw) => raw.startsWith(`POST ${BROADCAST} `))).toBe(true);
				for (const [index, text] of itemTexts(ITEMS).entries()) {
					expect(breaking.requests[index]).toContain(encodeURIComponent(String(text)).replace(/%20/g, '+'));
				}
				// ...so the backup must not get it a second time.
				expect(backup.requests).toHaveLength(0);
				for (const item of output) {
					expect(item.mayHaveBeenDelivered).toBe(true);
					expect(String(item.description)).toContain(MAY_HAVE_BEEN_DELIVERED);
				}
			} finally {
				untrust();
				await breaking.close();
			}
		});
	});

	describe('both domains unreachable', () => {
		it('both refused: a clear error naming both, nothing delivered, nothing received anywhere', async () => {
			const [primaryPort, backupPort] = [await refusedPort(), await refusedPort()];
			const primaryUrl = `http://127.0.0.1:${primaryPort}`;
			const backupUrl = `http://127.0.0.1:${backupPort}`;
			const result = await run(primaryUrl, { backupBaseUrl: backupUrl, items: ONE_ITEM, continueOnFail: false });
			expect(result.error).toBeInstanceOf(NodeApiError);
			const error = result.error as NodeApiError;
			expect(error.message).toContain(host(primaryUrl));
			expect(error.message).toContain(host(backupUrl));
			expect(error.message).toMatch(/refused/);
			expect(error.description).toContain(NOT_DELIVERED);
			expect(error.context.mayHaveBeenDelivered).toBe(false);
			expect(primary.requests).toHaveLength(0);
			expect(backup.requests).toHaveLength(0);
		});

		it('DNS failure then refused backup, several items: each item fails with both hosts named', async () => {
			const backupUrl = `http://127.0.0.1:${await refusedPort()}`;
			const output = outputJson(await run(UNRESOLVABLE, { backupBaseUrl: backupUrl }));
			expect(output).toHaveLength(ITEMS.length);
			for (const item of output) {
				expect(String(item.error)).toContain(host(UNRESOLVABLE));
				expect(String(item.error)).toContain(host(backupUrl));
				expect(String(item.error)).toContain('could not be resolved');
				expect(String(item.error)).toContain('refused');
				expect(item.mayHaveBeenDelivered).toBe(false);
			}
		});
	});

	it('without a Backup Base URL a refused primary is not retried anywhere', async () => {
		const result = await runBroadcast(backup, {
			parameters: { ...SEND, options: {} },
			items: ONE_ITEM,
			credentials: { baseUrl: `http://127.0.0.1:${await refusedPort()}` },
		});
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(backup.requests).toHaveLength(0);
	});
});

/**
 * What n8n keeps of a network error (NodeApiError: `httpCode`, the system `messages`), shaped as it
 * is for the failures a loopback test cannot produce. Only a proven "never sent" may fail over.
 */
describe('isNeverSent: proof that the request never left', () => {
	const nodeError = (httpCode: string, ...messages: string[]) => ({ message: 'n8n summary', httpCode, messages });
	it.each([
		['connect ECONNREFUSED', true, nodeError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:443')],
		['connect EHOSTUNREACH', true, nodeError('EHOSTUNREACH', 'connect EHOSTUNREACH 10.0.0.1:443')],
		['connect ENETUNREACH', true, nodeError('ENETUNREACH', 'connect ENETUNREACH 10.0.0.1:443')],
		['getaddrinfo ENOTFOUND', true, nodeError('ENOTFOUND', 'getaddrinfo ENOTFOUND api.rong-api.com')],
		['getaddrinfo EAI_AGAIN', true, nodeError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN api.rong-api.com')],
		['certificate expired', true, nodeError('CERT_HAS_EXPIRED', 'certificate has expired')],
		['certificate for another host', true, nodeError('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames")],
		['write EPROTO (handshake)', true, nodeError('EPROTO', 'write EPROTO 0A00010B:SSL routines:ssl3_get_record:wrong version number')],
		// The same codes after a connection was established: the body may have arrived.
		['read EHOSTUNREACH (established connection)', false, nodeError('EHOSTUNREACH', 'read EHOSTUNREACH')],
		['ECONNREFUSED without the failed step', false, nodeError('ECONNREFUSED', 'The service refused the connection')],
		['ERR_SSL_WRONG_VERSION_NUMBER (read, after the handshake)', false, nodeError('ERR_SSL_WRONG_VERSION_NUMBER', '0A00010B:SSL routines:ssl3_get_record:wrong version number')],
		['ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC', false, nodeError('ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC', 'decryption failed or bad record mac')],
		['EPROTO on a read', false, nodeError('EPROTO', 'read EPROTO')],
		['ECONNRESET', false, nodeError('ECONNRESET', 'read ECONNRESET')],
		['socket hang up', false, nodeError('ECONNRESET', 'socket hang up')],
		['timeout', false, nodeError('ECONNABORTED', 'timeout of 300ms exceeded')],
		['connect ETIMEDOUT', false, nodeError('ETIMEDOUT', 'connect ETIMEDOUT 10.0.0.1:443')],
		['no code at all', false, { message: 'Something broke' }],
	])('%s: never sent = %s', (_name, expected, error) => {
		expect(isNeverSent(error)).toBe(expected);
	});
});
