/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	no-console
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * Worker for (b): peak memory of a dry run over 1,000 items whose message content is 128 KB each
 * (the API's limit), the text coming from each input item through `{{ $json.text }}`.
 *
 * Run with --expose-gc. Input items are built first (distinct flat strings, as parsed JSON would
 * give) and counted separately: they belong to the workflow, not to the node. Then:
 * - peak RSS: the process' high-water mark (getrusage maxRSS) during the run, minus RSS before it;
 * - heap delta: heap used after the run with the output still held, after a full GC, minus before
 *   (what the output items cost while n8n keeps them), and the same before that GC (with garbage).
 */
import type { INodeExecutionData } from 'n8n-workflow';

import { runNode } from '../test/support/runNode';
import { CREDENTIALS, elapsedMs, fullSendParameters, loadBuilt, report, SMOKE } from './fixtures';

const ITEMS = SMOKE ? 50 : 1000;
const CONTENT_BYTES = 128 * 1024;
const MB = 1024 * 1024;

const exposedGc = (globalThis as { gc?: () => void }).gc;
if (!exposedGc) throw new Error('run with node --expose-gc');
const gc: () => void = exposedGc;

async function main(): Promise<void> {
	const built = loadBuilt();
	const parameters = fullSendParameters(built.vendors, { text: '={{ $json.text }}' });
	const run = async (items: INodeExecutionData[]) => {
		const result = await runNode({ nodeType: built.nodeType, credentialTypes: [built.credentialType], parameters, items, credentials: CREDENTIALS, saveExecution: false });
		if (result.error) throw result.error;
		return result.output?.[0] ?? [];
	};

	// The content JSON around the text (extra, user...) is fixed: size the text so content is exactly 128 KB.
	const [probe] = await run([{ json: { text: 'x' } }]);
	const overhead = String((probe.json.body as Record<string, string>).content).length - 1;
	const sentence = 'Scheduled maintenance tonight from 02:00 to 03:00 UTC+8, thank you for your patience. ';
	const base = sentence.repeat(Math.ceil(CONTENT_BYTES / sentence.length));
	const input: INodeExecutionData[] = Array.from({ length: ITEMS }, (_, i) => {
		const text = `${i} ${base}`.slice(0, CONTENT_BYTES - overhead);
		// A flat string of its own per item, as JSON.parse of a webhook body would give.
		return { json: { text: Buffer.from(text, 'latin1').toString('latin1') } };
	});

	gc();
	const before = process.memoryUsage();
	const start = process.hrtime.bigint();
	const output = await run(input);
	const ms = elapsedMs(start);
	const peakRss = process.resourceUsage().maxRSS * 1024;
	const afterNoGc = process.memoryUsage();
	gc();
	const after = process.memoryUsage();

	const content = String((output[0].json.body as Record<string, string>).content);
	if (output.length !== ITEMS || Buffer.byteLength(content) !== CONTENT_BYTES) {
		throw new Error(`expected ${ITEMS} items of ${CONTENT_BYTES} bytes, got ${output.length} of ${Buffer.byteLength(content)}`);
	}
	report({
		items: ITEMS,
		contentBytes: CONTENT_BYTES,
		inputMB: (ITEMS * CONTENT_BYTES) / MB,
		ms,
		rssBeforeMB: before.rss / MB,
		peakRssMB: peakRss / MB,
		peakRssDeltaMB: (peakRss - before.rss) / MB,
		heapDeltaMB: (after.heapUsed - before.heapUsed) / MB,
		heapDeltaBeforeGcMB: (afterNoGc.heapUsed - before.heapUsed) / MB,
		externalDeltaMB: (after.external - before.external) / MB,
		retainedPerItemKB: (after.heapUsed - before.heapUsed) / ITEMS / 1024,
		outputHeld: output.length,
	});
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
