/**
 * The scenarios of the e2e suite, run in this order on every n8n version.
 *
 * To add one: append `{ name, run: async (ctx) => { ... } }` (see harness.ts for the options:
 * `emulator`, `queue`, `majors`, `timeoutMs`). `ctx.n8n` is a fresh, stopped n8n with the
 * project's package unpacked into its user folder.
 */
import {
	CREDENTIAL_TYPE,
	NODE_TYPE,
	assert,
	expectSuccess,
	nodeOutput,
	rongCloudCredential,
	type Scenario,
} from './harness';

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

export const SCENARIOS: Scenario[] = [
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
