/* eslint-disable
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * The scenarios of the e2e suite, run in this order on every n8n version.
 *
 * To add one: append `{ name, run: async (ctx) => { ... } }` (see harness.ts for the options:
 * `emulator`, `queue`, `majors`, `timeoutMs`). `ctx.n8n` is a fresh, stopped n8n with the
 * project's package unpacked into its user folder.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DEFAULT_TIMEOUT_MS } from '../../nodes/RongCloudBroadcast/shared/limits';
import { editorScenario } from './browser';
import { EXAMPLE_SCENARIOS } from './examples';
import { EXACTLY_ONCE_SCENARIOS } from './exactly-once';
import { forgetQuota, type EmulatorRequest } from './emulator';
import { EVERY_FIELD_FORM, expectEveryFieldForm } from './expectations';
import {
	CREDENTIAL_TYPE,
	NODE_TYPE,
	assert,
	contentOf,
	containsText,
	expectAccepted,
	expectFailure,
	expectSignedRequest,
	expectSuccess,
	formEntries,
	jsonField,
	nodeOutput,
	nodeRun,
	rongCloudCredential,
	settledRequests,
	type Scenario,
	type ScenarioContext,
} from './harness';
import { freePort, sleep, waitFor } from './proc';
import { sandboxScenario } from './sandbox-check';
import {
	exampleByFile,
	executionError,
	latestExecution,
	newRequests,
	requestsWithText,
	retryExecution,
	startWithOwner,
	storedRun,
	webhookPathOf,
	type StoredRun,
} from './steps';
import {
	broadcastWorkflow,
	withDryRunOff,
	withRongCloudParameters,
	webhookSplitBroadcastWorkflow,
	webhookSplitHttpRequestWorkflow,
	withScheduleEverySeconds,
} from './workflows';

/** Manual Trigger → Set with an expression: needs nothing but n8n itself. */
export function trivialWorkflow(id = 'e2eTrivialManual'): Record<string, unknown> {
	return {
		id,
		name: 'E2E trivial: manual trigger and set',
		active: false,
		nodes: [
			{
				id: 'a0c7f2d4-1e0b-4b59-9a3e-000000000001',
				name: 'Manual Trigger',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'a0c7f2d4-1e0b-4b59-9a3e-000000000002',
				name: 'Set',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: {
					assignments: {
						assignments: [
							{ id: 'f1', name: 'greeting', value: "={{ 'hello ' + 'n8n' }}", type: 'string' },
							{ id: 'f2', name: 'sum', value: '={{ 20 + 22 }}', type: 'number' },
						],
					},
					options: {},
				},
			},
		],
		connections: { 'Manual Trigger': { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** Webhook (POST /webhook/<path>) → Set echoing the body; answers with the Set node's output. */
export function trivialWebhookWorkflow(id: string, path: string): Record<string, unknown> {
	return {
		id,
		name: `E2E trivial: webhook ${path}`,
		active: false,
		nodes: [
			{
				id: 'b1d8e3f5-2f1c-4c6a-8b4f-000000000001',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `e2e-${path}`,
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
			},
			{
				id: 'b1d8e3f5-2f1c-4c6a-8b4f-000000000002',
				name: 'Set',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: {
					assignments: {
						assignments: [
							{ id: 'g1', name: 'echo', value: '={{ $json.body.text }}', type: 'string' },
							{ id: 'g2', name: 'pid', value: '={{ 0 }}', type: 'number' },
						],
					},
					options: {},
				},
			},
		],
		connections: { Webhook: { main: [[{ node: 'Set', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** Manual Trigger → RongCloud Broadcast (send a text to all users) with the sandbox credential. */
export function manualSendWorkflow(id: string, text: string): Record<string, unknown> {
	return {
		id,
		name: 'E2E: manual send',
		active: false,
		nodes: [
			{
				id: 'c2e9f406-3a2d-4d7b-9c50-000000000001',
				name: 'Manual Trigger',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'c2e9f406-3a2d-4d7b-9c50-000000000002',
				name: 'RongCloud Broadcast',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [220, 0],
				credentials: { [CREDENTIAL_TYPE]: { id: 'rongcloud-sandbox', name: 'RongCloud Sandbox' } },
				parameters: { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', contentMode: 'fields', text },
			},
		],
		connections: { 'Manual Trigger': { main: [[{ node: 'RongCloud Broadcast', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

export const FOUNDATION_SCENARIOS: Scenario[] = [
	{
		name: 'cli-execute-trivial',
		async run(ctx) {
			await ctx.n8n.importWorkflow(trivialWorkflow());
			const result = await ctx.n8n.executeWorkflow('e2eTrivialManual');
			const execution = expectSuccess(result);
			assert.deepEqual(nodeOutput(execution, 'Set'), [{ greeting: 'hello n8n', sum: 42 }]);
		},
	},
	{
		name: 'start-package-loaded-webhook-trivial',
		async run(ctx) {
			await ctx.n8n.importWorkflow(trivialWebhookWorkflow('e2eTrivialWebhook', 'e2e-trivial'));
			await ctx.n8n.start();
			await ctx.n8n.setupOwner();
			await ctx.n8n.login();

			// The package was loaded as a community package: its node and credential types are known.
			const types = await ctx.n8n.loadedTypes();
			if (ctx.pkg.declaredNodes.length > 0) {
				assert.ok(types.nodes.includes(NODE_TYPE), `${NODE_TYPE} not among the ${types.nodes.length} loaded node types`);
				assert.ok(types.credentials.includes(CREDENTIAL_TYPE), `${CREDENTIAL_TYPE} not among the loaded credential types`);
				ctx.log(`loaded ${NODE_TYPE} and ${CREDENTIAL_TYPE}`);
			}

			await ctx.n8n.activateWorkflow('e2eTrivialWebhook');
			const res = await ctx.n8n.callWebhook('e2e-trivial', { text: 'ping' }, { registrationTimeoutMs: 15_000 });
			assert.equal(res.status, 200, `webhook answered ${res.status}: ${res.text}`);
			assert.deepEqual(res.body, { echo: 'ping', pid: 0 });
			const executions = await ctx.n8n.listExecutions('e2eTrivialWebhook');
			assert.ok(executions.length >= 1, 'no execution recorded for the webhook call');
			assert.equal(executions[0].mode, 'webhook');
			// The stored execution, read back over REST, holds the same output.
			const stored = await ctx.n8n.executionData(String(executions[0].id));
			assert.deepEqual(nodeOutput(stored, 'Set'), [{ echo: 'ping', pid: 0 }]);
		},
	},
	{
		name: 'queue-mode-worker-trivial',
		queue: true,
		timeoutMs: 240_000,
		async run(ctx) {
			await ctx.n8n.importWorkflow(trivialWebhookWorkflow('e2eQueueWebhook', 'e2e-queue'));
			await ctx.n8n.start();
			await ctx.n8n.setupOwner();
			const worker = await ctx.n8n.startWorker();
			await ctx.n8n.activateWorkflow('e2eQueueWebhook');
			const res = await ctx.n8n.callWebhook('e2e-queue', { text: 'queued' }, { registrationTimeoutMs: 30_000 });
			assert.equal(res.status, 200, `webhook answered ${res.status}: ${res.text}`);
			assert.deepEqual(res.body, { echo: 'queued', pid: 0 });
			const executions = await ctx.n8n.listExecutions('e2eQueueWebhook');
			assert.ok(executions.length >= 1, 'no execution recorded');
			const executionId = String(executions[0].id);
			// Evidence that the worker, not the main process, ran it: the worker logs the execution id.
			// (both versions print "Worker started execution 1 (job 1)" / "Worker finished execution 1 (job 1)";
			// the main process prints "Enqueued execution 1 (job 1)").
			const match = await worker.waitForOutput(new RegExp(`Worker finished execution ${executionId} \\(job \\d+\\)`), 15_000);
			await ctx.n8n.waitForMainLog(new RegExp(`Enqueued execution ${executionId} \\(job \\d+\\)`), 5000);
			ctx.log(`worker log: "${match[0]}"`);
			assert.doesNotMatch(
				ctx.n8n.mainProcess()?.text() ?? '',
				new RegExp(`Worker (started|finished) execution ${executionId}\\b`),
			);
		},
	},
	{
		// The first scenario with the real node: proves the emulator hook, the credential import
		// (decrypted by `n8n execute`) and the package's node running inside n8n.
		name: 'rongcloud-send-cli-smoke',
		emulator: true,
		async run(ctx) {
			await ctx.n8n.importCredentials([rongCloudCredential(ctx.emulator)]);
			await ctx.n8n.importWorkflow(manualSendWorkflow('e2eManualSend', 'Hello from real n8n'));
			const execution = expectSuccess(await ctx.n8n.executeWorkflow('e2eManualSend'));
			const requests = await ctx.emulator.waitForRequests(1, 10_000);
			assert.equal(requests.length, 1, 'exactly one request reached the emulator');
			const [request] = requests;
			assert.equal(request.path, '/message/broadcast.json');
			assert.equal(request.signatureValid, true, 'the signature the emulator received is valid');
			assert.equal(request.appKey, ctx.emulator.appKey);
			assert.equal(request.form?.fromUserId, 'system');
			assert.equal(request.form?.objectName, 'RC:TxtMsg');
			assert.equal((JSON.parse(request.form?.content ?? '{}') as { content?: string }).content, 'Hello from real n8n');
			assert.equal(request.response?.status, 200);
			const output = nodeOutput(execution, 'RongCloud Broadcast');
			assert.equal(output.length, 1);
			ctx.log(`node output: ${JSON.stringify(output[0]).slice(0, 200)}`);
		},
	},
];

// ---------------------------------------------------------------- the RongCloud scenarios

/** The request example of RongCloud's documentation, body as printed there (`:` unescaped; form encoding may escape it). */
export const DOCUMENTED_REQUEST_BODY =
	'content=%7B%22content%22%3A%22hello%22%2C%22extra%22%3A%22helloExtra%22%7D&fromUserId=2191&objectName=RC:TxtMsg&pushContent=thisisapush&pushData=%7B%22pushData%22%3A%22hello%22%7D';

const SEND_OUTPUT_KEYS = ['code', 'messageUID', 'requestId', 'sentTime', 'fromUserId', 'objectName'];
const ERROR_ITEM_KEYS = ['error', 'description', 'code', 'httpCode', 'requestId', 'mayHaveBeenDelivered'];

const MESSAGE_1009 = 'RongCloud error 1009: service not enabled for this app key (the Broadcast service is off for this app) (HTTP 430).';
const MESSAGE_1008 = 'RongCloud error 1008: rate limit exceeded (HTTP 429).';

// ---------------------------------------------------------------- n8n's Retry of a failed execution

/**
 * A published webhook workflow turns one call into three broadcasts; the emulator's quota (2 an
 * hour) delivers items 0 and 1 and refuses item 2 with 1008, so the execution fails at item 2.
 * That execution is then retried the two ways the editor offers, each time the original one.
 */
async function retryOfFailedExecution(ctx: ScenarioContext): Promise<void> {
	const id = 'e2eRetryFailedExec';
	const path = 'rongcloud-retry';
	const texts = ['Retry check: item 0', 'Retry check: item 1', 'Retry check: item 2'];
	// A state file and a fixed port and log, so the emulator can be restarted with its quota forgotten.
	const statePath = join(ctx.workDir, 'retry-emulator-state.json');
	let emulator = await ctx.startEmulator({ statePath });
	await ctx.n8n.importCredentials([rongCloudCredential(emulator)]);
	await ctx.n8n.importWorkflow(webhookSplitBroadcastWorkflow({ id, path }));
	await startWithOwner(ctx.n8n);
	await ctx.n8n.activateWorkflow(id);

	const call = await ctx.n8n.callWebhook(path, { messages: texts.map((text) => ({ text })) });
	assert.equal(call.status, 500, `the webhook answered ${call.status}: ${call.text}`);
	const original = await latestExecution(ctx.n8n, id);
	const originalId = String(original.summary.id);
	assert.equal(original.summary.status, 'error', `the original execution ended ${String(original.summary.status)}`);
	const first = await settledRequests(emulator);
	assert.deepEqual(
		first.map((r) => (contentOf(r) as { content?: string }).content),
		texts,
		'the original run sends items 0, 1, 2 once each, in order',
	);
	for (const request of first) expectSignedRequest(request, emulator, '/message/broadcast.json');
	const delivered = first.slice(0, 2).map((r) => String(expectAccepted(r).messageUID));
	assert.equal(first[2].response?.status, 429, `item 2 was answered ${first[2].response?.status}`);
	assert.equal((first[2].response?.body as { code?: number }).code, 1008, 'item 2 was refused by the quota (1008)');
	const originalRun = await storedRun(ctx.n8n, originalId);
	ctx.log(`original execution ${originalId}: items 0, 1 delivered (${delivered.join(', ')}), item 2 1008; n8n says "${executionError(originalRun).slice(0, 160)}…"`);

	// Neither retry may ask for items 0 and 1 again; item 2 was provably not delivered (1008) and may be.
	const expectNoResend = (requests: EmulatorRequest[], what: string): void => {
		for (const index of [0, 1]) {
			const again = requestsWithText(requests, texts[index]);
			assert.equal(
				again.length,
				0,
				`${what} sent item ${index} ("${texts[index]}", delivered by execution ${originalId} as ${delivered[index]}) again: ` +
					`${again.length} request(s), answered ${again.map((r) => `${r.response?.status} ${JSON.stringify(r.response?.body)}`).join('; ')}`,
			);
		}
		assert.ok(requestsWithText(requests, texts[2]).length <= 1, `${what} sent item 2 more than once`);
		assert.equal(requests.length, requestsWithText(requests, texts[2]).length, `${what} sent something other than item 2`);
	};
	const expectRetryOf = (run: StoredRun, what: string): void => {
		assert.equal(run.mode, 'retry', `${what}: mode ${run.mode}`);
		assert.equal(String(run.retryOf), originalId, `${what}: retryOf ${String(run.retryOf)}`);
	};

	// 1. "Retry with original workflow", while the quota is still used up.
	let before = emulator.requests().length;
	const t1 = Date.now();
	const withOriginal = await retryExecution(ctx.n8n, id, originalId, false);
	const afterOriginal = (await settledRequests(emulator, 1000)).slice(before);
	ctx.log(
		`retry with original workflow: execution ${withOriginal.id} ${withOriginal.status} after ${Date.now() - t1} ms; ` +
			`${afterOriginal.length} request(s): ${afterOriginal.map((r) => `"${String((contentOf(r) as { content?: string }).content)}" → ${r.response?.status}`).join(', ')}; ` +
			`n8n says "${executionError(withOriginal).slice(0, 200)}"`,
	);
	expectNoResend(afterOriginal, 'the retry with the original workflow');
	expectRetryOf(withOriginal, 'the retry with the original workflow');
	// Item 2, if sent again, met the same used-up quota: the retry cannot have succeeded.
	assert.equal(withOriginal.status, 'error', `the retry with the original workflow ended ${withOriginal.status}`);

	// 2. The hour has passed (the quota is forgotten); "Retry with currently saved workflow", again of the original.
	await emulator.stop();
	forgetQuota(statePath);
	emulator = await ctx.startEmulator({ statePath, port: emulator.port, logFile: emulator.logFile });
	before = emulator.requests().length;
	const t2 = Date.now();
	const withSaved = await retryExecution(ctx.n8n, id, originalId, true);
	const afterSaved = (await settledRequests(emulator, 1000)).slice(before);
	ctx.log(
		`retry with currently saved workflow: execution ${withSaved.id} ${withSaved.status} after ${Date.now() - t2} ms; ` +
			`${afterSaved.length} request(s): ${afterSaved.map((r) => `"${String((contentOf(r) as { content?: string }).content)}" → ${r.response?.status}`).join(', ')}`,
	);
	expectNoResend(afterSaved, 'the retry with the currently saved workflow');
	expectRetryOf(withSaved, 'the retry with the currently saved workflow');
	// Item 2 was never delivered: with the quota back, this retry delivers it and the execution succeeds.
	const [itemTwo] = requestsWithText(afterSaved, texts[2]);
	assert.ok(itemTwo, 'the retry with the currently saved workflow did not send item 2, which was never delivered');
	expectSignedRequest(itemTwo, emulator, '/message/broadcast.json');
	const third = String(expectAccepted(itemTwo).messageUID);
	assert.equal(withSaved.status, 'success', `the retry with the currently saved workflow ended ${withSaved.status}: ${executionError(withSaved)}`);
	const output = nodeOutput(withSaved.data, 'RongCloud Broadcast');
	assert.deepEqual(
		output.map((item) => item.messageUID),
		[...delivered, third],
		`the retry outputs items 0 and 1 with the messageUIDs the original execution got, item 2 with its own: ${JSON.stringify(output)}`,
	);
}

// ---------------------------------------------------------------- queue mode: a worker dies mid-send

/**
 * Bull's lock on a running job, its renewal and the stalled-job check, lowered from n8n 2.41.1's
 * 60 s, 10 s and 30 s (`@n8n/config` scaling-mode.config.js) so that the surviving worker notices
 * the dead one within seconds; n8n then waits up to 30 s more (a hard-coded grace window in
 * workflow-runner.js) before it ends the execution.
 */
const FAST_STALL_DETECTION = {
	QUEUE_WORKER_LOCK_DURATION: '10000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '2500',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
};

/**
 * Queue mode, a main and two workers; the worker running the broadcast is killed (SIGKILL to its
 * process group, its task runner included, as the kernel's OOM killer or a lost host would) while
 * the emulator holds the answer of a broadcast it has processed. n8n must end the execution, the
 * broadcast must have gone out once, and a Retry of the failed execution must send nothing more.
 * The kill is timed by the emulator (the request has arrived), not by a sleep.
 */
async function queueModeWorkerCrash(ctx: ScenarioContext): Promise<void> {
	const id = 'e2eQueueCrash';
	const path = 'rongcloud-crash';
	const text = 'Sent once, then the worker died';
	await ctx.n8n.importCredentials([rongCloudCredential(ctx.emulator)]);
	// The node's Timeout at its maximum: the node must still be waiting for the answer when its worker dies.
	await ctx.n8n.importWorkflow(webhookSplitBroadcastWorkflow({ id, path, responseMode: 'onReceived', options: { timeout: 600_000 } }));
	await startWithOwner(ctx.n8n);
	const workers = [await ctx.n8n.startWorker(), await ctx.n8n.startWorker()];
	await ctx.n8n.activateWorkflow(id);
	const call = await ctx.n8n.callWebhook(path, { messages: [{ text }] }, { registrationTimeoutMs: 30_000 });
	assert.equal(call.status, 200, `the webhook answered ${call.status}: ${call.text}`);

	const [held] = await ctx.emulator.waitForRequests(1, 60_000);
	expectSignedRequest(held, ctx.emulator, '/message/broadcast.json');
	assert.deepEqual(contentOf(held), { content: text });
	assert.ok(held.unsentResponse, 'the emulator did not process the broadcast whose answer it holds');
	const started = await waitFor(
		'the worker that runs the execution',
		() => {
			for (const worker of workers) {
				const match = /Worker started execution (\d+)/.exec(worker.text());
				if (match) return { worker, executionId: match[1] };
			}
			return undefined;
		},
		15_000,
		100,
	);
	const survivor = workers.find((w) => w !== started.worker);
	assert.ok(survivor);
	started.worker.killGroup('SIGKILL');
	const killedAt = Date.now();
	ctx.log(`broadcast held at the emulator; SIGKILL to the worker (pid ${started.worker.pid}) running execution ${started.executionId}`);

	const ended = await waitFor(
		`n8n to end execution ${started.executionId} after its worker died`,
		async () => {
			const run = await storedRun(ctx.n8n, started.executionId);
			return run.status !== 'running' && run.status !== 'new' ? run : undefined;
		},
		240_000,
		500,
	);
	const endedAfterMs = Date.now() - killedAt;
	ctx.log(`execution ${ended.id} ended ${ended.status} ${endedAfterMs} ms after the kill: "${executionError(ended)}"`);
	assert.equal(ended.status, 'error', `the execution of the dead worker ended ${ended.status}`);
	assert.match(executionError(ended), /failed to be processed too many times/, "n8n's own words for a stalled job");
	// Settled: a re-run of the job (n8n 1.x's Bull default) would have sent the broadcast again by now.
	let requests = await settledRequests(ctx.emulator, 3000);
	assert.equal(requests.length, 1, `the broadcast reached the emulator ${requests.length} times`);

	const t0 = Date.now();
	const retry = await retryExecution(ctx.n8n, id, ended.id, false);
	requests = await settledRequests(ctx.emulator, 2000);
	const retryError = executionError(retry);
	ctx.log(`retry: execution ${retry.id} (${retry.mode}, retryOf ${String(retry.retryOf)}) ${retry.status} after ${Date.now() - t0} ms: "${retryError}"; ran: ${Object.keys(retry.data.data?.resultData?.runData ?? {}).join(', ') || 'no node'}`);
	assert.equal(requests.length, 1, `the retry of the crashed execution sent the broadcast again (${requests.length} requests)`);
	assert.equal(retry.mode, 'retry');
	assert.equal(String(retry.retryOf), ended.id);
	assert.equal(retry.status, 'error', `the retry of the crashed execution ended ${retry.status}`);
	// n8n 2.41.1 stores a stalled execution with no run data and an empty node stack, so its Retry runs
	// no node at all and ends with the stalled error copied. Should n8n ever run the node again, the
	// node has no record of the dead worker's attempt and must say why it sends nothing.
	const ranNode = retry.data.data?.resultData?.runData?.['RongCloud Broadcast'];
	if (ranNode) {
		const said = `${ranNode[0]?.error?.message ?? ''} ${ranNode[0]?.error?.description ?? ''} ${retryError}`;
		assert.match(said, /Retry|[Nn]ot sent/, `the node ran in the retry, sent nothing and did not say why: "${said}"`);
	} else {
		assert.match(retryError, /failed to be processed too many times/, `the retry ran no node and ended with "${retryError}"`);
	}
	assert.doesNotMatch(survivor.text(), /Credentials could not be decrypted/);
}

// ---------------------------------------------------------------- timing, for the report

const TIMING_ITEMS = 200;
const TIMING_ROUNDS = 5;
/** One round of each to warm n8n up, then the rounds that count. */
const TIMING_REQUESTS = 2 * TIMING_ITEMS * (TIMING_ROUNDS + 1);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** /proc counts CPU time in USER_HZ ticks, 100 a second on Linux whatever the kernel's own tick (`getconf CLK_TCK`). */
const CLOCK_TICKS = 100;

/** Milliseconds of CPU (user + system) used so far by a process and every process under it (Linux /proc). */
function treeCpuMs(rootPid: number): number {
	const processes = readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.flatMap((pid) => {
			try {
				const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
				// After "(command)": state, ppid, ... utime and stime are the 12th and 13th fields.
				const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
				return [{ pid: Number(pid), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) }];
			} catch {
				return []; // ended meanwhile
			}
		});
	const tree = new Set([rootPid]);
	for (let grew = true; grew; ) {
		grew = false;
		for (const { pid, ppid } of processes) {
			if (tree.has(ppid) && !tree.has(pid)) {
				tree.add(pid);
				grew = true;
			}
		}
	}
	const ticks = processes.filter(({ pid }) => tree.has(pid)).reduce((sum, { ticks }) => sum + ticks, 0);
	return (ticks * 1000) / CLOCK_TICKS;
}

/**
 * The node's execution time for 200 items next to what users build without it (a Code node that
 * signs + the HTTP Request node), against the same emulator answering every request as a success,
 * median of 5 rounds taken in turn (the order swapped each round), after one of each to warm up:
 * n8n's own execution time of those nodes (from the run data, as n8n shows it), and the CPU time
 * n8n's processes (main and task runners) used for the whole execution, which a busy machine
 * disturbs less. Reported, never asserted: it depends on the machine. Asserted: both workflows
 * sent every item, signed, and succeeded.
 */
async function timeNodeAgainstHttpRequest(ctx: ScenarioContext): Promise<void> {
	const { emulator, n8n } = ctx;
	const url = `${emulator.baseUrl}/message/broadcast.json`;
	const workflows = {
		node: { workflow: webhookSplitBroadcastWorkflow({ id: 'e2eTimingNode', path: 'timing-node' }), timed: ['RongCloud Broadcast'] },
		http: {
			workflow: webhookSplitHttpRequestWorkflow({ id: 'e2eTimingHttp', path: 'timing-http', url, appKey: emulator.appKey, appSecret: emulator.appSecret }),
			timed: ['Sign', 'HTTP Request'],
		},
	};
	await n8n.importCredentials([rongCloudCredential(emulator)]);
	await n8n.importWorkflow([workflows.node.workflow, workflows.http.workflow]);
	await startWithOwner(n8n);
	for (const { workflow } of Object.values(workflows)) await n8n.activateWorkflow(String(workflow.id));
	const n8nPid = n8n.mainProcess()?.child.pid;
	assert.ok(n8nPid, 'n8n is not running');

	const seen = new Set<string>();
	const messages = Array.from({ length: TIMING_ITEMS }, (_, i) => ({ text: `Maintenance notice ${i}: the service will be down from 02:00 to 03:00.` }));
	/** One execution of 200 items: the milliseconds n8n recorded for the timed nodes, and n8n's CPU for the execution. */
	const timeOnce = async (which: keyof typeof workflows): Promise<{ ms: number; cpuMs: number }> => {
		const { workflow, timed } = workflows[which];
		const id = String(workflow.id);
		const before = emulator.requests().length;
		const cpuBefore = treeCpuMs(n8nPid);
		const res = await n8n.callWebhook(webhookPathOf(workflow), { messages }, { registrationTimeoutMs: 30_000 });
		assert.equal(res.status, 200, `${id} answered ${res.status}: ${res.text.slice(0, 300)}`);
		const summary = await waitFor(
			`a new finished execution of ${id}`,
			async () => {
				const [newest] = await n8n.listExecutions(id);
				return newest && !seen.has(String(newest.id)) && newest.status !== 'running' && newest.status !== 'new' ? newest : undefined;
			},
			30_000,
			200,
		);
		const cpuMs = treeCpuMs(n8nPid) - cpuBefore;
		seen.add(String(summary.id));
		assert.equal(summary.status, 'success', `${id}: execution ${String(summary.id)} ended ${String(summary.status)}`);
		const requests = (await emulator.waitForRequests(before + TIMING_ITEMS, 60_000)).slice(before);
		assert.equal(requests.length, TIMING_ITEMS, `${id}: ${requests.length} requests for ${TIMING_ITEMS} items`);
		const refused = requests.filter((request) => !request.signatureValid || request.response?.status !== 200);
		assert.equal(refused.length, 0, `${id}: ${refused.length} requests unsigned or not answered 200`);
		const data = await n8n.executionData(String(summary.id));
		assert.equal(nodeOutput(data, timed[timed.length - 1]).length, TIMING_ITEMS);
		return { ms: timed.reduce((sum, name) => sum + Number(nodeRun(data, name).executionTime), 0), cpuMs };
	};

	await timeOnce('node');
	await timeOnce('http');
	const rounds = { node: [] as Array<{ ms: number; cpuMs: number }>, http: [] as Array<{ ms: number; cpuMs: number }> };
	for (let round = 0; round < TIMING_ROUNDS; round++) {
		const order: Array<keyof typeof workflows> = round % 2 === 0 ? ['node', 'http'] : ['http', 'node'];
		for (const which of order) rounds[which].push(await timeOnce(which));
	}
	const figure = (pick: (round: { ms: number; cpuMs: number }) => number) => {
		const node = median(rounds.node.map(pick));
		const http = median(rounds.http.map(pick));
		const perItem = (ms: number) => `${(ms / TIMING_ITEMS).toFixed(2)} ms/item`;
		return `RongCloud Broadcast ${node} ms (${perItem(node)}), Code (sign) + HTTP Request ${http} ms (${perItem(http)}), ratio ${(node / http).toFixed(2)} [${rounds.node.map(pick).join(', ')} vs ${rounds.http.map(pick).join(', ')}]`;
	};
	ctx.report(`${TIMING_ITEMS} items, median of ${TIMING_ROUNDS} rounds. Execution time of the nodes: ${figure((round) => round.ms)}`);
	ctx.report(`${TIMING_ITEMS} items, median of ${TIMING_ROUNDS} rounds. CPU of n8n for the whole execution: ${figure((round) => Math.round(round.cpuMs))}`);
}

export const RONGCLOUD_SCENARIOS: Scenario[] = [
	...EXAMPLE_SCENARIOS,
	{
		// The documentation's "Request Example", field for field; once from the typed fields, once from JSON
		// content (a `json` parameter as the editor stores it: a string).
		name: 'seed-request-example',
		emulator: true,
		async run(ctx) {
			const common = { operation: 'send', fromUserId: '2191', objectName: 'RC:TxtMsg', options: { pushContent: 'thisisapush', pushData: '{"pushData":"hello"}' } };
			const fieldsNode = broadcastWorkflow({
				id: 'e2eSeedFields',
				parameters: { ...common, contentMode: 'fields', text: 'hello', extra: 'helloExtra' },
			});
			const jsonNode = broadcastWorkflow({
				id: 'e2eSeedJson',
				parameters: { ...common, contentMode: 'json', content: '{\n  "content": "hello",\n  "extra": "helloExtra"\n}' },
			});
			await ctx.n8n.importCredentials([rongCloudCredential(ctx.emulator)]);
			await ctx.n8n.importWorkflow([fieldsNode, jsonNode]);
			const documentedEntries = [...new URLSearchParams(DOCUMENTED_REQUEST_BODY)];
			for (const id of ['e2eSeedFields', 'e2eSeedJson']) {
				const before = ctx.emulator.requests().length;
				const execution = expectSuccess(await ctx.n8n.executeWorkflow(id));
				const requests = await newRequests(ctx.emulator, before);
				assert.equal(requests.length, 1, `${id}: one request`);
				const [request] = requests;
				expectSignedRequest(request, ctx.emulator, '/message/broadcast.json');
				assert.deepEqual(formEntries(request), documentedEntries, `${id}: the fields, values and order of the documented request example`);
				// Byte for byte the documented body, except that form encoding escapes ':' (as URLSearchParams does).
				assert.equal(request.rawBody, DOCUMENTED_REQUEST_BODY.replace('RC:TxtMsg', 'RC%3ATxtMsg'), `${id}: raw body`);
				const answer = expectAccepted(request);
				const [item] = nodeOutput(execution, 'RongCloud Broadcast');
				assert.deepEqual(Object.keys(item).sort(), [...SEND_OUTPUT_KEYS].sort());
				assert.equal(item.messageUID, answer.messageUID);
				assert.equal(item.requestId, request.headers['x-request-id']);
				assert.equal(item.fromUserId, '2191');
				ctx.log(`${id}: ${request.rawBody}`);
			}
		},
	},
	{
		name: 'webhook-expression',
		emulator: true,
		async run(ctx) {
			// The example as a user takes it live: Dry Run switched off.
			const workflow = withDryRunOff(exampleByFile('webhook-broadcast.json'), 'rcWebhookLive');
			const id = String(workflow.id);
			await ctx.n8n.importCredentials([rongCloudCredential(ctx.emulator)]);
			await ctx.n8n.importWorkflow(workflow);
			await startWithOwner(ctx.n8n);
			const types = await ctx.n8n.loadedTypes();
			assert.ok(types.nodes.includes(NODE_TYPE), `${NODE_TYPE} is not loaded`);
			await ctx.n8n.activateWorkflow(id);
			// Non-ASCII text, and every field the example takes from the body.
			const text = 'Maintenance tonight 22:00 — 今晚维护 🚧 & 100% "quoted"';
			const res = await ctx.n8n.callWebhook('rongcloud-broadcast', { text, fromUserId: 'ops-bot', extra: 'ticket-42' });
			assert.equal(res.status, 200, `webhook answered ${res.status}: ${res.text}`);
			const requests = await settledRequests(ctx.emulator);
			assert.equal(requests.length, 1, 'one broadcast');
			const [request] = requests;
			expectSignedRequest(request, ctx.emulator, '/message/broadcast.json');
			assert.deepEqual(contentOf(request), { content: text, extra: 'ticket-42' }, 'the body became the message through the expressions');
			assert.equal(request.form?.fromUserId, 'ops-bot');
			assert.equal(request.form?.pushContent, text);
			assert.deepEqual(jsonField(request, 'pushExt'), { title: 'Announcement' });
			// UTF-8, form-encoded as URLSearchParams does it.
			assert.ok(request.rawBody.includes(new URLSearchParams({ pushContent: text }).toString()), `pushContent on the wire: ${request.rawBody}`);
			const answer = expectAccepted(request);
			const body = res.body as Record<string, unknown>;
			assert.deepEqual(Object.keys(body).sort(), [...SEND_OUTPUT_KEYS].sort(), 'the webhook answers with the node output');
			assert.equal(body.messageUID, answer.messageUID);
			assert.equal(body.fromUserId, 'ops-bot');
			const { summary, data } = await latestExecution(ctx.n8n, id);
			assert.equal(summary.mode, 'webhook');
			assert.equal(summary.status, 'success');
			assert.deepEqual(nodeOutput(data, 'RongCloud Broadcast'), [body], 'the stored execution holds the same output');

			// A body without text: the node stops before sending, n8n answers with an error, nothing is sent.
			const bad = await ctx.n8n.callWebhook('rongcloud-broadcast', { note: 'no text' });
			assert.ok(bad.status >= 400, `a body without text answered ${bad.status}: ${bad.text}`);
			assert.equal((await settledRequests(ctx.emulator)).length, 1, 'nothing was sent for the body without text');
			const failed = await latestExecution(ctx.n8n, id);
			assert.equal(failed.summary.status, 'error');
			ctx.log(`without text: HTTP ${bad.status} ${bad.text.slice(0, 160)}; execution ${String(failed.summary.id)} status error`);
			await ctx.n8n.deactivateWorkflow(id);
		},
	},
	{
		name: 'schedule-trigger',
		emulator: true,
		timeoutMs: 240_000,
		async run(ctx) {
			const id = 'rcScheduleEvery3s';
			await ctx.n8n.importCredentials([rongCloudCredential(ctx.emulator)]);
			await ctx.n8n.importWorkflow(withScheduleEverySeconds(withDryRunOff(exampleByFile('schedule-broadcast.json'), id), id, 3));
			await startWithOwner(ctx.n8n);
			const activatedAt = Date.now();
			await ctx.n8n.activateWorkflow(id);
			const [first] = await ctx.emulator.waitForRequests(1, 20_000);
			ctx.log(`first scheduled broadcast ${first.receivedAt - activatedAt} ms after activation`);
			await ctx.n8n.deactivateWorkflow(id);
			const atDeactivation = await settledRequests(ctx.emulator, 1000);
			// Longer than two intervals: a schedule still armed would fire again.
			await sleep(7000);
			const later = ctx.emulator.requests();
			assert.equal(later.length, atDeactivation.length, `the schedule kept firing after deactivation (${atDeactivation.length} → ${later.length})`);
			expectSignedRequest(first, ctx.emulator, '/message/broadcast.json');
			expectAccepted(first);
			const today = new Date(first.receivedAt).toISOString().slice(0, 10);
			assert.deepEqual(contentOf(first), { content: `Good morning! Today's maintenance window is 22:00-23:00 (${today}).` });
			assert.equal(first.form?.pushContent, 'Maintenance tonight 22:00-23:00');
			const executions = await ctx.n8n.listExecutions(id);
			assert.ok(executions.length >= 1, 'no execution recorded');
			assert.ok(executions.every((e) => e.mode === 'trigger'), `modes: ${executions.map((e) => String(e.mode)).join(', ')}`);
			const oldest = executions[executions.length - 1];
			assert.equal(oldest.status, 'success');
			const stored = await ctx.n8n.executionData(String(oldest.id));
			const [item] = nodeOutput(stored, 'RongCloud Broadcast');
			assert.equal(item.messageUID, (first.response?.body as { messageUID?: string }).messageUID);
			ctx.log(`${later.length} broadcast(s), ${executions.length} execution(s) (${executions.map((e) => String(e.status)).join(', ')}); deactivated; no request in the 7 s after`);
			await ctx.n8n.stop();
		},
	},
	{
		name: 'errors-as-users-see-them',
		emulator: { broadcastDisabled: true },
		timeoutMs: 240_000,
		async run(ctx) {
			const parameters = { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', contentMode: 'fields', text: 'Is the service on?' };
			await ctx.n8n.importCredentials([rongCloudCredential(ctx.emulator)]);
			await ctx.n8n.importWorkflow([
				broadcastWorkflow({ id: 'e2eErrorFails', parameters }),
				broadcastWorkflow({ id: 'e2eErrorContinues', parameters, nodeSettings: { onError: 'continueRegularOutput' } }),
			]);
			const failing = async (expected: string, code: number, httpStatus: number): Promise<void> => {
				const before = ctx.emulator.requests().length;
				const result = await ctx.n8n.executeWorkflow('e2eErrorFails');
				const { message, description } = expectFailure(result);
				const requests = await newRequests(ctx.emulator, before);
				assert.equal(requests.length, 1, 'one request, no retry');
				assert.equal(requests[0].response?.status, httpStatus);
				assert.equal((requests[0].response?.body as { code?: number }).code, code);
				assert.ok(message.startsWith(expected), `the execution failed with "${message}", expected it to start with "${expected}"`);
				assert.ok(result.execution?.status === 'error' || result.execution === undefined || result.execution.status === undefined, `status ${result.execution?.status}`);
				assert.ok(!containsText(result.stdout + result.stderr, ctx.emulator.appSecret), 'the App Secret appears in the output');
				assert.ok(!containsText(result.stdout, requests[0].headers.signature ?? '-'), 'the signature appears in the output');
				ctx.log(`fails: "${message}"${description ? ` / ${description.slice(0, 120)}…` : ''}`);
			};
			const continuing = async (expected: string, code: number, httpStatus: number): Promise<void> => {
				const before = ctx.emulator.requests().length;
				const execution = expectSuccess(await ctx.n8n.executeWorkflow('e2eErrorContinues'));
				const requests = await newRequests(ctx.emulator, before);
				assert.equal(requests.length, 1, 'one request, no retry');
				const items = nodeOutput(execution, 'RongCloud Broadcast');
				assert.equal(items.length, 1, 'one error item');
				const [item] = items;
				assert.deepEqual(Object.keys(item).sort(), [...ERROR_ITEM_KEYS].sort(), `error item keys: ${JSON.stringify(item)}`);
				assert.ok(String(item.error).startsWith(expected), `error item says "${String(item.error)}"`);
				assert.equal(item.code, code);
				assert.equal(item.httpCode, httpStatus);
				assert.equal(item.requestId, requests[0].headers['x-request-id'], 'the error item names the request');
				assert.equal(item.mayHaveBeenDelivered, false);
				assert.match(String(item.description), /Nothing was delivered/);
				ctx.log(`continues: ${JSON.stringify(item).slice(0, 200)}…`);
			};
			// The emulator answers 1009 to the first three calls in a minute, then 1008 (as RongCloud documents).
			await failing(MESSAGE_1009, 1009, 430);
			await continuing(MESSAGE_1009, 1009, 430);
			await failing(MESSAGE_1009, 1009, 430);
			await failing(MESSAGE_1008, 1008, 429);
			await continuing(MESSAGE_1008, 1008, 429);
		},
	},
	{
		// n8n's own Settings → Retry On Fail (3 tries) against a server that processes the broadcast
		// and never answers: the node must not let n8n's retries send it again.
		name: 'retry-on-fail-sends-once',
		emulator: { faults: [{ fault: { kind: 'hang', afterProcessing: true }, times: 10 }] },
		timeoutMs: 240_000,
		async run(ctx) {
			const parameters = { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', contentMode: 'fields', text: 'Once only', options: { timeout: 1500 } };
			await ctx.n8n.importCredentials([rongCloudCredential(ctx.emulator)]);
			await ctx.n8n.importWorkflow([
				broadcastWorkflow({ id: 'e2eRetryOnce', parameters, nodeSettings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 100 } }),
			]);
			const result = await ctx.n8n.executeWorkflow('e2eRetryOnce');
			const { message, description } = expectFailure(result);
			// Any retry would have arrived by now: each try after the first is answered at once.
			await sleep(3000);
			const requests = ctx.emulator.requests();
			assert.equal(requests.length, 1, `Retry On Fail sent the broadcast ${requests.length} times`);
			assert.equal(requests[0].path, '/message/broadcast.json');
			assert.ok(requests[0].unsentResponse, 'the emulator processed the broadcast it never answered');
			assert.ok(
				message.startsWith('Not re-sent: the earlier attempt of item 0 may have been delivered'),
				`the execution failed with "${message}"`,
			);
			if (description !== undefined) assert.match(description, /Retry On Fail/);
			assert.ok(!containsText(result.stdout + result.stderr, requests[0].headers.signature ?? '-'), 'the signature appears in the output');
			ctx.log(`one request; n8n said: "${message}"${description ? ` / ${description.slice(0, 160)}…` : ''}`);
		},
	},
	{
		// n8n's Retry of a failed execution runs the failed node again, in a new execution, with all its items.
		name: 'retry-of-failed-execution',
		timeoutMs: 240_000,
		run: retryOfFailedExecution,
	},
	...EXACTLY_ONCE_SCENARIOS,
	{
		// A misconfigured gateway answers the broadcast with a redirect to another host, which would
		// accept the signed request (same app) if n8n followed it.
		name: 'redirect-not-followed',
		emulator: true,
		timeoutMs: 240_000,
		async run(ctx) {
			const other = await ctx.startEmulator();
			const parameters = { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', contentMode: 'fields', text: 'Stay home' };
			const cases = [
				{ status: 307, id: 'e2eRedirect307' },
				{ status: 301, id: 'e2eRedirect301' },
			];
			for (const { status, id } of cases) {
				const gateway = await ctx.startEmulator({
					faults: [{ fault: { kind: 'redirect', httpStatus: status as 301 | 307, location: `${other.baseUrl}/message/broadcast.json` } }],
				});
				await ctx.n8n.importCredentials([rongCloudCredential(gateway, { id: `rc-${id}`, name: `Gateway ${status}`, data: {} })]);
				await ctx.n8n.importWorkflow([broadcastWorkflow({ id, parameters, credentialId: `rc-${id}` })]);
				const result = await ctx.n8n.executeWorkflow(id);
				const { message } = expectFailure(result);
				await sleep(500);
				assert.equal(gateway.requests().length, 1, 'one request at the gateway');
				assert.equal(other.requests().length, 0, `HTTP ${status}: the redirect was followed to ${other.baseUrl}`);
				assert.ok(message.includes(`HTTP ${status}, a redirect to ${new URL(other.baseUrl).host}`), `HTTP ${status}: n8n said "${message}"`);
				ctx.log(`HTTP ${status}: "${message}"`);
			}
		},
	},
	{
		name: 'dry-run-sends-nothing',
		emulator: true,
		async run(ctx) {
			// The example ships with Dry Run on; set here too, so this scenario does not depend on it.
			const workflow = withRongCloudParameters(exampleByFile('every-field.json'), 'e2eDryRun', (parameters) => {
				(parameters.options as Record<string, unknown>).dryRun = true;
			});
			await ctx.n8n.importCredentials([rongCloudCredential(ctx.emulator)]);
			await ctx.n8n.importWorkflow(workflow);
			const result = await ctx.n8n.executeWorkflow('e2eDryRun');
			const execution = expectSuccess(result);
			await sleep(1000);
			assert.equal(ctx.emulator.requests().length, 0, 'a dry run sent a request');
			const items = nodeOutput(execution, 'RongCloud Broadcast');
			assert.equal(items.length, 1);
			const [item] = items;
			assert.equal(item.dryRun, true);
			assert.equal(item.method, 'POST');
			assert.equal(item.url, `${ctx.emulator.baseUrl}/message/broadcast.json`);
			const headers = item.headers as Record<string, string>;
			assert.equal(headers['App-Key'], ctx.emulator.appKey);
			assert.equal(headers['Content-Type'], 'application/x-www-form-urlencoded');
			assert.ok(headers.Signature, 'the Signature header is shown');
			assert.doesNotMatch(headers.Signature, /^[0-9a-f]{40}$/, 'the dry run shows a usable signature');
			const body = item.body as Record<string, string>;
			expectEveryFieldForm(body, 'dry-run body');
			assert.deepEqual(Object.fromEntries(new URLSearchParams(String(item.encodedBody))), body, 'encodedBody is the body, form-encoded');
			assert.equal(item.fromUserId, EVERY_FIELD_FORM.fromUserId);
			assert.ok(!containsText(item, ctx.emulator.appSecret), 'the App Secret appears in the dry-run output');
			assert.ok(!containsText(result.stdout + result.stderr, ctx.emulator.appSecret), 'the App Secret appears in n8n output');
			ctx.log(`dry run output keys: ${Object.keys(item).join(', ')}; 0 requests at the emulator`);
		},
	},
	{
		// The credential test as the editor runs it: POST /rest/credentials/test with the stored
		// credential's id and the (edited) data, body `{ credentials: { id, name, type, data } }`
		// on both versions (n8n answers `{ data: { status: 'OK' | 'Error', message } }`).
		name: 'credential-test-rest',
		emulator: true,
		async run(ctx) {
			const closedPort = await freePort();
			const cases = [
				{ id: 'rc-good', name: 'Good', data: {} },
				{ id: 'rc-wrong-secret', name: 'Wrong secret', data: { appSecret: 'not-the-secret' } },
				{ id: 'rc-unreachable', name: 'Unreachable', data: { baseUrl: `http://127.0.0.1:${closedPort}` } },
			];
			await ctx.n8n.importCredentials(cases.map((c) => rongCloudCredential(ctx.emulator, c)));
			await startWithOwner(ctx.n8n);
			const test = async (c: (typeof cases)[number]): Promise<{ status: string; message: string }> => {
				const credential = rongCloudCredential(ctx.emulator, c);
				const answer = await ctx.n8n.rest<{ status: string; message: string }>('POST', '/rest/credentials/test', {
					credentials: { id: c.id, name: c.name, type: CREDENTIAL_TYPE, data: credential.data },
				});
				ctx.log(`credential test "${c.name}": ${JSON.stringify(answer)}`);
				return answer;
			};
			const good = await test(cases[0]);
			let requests = await settledRequests(ctx.emulator);
			assert.equal(requests.length, 1, 'the good credential test made one request');
			expectSignedRequest(requests[0], ctx.emulator, '/user/checkOnline.json');
			assert.deepEqual(requests[0].form, { userId: 'n8n-credential-test' });
			expectAccepted(requests[0]);
			assert.equal(good.status, 'OK', `good credential: ${JSON.stringify(good)}`);

			const wrong = await test(cases[1]);
			requests = await settledRequests(ctx.emulator);
			assert.equal(requests.length, 2, 'the wrong-secret test made one request');
			assert.equal(requests[1].signatureValid, false);
			assert.equal(requests[1].response?.status, 401);
			assert.equal((requests[1].response?.body as { code?: number }).code, 1004);
			const unreachable = await test(cases[2]);
			assert.equal((await settledRequests(ctx.emulator)).length, 2, 'the unreachable credential reached the emulator');
			assert.equal(unreachable.status, 'Error', `unreachable base URL: ${JSON.stringify(unreachable)}`);
			assert.ok(unreachable.message.length > 0);
			// A Base URL the node would refuse is refused by the test too, before anything is sent.
			const query = { id: 'rc-query', name: 'Query in Base URL', data: { baseUrl: `${ctx.emulator.baseUrl}/?x=1` } };
			// A server that is not RongCloud (a 404 page) does not pass for one.
			const pageServer = await ctx.startEmulator({ faults: [{ fault: { kind: 'html', httpStatus: 404 } }] });
			const notRongCloud = { id: 'rc-not-rongcloud', name: 'Not RongCloud', data: { baseUrl: pageServer.baseUrl } };
			// A server that takes the request and never answers: n8n alone would wait 5 minutes.
			const silentServer = await ctx.startEmulator({ faults: [{ fault: { kind: 'hang' } }] });
			const silent = { id: 'rc-silent', name: 'Silent server', data: { baseUrl: silentServer.baseUrl } };
			await ctx.n8n.importCredentials([query, notRongCloud, silent].map((c) => rongCloudCredential(ctx.emulator, c)));
			const refused = await test(query);
			assert.equal(refused.status, 'Error', `query in the Base URL: ${JSON.stringify(refused)}`);
			assert.match(refused.message, /Base URL must be http:\/\/ or https:\/\//, `query in the Base URL: ${JSON.stringify(refused)}`);
			assert.equal((await settledRequests(ctx.emulator)).length, 2, 'the refused Base URL reached the emulator');
			const page = await test(notRongCloud);
			assert.equal(pageServer.requests().length, 1, 'the 404 server got the test request');
			assert.equal(page.status, 'Error', `a 404 page passed the credential test: ${JSON.stringify(page)}`);
			assert.match(page.message, /not a RongCloud Server API/);
			const startedAt = Date.now();
			const silence = await test(silent);
			const waitedMs = Date.now() - startedAt;
			ctx.log(`silent server: the credential test ended after ${waitedMs} ms`);
			assert.equal(silentServer.requests().length, 1, 'the silent server got the test request');
			assert.equal(silence.status, 'Error', `a silent server passed the credential test: ${JSON.stringify(silence)}`);
			// The credential test's deadline is the node's default Timeout, its one definition.
			assert.ok(waitedMs < DEFAULT_TIMEOUT_MS + 5000, `the credential test waited ${waitedMs} ms for a silent server (its deadline is ${DEFAULT_TIMEOUT_MS} ms)`);
			assert.match(silence.message, new RegExp(`No complete answer from .* within ${DEFAULT_TIMEOUT_MS / 1000} seconds`), `a silent server: ${JSON.stringify(silence)}`);
			// Last, so the other two are checked even when this fails.
			assert.equal(wrong.status, 'Error', `wrong secret: ${JSON.stringify(wrong)}`);
			assert.ok(
				wrong.message.includes('RongCloud code 1004'),
				`n8n ${ctx.version} did not run the node's credential test (testedBy) on RongCloud's 401 answer: ` +
					`it said ${JSON.stringify(wrong)} instead of "RongCloud code 1004: ..."`,
			);
		},
	},
	{
		// n8n 2.x refuses a credential restricted to its package's nodes to any other node; the
		// HTTP Request node is the one that could carry the signed headers anywhere. 1.x ignores
		// the restriction (the README says so), so the scenario proves nothing there.
		name: 'credential-refused-to-http-request',
		majors: [2],
		emulator: true,
		async run(ctx) {
			const id = 'e2eBorrowedCredential';
			await ctx.n8n.importCredentials([rongCloudCredential(ctx.emulator)]);
			await ctx.n8n.importWorkflow([
				{
					id,
					name: 'E2E: HTTP Request borrows the RongCloud credential',
					active: false,
					nodes: [
						{ id: randomUUID(), name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
						{
							id: randomUUID(),
							name: 'HTTP Request',
							type: 'n8n-nodes-base.httpRequest',
							typeVersion: 4.2,
							position: [260, 0],
							parameters: {
								method: 'POST',
								url: `${ctx.emulator.baseUrl}/message/broadcast.json`,
								authentication: 'predefinedCredentialType',
								nodeCredentialType: CREDENTIAL_TYPE,
								sendBody: true,
								contentType: 'form-urlencoded',
								bodyParameters: { parameters: [{ name: 'fromUserId', value: 'system' }, { name: 'objectName', value: 'RC:TxtMsg' }, { name: 'content', value: '{"content":"borrowed"}' }] },
								options: {},
							},
							credentials: { [CREDENTIAL_TYPE]: { id: 'rongcloud-sandbox', name: 'RongCloud Sandbox' } },
						},
					],
					connections: { 'Manual Trigger': { main: [[{ node: 'HTTP Request', type: 'main', index: 0 }]] } },
					settings: { executionOrder: 'v1' },
					pinData: {},
				},
			]);
			const result = await ctx.n8n.executeWorkflow(id);
			const { message } = expectFailure(result);
			await sleep(500);
			assert.equal(ctx.emulator.requests().length, 0, `the HTTP Request node reached the emulator with the RongCloud credential (n8n said "${message}")`);
			assert.match(message, /restricted to specific nodes/, `n8n said "${message}"`);
			assert.ok(!containsText(result.stdout + result.stderr, ctx.emulator.appSecret), 'the App Secret appears in n8n output');
			ctx.log(`HTTP Request with the RongCloud credential: "${message}"; 0 requests at the emulator`);
		},
	},
	{
		name: 'queue-mode-webhook-broadcast',
		queue: true,
		emulator: true,
		timeoutMs: 240_000,
		async run(ctx) {
			const workflow = withDryRunOff(exampleByFile('webhook-broadcast.json'), 'rcWebhookLive');
			const id = String(workflow.id);
			await ctx.n8n.importCredentials([rongCloudCredential(ctx.emulator)]);
			await ctx.n8n.importWorkflow(workflow);
			await startWithOwner(ctx.n8n);
			const worker = await ctx.n8n.startWorker();
			await ctx.n8n.activateWorkflow(id);
			const res = await ctx.n8n.callWebhook('rongcloud-broadcast', { text: 'Sent by the queue worker' }, { registrationTimeoutMs: 30_000 });
			assert.equal(res.status, 200, `webhook answered ${res.status}: ${res.text}`);
			const requests = await settledRequests(ctx.emulator);
			assert.equal(requests.length, 1, 'one broadcast');
			expectSignedRequest(requests[0], ctx.emulator, '/message/broadcast.json');
			assert.deepEqual(contentOf(requests[0]), { content: 'Sent by the queue worker' });
			const answer = expectAccepted(requests[0]);
			assert.equal((res.body as { messageUID?: string }).messageUID, answer.messageUID);
			const { summary } = await latestExecution(ctx.n8n, id);
			const executionId = String(summary.id);
			assert.equal(summary.status, 'success');
			// The worker ran it (so it decrypted the credential with the shared key); main only enqueued it.
			const match = await worker.waitForOutput(new RegExp(`Worker finished execution ${executionId} \\(job \\d+\\)`), 15_000);
			await ctx.n8n.waitForMainLog(new RegExp(`Enqueued execution ${executionId} \\(job \\d+\\)`), 5000);
			assert.doesNotMatch(ctx.n8n.mainProcess()?.text() ?? '', new RegExp(`Worker (started|finished) execution ${executionId}\\b`));
			assert.doesNotMatch(worker.text(), /Credentials could not be decrypted|Error: .*decrypt/i);
			ctx.log(`worker log: "${match[0]}"; broadcast ${String(answer.messageUID)}`);
		},
	},
	{
		name: 'queue-mode-worker-crash',
		queue: true,
		emulator: { faults: [{ fault: { kind: 'hang', afterProcessing: true }, path: '/message/broadcast.json', times: 1 }] },
		env: FAST_STALL_DETECTION,
		skipOn: (install) =>
			install.major < 2
				? `n8n ${install.version}'s Bull re-runs a stalled job (maxStalledCount 1 by default), which n8n 2.x removed; this scenario checks 2.x's crash handling`
				: undefined,
		timeoutMs: 360_000,
		run: queueModeWorkerCrash,
	},
	{
		// Not a check of speed (nothing about the times is asserted): the figures go to the suite's report.
		name: 'timing-node-vs-http-request',
		emulator: {
			faults: [{ fault: { kind: 'json', httpStatus: 200, body: { code: 200, messageUID: 'TIME-5G3S-N3S5-U3ML' } }, path: '/message/broadcast.json', times: TIMING_REQUESTS }],
		},
		// The Code node that signs requires Node's crypto.
		env: { NODE_FUNCTION_ALLOW_BUILTIN: 'crypto' },
		timeoutMs: 900_000,
		run: timeNodeAgainstHttpRequest,
	},
	editorScenario,
	sandboxScenario,
];

export const SCENARIOS: Scenario[] = [...FOUNDATION_SCENARIOS, ...RONGCLOUD_SCENARIOS];
