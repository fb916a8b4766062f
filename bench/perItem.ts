/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports,
	no-console
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * Worker for (a): the node's own work per item, in µs, for 10,000 items with a full pushExt.
 *
 * Every run of the node is its real execute() inside n8n's own ExecuteContext
 * (test/support/runNode.ts). Where a figure needs part of n8n replaced, the replacement wraps the
 * context n8n made (see `withReplaced`): whatever else the node calls is n8n's own, so the
 * benchmark cannot drift from n8n as a hand-made stub did.
 *
 * - send: a successful send. The same parameters without Dry Run; n8n's HTTP helper answers in
 *   memory, as RongCloud does (`{"code":200,"messageUID":...}`, streamed) after the credential's
 *   authenticate() signed the request, as n8n calls it per request. So: parameters read through
 *   n8n, validated, content and pushExt built, the form encoded, signed, the deadline, the answer
 *   read, parsed and checked for the request's values, the delivery record, the output item.
 *   Network and n8n's HTTP client excluded. The headline figure, CPU time.
 * - execute: the same in dry run (no signing, no answer; a dry-run item built and kept).
 * - sign: the credential's authenticate() alone, plus the request ID the node makes per request.
 * - baseline: only `new URLSearchParams(form).toString()` of the same form, and sha1 of
 *   appSecret + nonce + timestamp with `crypto`. Nothing kept (a baseline as cheap as it gets).
 * - tight baseline (for information): the same with the node's own encoder instead of URLSearchParams.
 * - plain lookup (for information): the dry run with n8n's getNodeParameter replaced by a plain
 *   lookup, to show what n8n's parameter machinery costs per item.
 * - expression (for information): the message text from `{{ $json.text }}` per item.
 * - http (for information): sends to the project's RongCloud emulator over loopback HTTP through
 *   n8n's real HTTP helper, all CPU of this process (node, n8n's HTTP client, the emulator).
 *
 * BENCH_SMOKE=1: a few hundred items, one run of each, to prove that every path still runs.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { Readable } from 'node:stream';

import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, IHttpRequestOptions, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET, startEmulator } from '../test/support/emulator';
import { runNode } from '../test/support/runNode';
import { assertFullPushExt, CREDENTIALS, elapsedMs, fullSendParameters, loadBuilt, median, report, ROOT, SMOKE, SUCCESS_ANSWER, timedExecute, withReplaced, type Built, type ExecuteSpan } from './fixtures';

const ITEMS = SMOKE ? 300 : 10_000;
const RUNS = SMOKE ? 1 : Number(process.env.BENCH_RUNS ?? 9);
const HTTP_ITEMS = SMOKE ? 50 : 1000;
const HTTP_RUNS = SMOKE ? 1 : 3;
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
const { encodeBody } = require(join(ROOT, 'dist/nodes/RongCloudBroadcast/transport/generations/index.js')) as {
	encodeBody(body: { type: 'form'; fields: Record<string, string> }): { payload: string };
};

const items = (count: number, json: (i: number) => IDataObject = (i) => ({ i })): INodeExecutionData[] =>
	Array.from({ length: count }, (_, i) => ({ json: json(i) }));

type Timed = INodeType & { timing(count: number): Timing };

/** The node type timed from execute()'s call to its return (timedExecute), on `wrap` of the context n8n made. */
function wrapped(built: Built, wrap: (context: IExecuteFunctions) => IExecuteFunctions = (context) => context): Timed {
	let span: ExecuteSpan | undefined;
	const type = timedExecute(built.nodeType, wrap, (_context, ended) => {
		span = ended;
	});
	return Object.assign(type, {
		timing(count: number): Timing {
			if (!span) throw new Error('execute() did not run');
			const { cpu, from, to } = span;
			const gcMs = collections.filter((c) => c.start >= from && c.start < to).reduce((sum, c) => sum + c.duration, 0);
			return { wall: ((to - from) * 1000) / count, cpu: (cpu.user + cpu.system) / count, gc: (gcMs * 1000) / count };
		},
	});
}

/** n8n's HTTP helper as RongCloud answers a success: the request arrives signed (the node signs it), the answer streams from memory. */
function answeredInMemory(built: Built): Timed {
	const httpRequest = async (options: IHttpRequestOptions) => {
		if (typeof (options.headers as IDataObject | undefined)?.Signature !== 'string') throw new Error('the request arrived unsigned');
		// Pushed, as Node's HTTP client pushes what the socket delivers into the response stream.
		const body = new Readable({ read: () => undefined });
		body.push(Buffer.from(SUCCESS_ANSWER));
		body.push(null);
		return { statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body };
	};
	return wrapped(built, (context) => withReplaced(context, {}, { httpRequest } as Partial<IExecuteFunctions['helpers']>));
}

/** getNodeParameter as a plain lookup in the parameters. */
function withPlainLookup(built: Built, parameters: INodeParameters): Timed {
	const getNodeParameter = ((name: string, _item: number, fallback?: unknown) => parameters[name] ?? fallback) as IExecuteFunctions['getNodeParameter'];
	return wrapped(built, (context) => withReplaced(context, { getNodeParameter }));
}

