/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports,
	no-console
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * Worker for (e): Send to Users at RongCloud's rate. 10,000 recipients as 10,000 items with the
 * same message, through the node's real execute() (dist/) in n8n's own ExecuteContext, against the
 * project's emulator started in this process on 127.0.0.1 and enforcing 100 recipients a second
 * on its own real clock: the node waits for real (about 100 s), as it would for RongCloud.
 *
 * - paced: requests sent, wall time from execute()'s call to its return against the floor the rate
 *   sets, refusals (1008 / HTTP 429), duplicates and missing recipients (from emulator.deliveries),
 *   the gaps between requests as they arrived, and all CPU of this process while execute() ran
 *   (the node, n8n's HTTP client and the emulator: all three live here);
 * - tenfold: the same with the emulator's app at 1,000 recipients a second and the node's option
 *   Recipients per Second at 1,000, to show that the pace follows the limit;
 * - the node's own CPU per recipient: the same 10,000 items with n8n's HTTP helper answering in
 *   memory as publish.json answers (a messageUID per recipient), as (a) measures a send: network,
 *   n8n's HTTP client and the emulator excluded. The limit is set out of reach there, so the
 *   figure has no wait in it (a wait costs no CPU anyway);
 * - heap after GC: when execute() returns (the output, the execution's delivery record and the
 *   emulator's records all held) and once the run is over and released (what the process keeps),
 *   each against the same for a 100-recipient run, which sends one request and never waits.
 *
 * BENCH_SMOKE=1: a few hundred recipients at a raised limit (no real waits), once; nothing asserted.
 * Run with --expose-gc.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';

import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET, PATHS, startEmulator, type RecordedRequest, type RongCloudEmulator } from '../test/support/emulator';
import { runNode, type RunNodeResult } from '../test/support/runNode';
import { CREDENTIALS, loadBuilt, median, report, SMOKE, timedExecute, withReplaced, type Built } from './fixtures';

const RECIPIENTS = SMOKE ? 300 : 10_000;
/** RongCloud's documented limit; the smoke run raises it so that nothing waits. */
const LIMIT = SMOKE ? 1000 : 100;
const SMALL_RUN = 100;
const CPU_RUNS = SMOKE ? 1 : 5;
const REQUEST_SIZE = 100;
const MB = 1024 * 1024;

const exposedGc = (globalThis as { gc?: () => void }).gc;
if (!exposedGc) throw new Error('run with node --expose-gc');
const gc: () => void = exposedGc;
const heapAfterGc = (): number => {
	gc();
	return process.memoryUsage().heapUsed;
};

const userIds = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}-user-${String(i).padStart(5, '0')}`);
const perUser = (ids: string[]): INodeExecutionData[] => ids.map((userId) => ({ json: { userId } }));

/** One message for every item; each item names its one recipient. */
function parameters(recipientsPerSecond: number): INodeParameters {
	return {
		operation: 'sendToUsers',
		toUserIds: '={{ $json.userId }}',
		fromUserId: 'system-announcer',
		objectName: 'RC:TxtMsg',
		contentMode: 'fields',
		text: 'The service will be down for maintenance from 02:00 to 03:00 (UTC+8). Thank you for your patience!',
		options: { pushContent: 'Maintenance tonight 02:00-03:00', disablePush: false, recipientsPerSecond },
	};
}

/** When execute() ran (performance clock, ms), the CPU this whole process used meanwhile, and the heap after GC at its return. */
interface Span {
	from: number;
	to: number;
	/** This process' CPU when execute() was called (process.cpuUsage()). */
	cpuAtCall: NodeJS.CpuUsage;
	cpuUs: number;
	heapAtReturn: number;
	/** The node's context data as n8n saves it with the execution (JSON), bytes. */
	contextBytes: number;
}

/** The built node timed from execute()'s call to its return (timedExecute), with the heap and the saved context at that moment. */
function timed(built: Built, wrap: (context: IExecuteFunctions) => IExecuteFunctions = (context) => context): INodeType & { span?: Span } {
	const type: INodeType & { span?: Span } = timedExecute(built.nodeType, wrap, (context, { from, to, cpuAtCall, cpu }) => {
		// Taken while n8n still holds the execution (its context data keeps the delivery record) and the output.
		const contextBytes = JSON.stringify(context.getContext('node')).length;
		type.span = { from, to, cpuAtCall, cpuUs: cpu.user + cpu.system, heapAtReturn: heapAfterGc(), contextBytes };
	});
	return type;
}

export interface PacedRun {
	recipients: number;
	limit: number;
	requests: number;
	/** The requests' sizes, as they arrived: anything but full ones shows here. */
	requestSizes: Record<string, number>;
	wallS: number;
	/** The earliest the last request may leave after the first: see floorSeconds. */
	floorS: number;
	/** The recipients at the limit, recipients / limit seconds: what the issue's 1.05 multiplies. */
	rateS: number;
	refusals: number;
	otherFailures: number;
	delivered: number;
	duplicates: number;
	missing: number;
	/** Where the wall time went: execute()'s call to the first request's arrival (every item read and checked first), the first arrival to the last, the last arrival to execute()'s return. */
	phasesS: { beforeFirstRequest: number; firstToLastArrival: number; afterLastArrival: number };
	/** (firstToLastArrival - floor) / (requests - 1): what each request adds to the second the rate asks for. */
	beyondFloorPerRequestMs: number;
	/**
	 * Ms, median and mean: from the node's sentTime (taken as a request leaves the pacing) to its arrival at
	 * the emulator; and, for each request after the first second's worth, from the arrival of the request whose
	 * second it waits out (limit / 100 requests earlier) to its own sentTime, beyond that second: that request's
	 * answer on its way back and read, the timer's lateness, and at a high limit the previous request's answer.
	 */
	sendToArrivalMs: { median: number; mean: number };
	arrivalToNextSendBeyondWaitMs: { median: number; mean: number };
	allCpuPerRecipientUs: number;
	/**
	 * CPU of this whole process (the node, n8n's HTTP client, the emulator), ms: from execute()'s call to
	 * the first answer, and between one answer and the next (median and mean): how much of the time
	 * beyond the floor is work, the rest being the wait for a CPU on a busy machine.
	 */
	cpuMs: { toFirstAnswer: number; betweenAnswers: { median: number; mean: number } };
	/** The 1-minute load average when the run ended: the machine's other work. */
	loadAverage: number;
	/** The node's delivery record in the execution's context data, as n8n saves it (JSON), per recipient. */
	savedContextBytesPerRecipient: number;
	/** Heap after GC, MB: see HeapFigures. */
	heap: HeapFigures;
	outputItems: number;
	error?: string;
}

/**
 * Heap after GC above the baseline taken before the first measured run, MB:
 * - atReturn: when execute() returns (the output, n8n's execution with the node's delivery record in
 *   its context data, the emulator's records, the input items);
 * - emulatorRecords: what the emulator's requests and deliveries held (dropped with reset());
 * - inputAndOutput: the input items and the output items alone, once the execution is released;
 * - after: once everything is released, as n8n releases a finished execution: what the process keeps.
 */
export interface HeapFigures {
	atReturn: number;
	emulatorRecords: number;
	inputAndOutput: number;
	after: number;
}

/**
 * With requests of 100 and a limit of L recipients a second, L/100 requests fit in a second: the
 * first ones leave at once, request i (from 0) no earlier than floor(i / (L/100)) seconds later.
 * So the last of R leaves floor((R - 1) / (L/100)) seconds after the first: 99 s for 100 requests at
 * 100 a second, 9 s at 1,000. Reading the items first and the last request's own round trip come on
 * top; no rate sets them.
 */
function floorSeconds(requests: number, limit: number): number {
	const perSecond = Math.max(1, Math.floor(limit / REQUEST_SIZE));
	return Math.floor((requests - 1) / perSecond);
}

const cpuMsBetween = (from: NodeJS.CpuUsage, to: NodeJS.CpuUsage) => (to.user - from.user + to.system - from.system) / 1000;
const mean = (values: number[]) => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : 0);
const spread = (values: number[]) => ({ median: values.length ? median(values) : 0, mean: mean(values) });

/** What the emulator saw and the output says, as figures: nothing of the run is kept in them. */
function figuresOf(emulator: RongCloudEmulator, result: RunNodeResult, input: INodeExecutionData[], span: Span, limit: number, cpuAtAnswers: NodeJS.CpuUsage[]): Omit<PacedRun, 'heap'> {
	const publishes = emulator.requestsTo(PATHS.systemPublish);
	if (publishes.length === 0) throw new Error(`no request reached the emulator${result.error ? `: ${result.error.message}` : ''}`);
	const answerCode = (request: RecordedRequest) => (request.response?.body as IDataObject | undefined)?.code;
	const refused = (request: RecordedRequest) => request.response?.status === 429 || answerCode(request) === 1008;
	const sizes: Record<string, number> = {};
	for (const request of publishes) {
		const size = String(request.formValues?.toUserId?.length ?? 0);
		sizes[size] = (sizes[size] ?? 0) + 1;
	}
	const deliveredIds = emulator.deliveries.map((delivery) => delivery.userId);
	const distinct = new Set(deliveredIds);
	const output = result.output?.[0] ?? [];

	// The node's sentTime of each request, by the X-Request-ID it sent and names in its output.
	const sentTimeOf = new Map<string, number>();
	for (const { json } of output) {
		for (const requestId of (json.requestIds as string[] | undefined) ?? []) {
			if (typeof json.sentTime === 'number') sentTimeOf.set(requestId, Math.min(sentTimeOf.get(requestId) ?? Infinity, json.sentTime));
		}
	}
	const arrivals = publishes.map((request) => request.receivedAt);
	const sent = publishes.map((request) => sentTimeOf.get(request.headers['x-request-id']) ?? Number.NaN);
	const perSecond = Math.max(1, Math.floor(limit / REQUEST_SIZE));
	const sendToArrival = arrivals.map((arrival, i) => arrival - sent[i]).filter(Number.isFinite);
	const beyondWait = arrivals.slice(perSecond).map((_, i) => sent[i + perSecond] - arrivals[i] - 1000).filter(Number.isFinite);

	// performance.timeOrigin + performance.now() is on the clock Date.now() and the emulator use.
	const calledAt = performance.timeOrigin + span.from;
	const returnedAt = performance.timeOrigin + span.to;
	const firstToLast = arrivals[arrivals.length - 1] - arrivals[0];
	const floorS = floorSeconds(publishes.length, limit);
	return {
		recipients: input.length,
		limit,
		requests: publishes.length,
		requestSizes: sizes,
		wallS: (span.to - span.from) / 1000,
		floorS,
		rateS: input.length / limit,
		refusals: publishes.filter(refused).length,
		otherFailures: publishes.filter((request) => answerCode(request) !== 200 && !refused(request)).length,
		delivered: deliveredIds.length,
		duplicates: deliveredIds.length - distinct.size,
		missing: input.filter((item) => !distinct.has(String(item.json.userId))).length,
		phasesS: {
			beforeFirstRequest: (arrivals[0] - calledAt) / 1000,
			firstToLastArrival: firstToLast / 1000,
			afterLastArrival: (returnedAt - arrivals[arrivals.length - 1]) / 1000,
		},
		beyondFloorPerRequestMs: publishes.length > 1 ? (firstToLast - floorS * 1000) / (publishes.length - 1) : 0,
		sendToArrivalMs: spread(sendToArrival),
		arrivalToNextSendBeyondWaitMs: spread(beyondWait),
		allCpuPerRecipientUs: span.cpuUs / input.length,
		cpuMs: {
			toFirstAnswer: cpuAtAnswers.length ? cpuMsBetween(span.cpuAtCall, cpuAtAnswers[0]) : 0,
			betweenAnswers: spread(cpuAtAnswers.slice(1).map((cpu, i) => cpuMsBetween(cpuAtAnswers[i], cpu))),
		},
		loadAverage: loadavg()[0],
		savedContextBytesPerRecipient: span.contextBytes / input.length,
		outputItems: output.length,
		...(result.error ? { error: result.error.message } : {}),
	};
}

/** The run itself; returns before the last heap figure, so that nothing of the run is still in scope when it is taken. */
async function pacedRunHeld(built: Built, recipients: number, limit: number, label: string): Promise<PacedRun> {
	const input = perUser(userIds(recipients, label));
	const cpuAtAnswers: NodeJS.CpuUsage[] = [];
	const emulator = await startEmulator({
		apps: [{ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, recipientsPerSecond: limit }],
		onRequest: () => cpuAtAnswers.push(process.cpuUsage()),
	});
	try {
		const nodeType = timed(built);
		const result = await runNode({
			nodeType,
			credentialTypes: [built.credentialType],
			parameters: parameters(limit),
			items: input,
			credentials: { appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, region: 'custom', baseUrl: emulator.baseUrl },
			saveExecution: false,
		});
		const span = nodeType.span;
		if (!span) throw new Error(`${label}: execute() did not run${result.error ? `: ${result.error.message}` : ''}`);
		const figures = figuresOf(emulator, result, input, span, limit, cpuAtAnswers);
		const withEmulatorRecords = heapAfterGc();
		emulator.reset();
		const inputAndOutput = heapAfterGc();
		const heap = { atReturn: span.heapAtReturn, emulatorRecords: withEmulatorRecords - inputAndOutput, inputAndOutput, after: 0 };
		return { ...figures, heap };
	} finally {
		await emulator.close();
	}
}

/** The node against a fresh emulator whose app takes `limit` recipients a second, the node's option at `limit`. */
async function pacedRun(built: Built, recipients: number, limit: number, label: string, baseline: number): Promise<PacedRun> {
	const run = await pacedRunHeld(built, recipients, limit, label);
	const after = heapAfterGc();
	const { heap } = run;
	run.heap = {
		atReturn: (heap.atReturn - baseline) / MB,
		emulatorRecords: heap.emulatorRecords / MB,
		// The heap with the input and output held, less what stays once they are released.
		inputAndOutput: (heap.inputAndOutput - after) / MB,
		after: (after - baseline) / MB,
	};
	return run;
}

/** publish.json's success answer for the recipients of a form body: one messageUID each. */
function publishAnswer(body: string): string {
	const recipients = new URLSearchParams(body).getAll('toUserId');
	return JSON.stringify({ code: 200, messageUIDs: recipients.map((userId, i) => ({ userId, messageUID: `BVQK-8CSS-N3S5-${String(i).padStart(4, '0')}` })) });
}

/** The node's own CPU per recipient: n8n's HTTP helper answers in memory after the credential signed. */
async function ownCpu(built: Built, recipients: number): Promise<{ cpuUs: number; wallUs: number }> {
	const httpRequest = async (options: IHttpRequestOptions) => {
		if (typeof (options.headers as IDataObject | undefined)?.Signature !== 'string') throw new Error('the request arrived unsigned');
		const body = new Readable({ read: () => undefined });
		body.push(Buffer.from(publishAnswer(String(options.body))));
		body.push(null);
		return { statusCode: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body };
	};
	const nodeType = timed(built, (context) => withReplaced(context, {}, { httpRequest } as Partial<IExecuteFunctions['helpers']>));
	gc();
	const result = await runNode({
		nodeType,
		credentialTypes: [built.credentialType],
		// Out of reach: this figure is the work, not the wait.
		parameters: parameters(1_000_000_000),
		items: perUser(userIds(recipients, 'cpu')),
		credentials: CREDENTIALS,
		saveExecution: false,
	});
	if (result.error) throw result.error;
	const output = result.output?.[0] ?? [];
	const traced = output.filter((item) => (item.json.messageUIDs as IDataObject[] | undefined)?.length === 1).length;
	if (traced !== recipients) throw new Error(`own CPU: ${traced} of ${recipients} items name their messageUID`);
	const span = nodeType.span!;
	return { cpuUs: span.cpuUs / recipients, wallUs: ((span.to - span.from) * 1000) / recipients };
}

/** What the worker reports (its last line of output, JSON). */
export interface SendToUsersReport {
	recipients: number;
	limit: number;
	ownCpu: { runs: number; medianCpuPerRecipientUs: number; medianWallPerRecipientUs: number; samples: Array<{ cpuUs: number; wallUs: number }> };
	small: PacedRun;
	paced: PacedRun;
	tenfold: PacedRun;
}

async function main(): Promise<void> {
	const built = loadBuilt();
	// Warm-up: JIT, n8n's lazy modules, the harness' one-time setup, the emulator's code.
	await ownCpu(built, Math.min(RECIPIENTS, 1000));
	await pacedRun(built, SMALL_RUN, LIMIT * 10, 'warm', heapAfterGc());

	const cpuRuns: Array<{ cpuUs: number; wallUs: number }> = [];
	for (let run = 0; run < CPU_RUNS; run++) cpuRuns.push(await ownCpu(built, RECIPIENTS));

	const baseline = heapAfterGc();
	const small = await pacedRun(built, SMALL_RUN, LIMIT, 'small', baseline);
	const paced = await pacedRun(built, RECIPIENTS, LIMIT, 'paced', baseline);
	const tenfold = await pacedRun(built, RECIPIENTS, LIMIT * 10, 'tenfold', baseline);

	const result: SendToUsersReport = {
		recipients: RECIPIENTS,
		limit: LIMIT,
		ownCpu: {
			runs: CPU_RUNS,
			medianCpuPerRecipientUs: median(cpuRuns.map((run) => run.cpuUs)),
			medianWallPerRecipientUs: median(cpuRuns.map((run) => run.wallUs)),
			samples: cpuRuns,
		},
		small,
		paced,
		tenfold,
	};
	report(result);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
