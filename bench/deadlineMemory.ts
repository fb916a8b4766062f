/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports,
	no-console
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * Worker for (b): heap kept after 3,000 exchanges at the largest Timeout (600,000 ms), each
 * answered at once with a 1 KB body, once every answer is read and a full GC has run. A deadline
 * that keeps its listeners (and through them each answer) for the whole Timeout shows here.
 *
 * Run with --expose-gc.
 */
import { Readable } from 'node:stream';

import { MAX_TIMEOUT_MS } from '../nodes/RongCloudBroadcast/shared/limits';
import { exchangeWithin } from '../nodes/RongCloudBroadcast/transport/answerBody';
import { SMOKE } from './fixtures';

const EXCHANGES = SMOKE ? 300 : 3000;
const MB = 1024 * 1024;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

async function main(): Promise<void> {
	const body = JSON.stringify({ code: 200, messageUID: 'BVQK-8CSS-N3S5-U3ML', padding: 'x'.repeat(1000) });
	gc?.();
	const before = process.memoryUsage().heapUsed;
	for (let i = 0; i < EXCHANGES; i++) {
		await exchangeWithin(MAX_TIMEOUT_MS, async () => ({ statusCode: 200, headers: {}, body: Readable.from([Buffer.from(body)]) }));
	}
	await new Promise((resolve) => setImmediate(resolve));
	gc?.();
	const after = process.memoryUsage().heapUsed;
	console.log(JSON.stringify({ exchanges: EXCHANGES, timeoutMs: MAX_TIMEOUT_MS, retainedMB: (after - before) / MB }));
	process.exit(0);
}

void main();
