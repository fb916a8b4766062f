/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports,
	no-console
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * Worker for (a): the node's own work per item, in µs, for 10,000 items with a full pushExt.
 *
 * - execute: the real execute() inside n8n's own ExecuteContext (test/support/runNode.ts) in dry-run
 *   mode: parameters read through n8n, validated, content and pushExt built, the form encoded, and a
 *   dry-run item built and kept (n8n keeps every output item, so their memory cost counts too).
 * - sign: a dry run does not sign, so signing is timed on its own: the credential's authenticate(),
 *   which n8n calls once per request, plus the request ID the node makes per request.
 * - node per item = execute + sign. Network excluded.
 * - baseline: only `new URLSearchParams(form).toString()` of the same form, and sha1 of
 *   appSecret + nonce + timestamp with `crypto`. Nothing kept (a baseline as cheap as it gets).
 * - tight baseline (for information): the same with the node's own encoder instead of URLSearchParams.
 * - stub (for information): the same execute() with n8n's parameter machinery replaced by a plain
 *   lookup, to show what n8n's getNodeParameter costs per item.
 * - expression (for information): the message text from `{{ $json.text }}` per item.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance, PerformanceObserver } from 'node:perf_hooks';

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runNode } from '../test/support/runNode';
import { assertFullPushExt, CREDENTIALS, elapsedMs, fullSendParameters, loadBuilt, median, report, ROOT, type Built } from './fixtures';

const ITEMS = 10_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Wall-clock, CPU (this process, all threads: GC helpers included) and GC pause time per item, in µs. */
interface Timing {
	wall: number;
	cpu: number;
	gc: number;
}

/** Garbage collections as Node reports them (start and duration in ms, on the performance clock). */
const collections: Array<{ start: number; duration: number }> = [];
new PerformanceObserver((list) => {
	for (const entry of list.getEntries()) collections.push({ start: entry.startTime, duration: entry.duration });
}).observe({ entryTypes: ['gc'] });

/** Times `work` over `count` items, after a full GC so that no run pays for the previous one's garbage. */
async function time(count: number, work: () => unknown): Promise<Timing> {
	collect();
	const cpu = process.cpuUsage();
	const from = performance.now();
	const start = process.hrtime.bigint();
	await work();
	const wall = elapsedMs(start) * 1000;
	const used = process.cpuUsage(cpu);
	const to = performance.now();
	await new Promise((resolve) => setTimeout(resolve, 30)); // the observer reports on a later tick
	const gcMs = collections.filter((c) => c.start >= from && c.start < to).reduce((sum, c) => sum + c.duration, 0);
	return { wall: wall / count, cpu: (used.user + used.system) / count, gc: (gcMs * 1000) / count };
}

/* eslint-disable-next-line @typescript-eslint/no-require-imports */
const { encodeBody } = require(join(ROOT, 'dist/nodes/RongCloudBroadcast/transport/request.js')) as {
	encodeBody(body: { type: 'form'; fields: Record<string, string> }): { payload: string };
};

const items = (count: number, json: (i: number) => IDataObject = (i) => ({ i })): INodeExecutionData[] =>
	Array.from({ length: count }, (_, i) => ({ json: json(i) }));

async function execute(built: Built, parameters: INodeParameters, input: INodeExecutionData[]) {
	let output: INodeExecutionData[] = [];
	const timing = await time(input.length, async () => {
		const result = await runNode({
			nodeType: built.nodeType,
			credentialTypes: [built.credentialType],
			parameters,
			items: input,
			credentials: CREDENTIALS,
		});
		if (result.error) throw result.error;
		output = result.output?.[0] ?? [];
	});
	if (output.length !== input.length) throw new Error(`expected ${input.length} items, got ${output.length}`);
	return { timing, output };
}

/** The same execute() with a plain parameter lookup instead of n8n's ExecuteContext. */
async function executeWithStubContext(built: Built, parameters: INodeParameters, input: INodeExecutionData[]): Promise<Timing> {
	const executeData = {};
	const context = {
		getInputData: () => input,
		getNodeParameter: (name: string, _item: number, fallback?: unknown) => parameters[name] ?? fallback,
		getNode: () => ({ id: 'bench', name: 'RongCloud Broadcast', type: 'bench', typeVersion: 1, position: [0, 0], parameters }),
		continueOnFail: () => false,
		getCredentials: async () => CREDENTIALS,
		// n8n's execution data for this run of the node, which the node keys its retry record by.
		getExecuteData: () => executeData,
	} as unknown as IExecuteFunctions;
	return await time(input.length, async () => {
		const output = (await built.nodeType.execute!.call(context)) as INodeExecutionData[][];
		if (output[0].length !== input.length) throw new Error('stub run lost items');
	});
}