/** One run of execute() over the items, after a full GC so that no run pays for the previous one's garbage. */
async function execute(built: Built, parameters: INodeParameters, input: INodeExecutionData[], nodeType = wrapped(built), credentials: ICredentialDataDecryptedObject = CREDENTIALS) {
	collect();
	// The harness' copy of the execution data is not timed; for 10,000 items it only costs time.
	const result = await runNode({ nodeType, credentialTypes: [built.credentialType], parameters, items: input, credentials, saveExecution: false });
	if (result.error) throw result.error;
	const output = result.output?.[0] ?? [];
	if (output.length !== input.length) throw new Error(`expected ${input.length} items, got ${output.length}`);
	await new Promise((resolve) => setTimeout(resolve, 30)); // the GC observer reports on a later tick
	return { timing: nodeType.timing(input.length), output };
}

/** A successful send of every item; each output item must carry the messageUID. */
async function send(built: Built, parameters: INodeParameters, input: INodeExecutionData[]): Promise<Timing> {
	const { timing, output } = await execute(built, parameters, input, answeredInMemory(built));
	const unnamed = output.filter((item) => item.json.messageUID !== 'BVQK-8CSS-N3S5-U3ML');
	if (unnamed.length) throw new Error(`${unnamed.length} items without the messageUID: ${JSON.stringify(unnamed[0].json)}`);
	return timing;
}

/** Sends to the emulator over loopback HTTP through n8n's own HTTP helper; every request answered as a success. */
async function sendOverHttp(built: Built, parameters: INodeParameters, count: number): Promise<Timing> {
	const emulator = await startEmulator();
	try {
		// The emulator counts RongCloud's quota (2 broadcasts an hour); these answers skip it, after the signature is checked.
		emulator.failNext({ kind: 'json', httpStatus: 200, body: JSON.parse(SUCCESS_ANSWER) as IDataObject }, { times: count });
		const credentials = { appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, region: 'custom', baseUrl: emulator.baseUrl };
		const { timing } = await execute(built, parameters, items(count), wrapped(built), credentials);
		const signed = emulator.requests.filter((request) => request.signatureValid).length;
		if (signed !== count) throw new Error(`expected ${count} signed sends, got ${signed}`);
		return timing;
	} finally {
		await emulator.close();
	}
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

type Figure = 'send' | 'execute' | 'sign' | 'baseline' | 'tightBaseline' | 'plainLookup' | 'expression' | 'http';

async function main(): Promise<void> {
	const built = loadBuilt();
	const parameters = fullSendParameters(built.vendors);
	const sending = fullSendParameters(built.vendors, { options: { ...(parameters.options as IDataObject), dryRun: false } });
	const input = items(ITEMS);
	const warmUp = Math.min(ITEMS, 1000);

	// Warm-up: JIT, n8n's lazy modules, the harness' one-time setup.
	const warm = await execute(built, parameters, items(warmUp));
	assertFullPushExt(warm.output[0].json, built.vendors);
	const form = warm.output[0].json.body as Record<string, string>;
	const payload = String(warm.output[0].json.encodedBody);
	if (payload !== new URLSearchParams(form).toString()) throw new Error('the node encodes differently from URLSearchParams');
	const byUrlSearchParams = (f: Record<string, string>) => new URLSearchParams(f).toString();
	const byNodeEncoder = (f: Record<string, string>) => encodeBody({ type: 'form', fields: f }).payload;
	await send(built, sending, items(warmUp));
	await sign(built, payload, warmUp);
	await baseline(form, warmUp, byUrlSearchParams);
	await baseline(form, warmUp, byNodeEncoder);
	await execute(built, parameters, items(warmUp), withPlainLookup(built, parameters));

	const runs: Record<Figure, Timing[]> = { send: [], execute: [], sign: [], baseline: [], tightBaseline: [], plainLookup: [], expression: [], http: [] };
	// Interleaved, so that a busy moment of the machine touches every figure alike.
	for (let run = 0; run < RUNS; run++) {
		runs.send.push(await send(built, sending, input));
		runs.execute.push((await execute(built, parameters, input)).timing);
		runs.sign.push(await sign(built, payload, ITEMS));
		runs.baseline.push(await baseline(form, ITEMS, byUrlSearchParams));
		runs.tightBaseline.push(await baseline(form, ITEMS, byNodeEncoder));
		runs.plainLookup.push((await execute(built, parameters, input, withPlainLookup(built, parameters))).timing);
	}
	const withExpression = fullSendParameters(built.vendors, { text: '={{ $json.text }}' });
	const expressionInput = items(ITEMS, (i) => ({ text: `Maintenance notice number ${i}: the service will be down from 02:00 to 03:00.` }));
	for (let run = 0; run < Math.min(RUNS, 3); run++) runs.expression.push((await execute(built, withExpression, expressionInput)).timing);
	await sendOverHttp(built, sending, Math.min(HTTP_ITEMS, 50));
	for (let run = 0; run < HTTP_RUNS; run++) runs.http.push(await sendOverHttp(built, sending, HTTP_ITEMS));

	const summarize = (pick: (t: Timing) => number) =>
		Object.fromEntries(Object.entries(runs).map(([name, values]) => [name, median(values.map(pick))]));
	report({
		items: ITEMS,
		runs: RUNS,
		httpItems: HTTP_ITEMS,
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
