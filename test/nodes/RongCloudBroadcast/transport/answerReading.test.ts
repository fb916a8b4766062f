/* eslint-disable
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * How an answer's bytes are read, through the node's real execute(): a UTF-8 byte order mark
 * before RongCloud's JSON is still JSON, a body that cannot be decoded is an unreadable answer
 * (not a broken connection), and only the five redirect statuses are redirects.
 */
import { gzipSync } from 'node:zlib';

import { NodeApiError } from 'n8n-workflow';

import { MAY_HAVE_BEEN_DELIVERED } from '../../../../nodes/RongCloudBroadcast/transport/apiErrors';
import type { RunNodeResult } from '../../../support/runNode';
import { outputJson, runBroadcast } from '../../../support/runBroadcast';
import { withEmulator } from '../../../support/withEmulator';

const SEND = { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'hello', options: {} };
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

function failure(result: RunNodeResult): NodeApiError {
	expect(result.error).toBeInstanceOf(NodeApiError);
	return result.error as NodeApiError;
}

describe('reading the bytes of an answer', () => {
	const emulator = withEmulator();

	it('a UTF-8 byte order mark before a success: read as JSON, the messageUID is output', async () => {
		const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"code":200,"messageUID":"BOM1-BOM2-BOM3-BOM4"}')]);
		emulator.failNext({ kind: 'custom', answer: () => ({ status: 200, headers: JSON_TYPE, body }) });
		const [json] = outputJson(await runBroadcast(emulator, { parameters: SEND }));
		expect(json.code).toBe(200);
		expect(json.messageUID).toBe('BOM1-BOM2-BOM3-BOM4');
	});

	it('a byte order mark before an error: the RongCloud code is read', async () => {
		emulator.failNext({ kind: 'custom', answer: () => ({ status: 401, headers: JSON_TYPE, body: '\ufeff{"code":1004,"errorMessage":"signature error"}' }) });
		const error = failure(await runBroadcast(emulator, { parameters: SEND }));
		expect(error.message).toContain('RongCloud error 1004');
	});

	it('a corrupt gzip body: an unreadable answer that may have been delivered, not a broken connection', async () => {
		const gzip = gzipSync('{"code":200,"messageUID":"AAAA-BBBB-CCCC-DDDD"}');
		const corrupt = Buffer.concat([gzip.subarray(0, 10), Buffer.from('not deflate data at all'), gzip.subarray(gzip.length - 8)]);
		emulator.failNext({ kind: 'custom', answer: () => ({ status: 200, headers: { ...JSON_TYPE, 'content-encoding': 'gzip' }, body: corrupt }) });
		const error = failure(await runBroadcast(emulator, { parameters: SEND }));
		expect(error.message).toContain('unreadable answer');
		expect(error.message).toContain('may have been delivered');
		expect(error.message).toContain('HTTP 200');
		expect(error.message).not.toMatch(/connection/i);
		expect(error.description).toContain(MAY_HAVE_BEEN_DELIVERED);
		expect(error.context.mayHaveBeenDelivered).toBe(true);
	});

	it.each(['br', 'deflate'])('a corrupt %s body: the same', async (encoding) => {
		emulator.failNext({ kind: 'custom', answer: () => ({ status: 200, headers: { ...JSON_TYPE, 'content-encoding': encoding }, body: Buffer.from('this is not compressed at all, not even a little') }) });
		const error = failure(await runBroadcast(emulator, { parameters: SEND }));
		expect(error.message).toContain('unreadable answer');
		expect(error.context.mayHaveBeenDelivered).toBe(true);
	});

	it('a 304 is not a redirect: it is an answer without RongCloud JSON', async () => {
		emulator.failNext({ kind: 'custom', answer: () => ({ status: 304, body: '' }) });
		const error = failure(await runBroadcast(emulator, { parameters: SEND }));
		expect(error.message).not.toContain('redirect');
		expect(error.message).toContain('HTTP 304');
		expect(error.context.mayHaveBeenDelivered).toBe(true);
	});

	it.each([300, 305, 306, 399])('HTTP %s with a Location is not called a redirect either', async (status) => {
		emulator.failNext({ kind: 'custom', answer: () => ({ status, headers: { location: 'http://elsewhere.test/' }, body: '' }) });
		const error = failure(await runBroadcast(emulator, { parameters: SEND }));
		expect(error.message).not.toContain('redirect');
		expect(error.message).toContain(`HTTP ${status}`);
	});
});