/** n8n's per-request signing: the credential's authenticate() on the options transport.post() builds. */
async function sign(built: Built, payload: string, count: number): Promise<Timing> {
	let sink = 0;
	const timing = await time(count, async () => {
		for (let i = 0; i < count; i++) {
			const signed = await built.credentialType.authenticate(CREDENTIALS, {
				method: 'POST',
				url: 'https://api.rong-api.com/message/broadcast.json',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Request-ID': randomUUID() },
				body: payload,
				timeout: 10000,
				encoding: 'text',
				json: false,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			});
			sink += String((signed.headers as IDataObject).Signature).length;
		}
	});
	if (sink !== 40 * count) throw new Error('signing produced no signatures');
	return timing;
}

/** Build the form and sign it, nothing else; `encode` is URLSearchParams or the node's encoder. */
async function baseline(form: Record<string, string>, count: number, encode: (form: Record<string, string>) => string): Promise<Timing> {
	let sink = 0;
	const timing = await time(count, () => {
		for (let i = 0; i < count; i++) {
			const body = encode(form);
			const nonce = randomBytes(8).toString('hex');
			const timestamp = String(Date.now());
			const signature = createHash('sha1').update(CREDENTIALS.appSecret + nonce + timestamp).digest('hex');
			sink += body.length + signature.length;
		}
	});
	if (sink === 0) throw new Error('baseline produced nothing');
	return timing;
}

async function main(): Promise<void> {
	const built = loadBuilt();
	const parameters = fullSendParameters(built.vendors);
	const input = items(ITEMS);

	// Warm-up: JIT, n8n's lazy modules, the harness' one-time setup.
	const warm = await execute(built, parameters, items(1000));
	assertFullPushExt(warm.output[0].json, built.vendors);
	const form = warm.output[0].json.body as Record<string, string>;
	const payload = String(warm.output[0].json.encodedBody);
	if (payload !== new URLSearchParams(form).toString()) throw new Error('the node encodes differently from URLSearchParams');
	const byUrlSearchParams = (f: Record<string, string>) => new URLSearchParams(f).toString();
	const byNodeEncoder = (f: Record<string, string>) => encodeBody({ type: 'form', fields: f }).payload;
	await sign(built, payload, 1000);
	await baseline(form, 1000, byUrlSearchParams);
	await baseline(form, 1000, byNodeEncoder);
	await executeWithStubContext(built, parameters, items(1000));

	const runs: Record<'execute' | 'sign' | 'baseline' | 'tightBaseline' | 'stub' | 'expression', Timing[]> = {
		execute: [],
		sign: [],
		baseline: [],
		tightBaseline: [],
		stub: [],
		expression: [],
	};
	// Interleaved, so that a busy moment of the machine touches every figure alike.
	for (let run = 0; run < RUNS; run++) {
		runs.execute.push((await execute(built, parameters, input)).timing);
		runs.sign.push(await sign(built, payload, ITEMS));
		runs.baseline.push(await baseline(form, ITEMS, byUrlSearchParams));
		runs.tightBaseline.push(await baseline(form, ITEMS, byNodeEncoder));
		runs.stub.push(await executeWithStubContext(built, parameters, input));
	}
	const withExpression = fullSendParameters(built.vendors, { text: '={{ $json.text }}' });
	const expressionInput = items(ITEMS, (i) => ({ text: `Maintenance notice number ${i}: the service will be down from 02:00 to 03:00.` }));
	for (let run = 0; run < 3; run++) runs.expression.push((await execute(built, withExpression, expressionInput)).timing);

	const summarize = (pick: (t: Timing) => number) =>
		Object.fromEntries(Object.entries(runs).map(([name, values]) => [name, median(values.map(pick))]));
	report({
		items: ITEMS,
		runs: RUNS,
		formBytes: payload.length,
		pushExtBytes: form.pushExt.length,
		samples: runs,
		medianWallUs: summarize((t) => t.wall),
		medianCpuUs: summarize((t) => t.cpu),
		medianGcUs: summarize((t) => t.gc),
		minWallUs: Object.fromEntries(Object.entries(runs).map(([name, values]) => [name, Math.min(...values.map((t) => t.wall))])),
	});
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
