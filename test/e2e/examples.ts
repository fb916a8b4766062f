/**
 * The examples scenarios: every file in examples/ run in real n8n, on both API generations.
 *
 * `examples` runs them as they ship (the "RongCloud Sandbox" credential, RongCloud's v1 API);
 * `examples-v4` runs each with the one change a user makes to move a workflow to Nexconn's API v4:
 * its RongCloud nodes use the credential "RongCloud Sandbox (Nexconn v4)" (API Version v4, the same
 * emulator). Each example runs twice: as shipped (Dry Run on: nothing may arrive, each RongCloud
 * node outputs its request) and with Dry Run switched off (what reaches the wire), each with its
 * own expectation (expectations.ts for v1, expectationsV4.ts for v4).
 *
 * `examples` runs the manual ones with `n8n execute`, as a user's click does (about 10 s of n8n's
 * start each); `examples-v4` proves the wire of the other generation, not the trigger again, so it
 * starts n8n once and runs each example as a copy whose trigger is a Webhook, published and called,
 * on one emulator whose quota it resets between examples (the sandbox's reset).
 */
import { EXAMPLE_EXPECTATIONS, type ExampleExpectation, type ExampleRun } from './expectations';
import { EXAMPLE_EXPECTATIONS_V4 } from './expectationsV4';
import type { EmulatorHandle } from './emulator';
import { assert, CREDENTIAL_TYPE, exampleWorkflows, expectFailure, expectSuccess, rongCloudCredential, type Scenario, type ScenarioContext } from './harness';
import type { ExecuteResult } from './n8n';
import { derivedId, latestExecution, newRequests, resetQuota, startWithOwner, webhookPathOf } from './steps';
import { rongCloudNodes, V4_CREDENTIAL, withCredential, withDryRunOff, withManualTrigger, withWebhookPath, withWebhookTrigger } from './workflows';

type Workflow = Record<string, unknown>;

interface Generation {
	/** Added to each line of the log ("" for v1). */
	label: string;
	expectationsFile: string;
	expectations: Record<string, ExampleExpectation>;
	/** The credential every RongCloud node of the run uses, pointed at `emulator`. */
	credential(emulator: EmulatorHandle): Record<string, unknown>;
	/** The example as this generation runs it (same id). */
	adapt(workflow: Workflow): Workflow;
	/** cli: manual examples by `n8n execute`, an emulator each; published: every example behind a webhook on one n8n. */
	runs: 'cli' | 'published';
}

const V1: Generation = {
	label: '',
	expectationsFile: 'expectations.ts',
	expectations: EXAMPLE_EXPECTATIONS,
	credential: (emulator) => rongCloudCredential(emulator),
	adapt: (workflow) => workflow,
	runs: 'cli',
};

const V4: Generation = {
	label: ' on Nexconn v4',
	expectationsFile: 'expectationsV4.ts',
	expectations: EXAMPLE_EXPECTATIONS_V4,
	credential: (emulator) => rongCloudCredential(emulator, { ...V4_CREDENTIAL, data: { apiVersion: 'v4' } }),
	adapt: (workflow) => withCredential(workflow, String(workflow.id), V4_CREDENTIAL),
	runs: 'published',
};

/** Every example references the sandbox credential and ships with Dry Run on. */
function checkAsShipped(examples: Array<{ file: string; workflow: Workflow }>): void {
	for (const { file, workflow } of examples) {
		for (const node of rongCloudNodes(workflow)) {
			assert.deepEqual(
				(node.credentials as Record<string, { id: string }>)?.[CREDENTIAL_TYPE]?.id,
				'rongcloud-sandbox',
				`${file}: node "${node.name}" must use the credential id rongcloud-sandbox (the npm start sandbox's)`,
			);
			assert.equal((node.parameters.options as { dryRun?: unknown } | undefined)?.dryRun, true, `${file}: node "${node.name}" must ship with Dry Run on`);
		}
	}
}

async function runExamples(ctx: ScenarioContext, generation: Generation): Promise<void> {
	const { expectations } = generation;
	const examples = exampleWorkflows();
	const unknown = examples.filter((e) => !(e.file in expectations)).map((e) => e.file);
	assert.deepEqual(unknown, [], `examples without an expectation in test/e2e/${generation.expectationsFile}: ${unknown.join(', ')}`);
	for (const file of Object.keys(expectations)) {
		if (!examples.some((e) => e.file === file)) ctx.log(`note: examples/${file} has an expectation but no file`);
	}
	checkAsShipped(examples);
	const adapted = examples.map(({ file, workflow }) => ({ file, workflow: generation.adapt(workflow) }));
	await ctx.n8n.importWorkflow(adapted.map((e) => e.workflow));
	const failures: string[] = [];
	if (generation.runs === 'published') {
		await runPublished(ctx, generation, adapted, failures);
		assert.deepEqual(failures, [], `examples that failed:\n${failures.join('\n')}`);
		return;
	}
	// Each example gets an emulator of its own: RongCloud allows 2 broadcast-family calls per hour.
	const emulatorFor = async (): Promise<EmulatorHandle> => {
		const emulator = await ctx.startEmulator();
		await ctx.n8n.importCredentials([generation.credential(emulator)]);
		return emulator;
	};
	const check = checker(ctx, failures);
	/** The run as the expectation wants it: a success, or the node's refusal before anything was sent. */
	const judged = (expectation: ExampleExpectation, result: ExecuteResult): Pick<ExampleRun, 'execution' | 'error'> => {
		if (!expectation.refused) return { execution: expectSuccess(result) };
		const { message } = expectFailure(result);
		assert.ok(result.execution, 'n8n printed no execution');
		return { execution: result.execution, error: message };
	};
	for (const { file, workflow } of adapted.filter((e) => expectations[e.file].how !== 'webhook')) {
		const expectation = expectations[file];
		const emulator = await emulatorFor();
		const shipped = expectation.how === 'execute-manual-copy' ? withManualTrigger(workflow, derivedId(String(workflow.id), 'Manual')) : workflow;
		const live = withDryRunOff(shipped, derivedId(String(workflow.id), 'Live'));
		await ctx.n8n.importWorkflow(shipped === workflow ? [live] : [shipped, live]);
		for (const [what, id, verify] of [
			[`examples/${file}${generation.label} as shipped (Dry Run on)`, String(shipped.id), expectation.checkDryRun],
			[`examples/${file}${generation.label} with Dry Run off`, String(live.id), expectation.check],
		] as const) {
			const before = emulator.requests().length;
			const result = await ctx.n8n.executeWorkflow(id);
			try {
				check(what, verify, { emulator, requests: await newRequests(emulator, before), ...judged(expectation, result), log: ctx.log });
			} catch (error) {
				failures.push(`${what}: ${(error as Error).message}`);
			}
		}
	}
	const webhooks = adapted.filter((e) => expectations[e.file].how === 'webhook');
	if (webhooks.length > 0) {
		// One emulator for the webhook examples: the credential must point at it before n8n starts.
		const emulator = await emulatorFor();
		const lives = webhooks.map(({ workflow }) =>
			withWebhookPath(withDryRunOff(workflow, derivedId(String(workflow.id), 'Live')), derivedId(String(workflow.id), 'Live'), `${webhookPathOf(workflow)}-live`),
		);
		await ctx.n8n.importWorkflow(lives);
		await startWithOwner(ctx.n8n);
		for (const [index, { file, workflow }] of webhooks.entries()) {
			for (const [what, published, verify] of [
				[`examples/${file}${generation.label} as shipped (Dry Run on)`, workflow, expectations[file].checkDryRun],
				[`examples/${file}${generation.label} with Dry Run off`, lives[index], expectations[file].check],
			] as const) {
				const id = String(published.id);
				await ctx.n8n.activateWorkflow(id);
				const before = emulator.requests().length;
				const webhook = await ctx.n8n.callWebhook(webhookPathOf(published), expectations[file].post ?? {});
				try {
					const { data } = await latestExecution(ctx.n8n, id);
					check(what, verify, { emulator, requests: await newRequests(emulator, before), execution: data, webhook, log: ctx.log });
				} catch (error) {
					failures.push(`${what}: ${(error as Error).message}`);
				}
				await ctx.n8n.deactivateWorkflow(id);
			}
		}
	}
	assert.deepEqual(failures, [], `examples that failed:\n${failures.join('\n')}`);
}

/** Runs a check, logging it; a failure is collected so that every example is checked. */
function checker(ctx: ScenarioContext, failures: string[]): (what: string, verify: (run: ExampleRun) => void, run: ExampleRun) => void {
	return (what, verify, run) => {
		try {
			verify(run);
			ctx.log(`${what}: ok (${run.requests.length} request(s)${run.requests.map((r) => `, ${r.path} ${r.response?.status}`).join('')})`);
		} catch (error) {
			failures.push(`${what}: ${(error as Error).message}`);
			ctx.log(`${what}: FAILED ${(error as Error).message}`);
		}
	};
}

/**
 * Every example on one started n8n: each as a copy whose trigger is a Webhook (the webhook example
 * as it is), as shipped and with Dry Run off, published in turn and called once; one emulator,
 * its quota forgotten before each example as a new hour would.
 */
async function runPublished(ctx: ScenarioContext, generation: Generation, adapted: Array<{ file: string; workflow: Workflow }>, failures: string[]): Promise<void> {
	const { expectations } = generation;
	const check = checker(ctx, failures);
	const emulator = await ctx.startEmulator({ sandbox: true });
	await ctx.n8n.importCredentials([generation.credential(emulator)]);
	const runs = adapted.map(({ file, workflow }) => {
		const id = String(workflow.id);
		const shipped = expectations[file].how === 'webhook' ? workflow : withWebhookTrigger(workflow, derivedId(id, 'Hook'), `example-${id}`);
		const live = withWebhookPath(withDryRunOff(shipped, derivedId(id, 'Live')), derivedId(id, 'Live'), `${webhookPathOf(shipped)}-live`);
		return { file, expectation: expectations[file], shipped, live };
	});
	await ctx.n8n.importWorkflow(runs.flatMap(({ shipped, live, expectation }) => (expectation.how === 'webhook' ? [live] : [shipped, live])));
	await startWithOwner(ctx.n8n);
	for (const { file, expectation, shipped, live } of runs) {
		await resetQuota(emulator);
		for (const [what, published, verify] of [
			[`examples/${file}${generation.label} as shipped (Dry Run on)`, shipped, expectation.checkDryRun],
			[`examples/${file}${generation.label} with Dry Run off`, live, expectation.check],
		] as const) {
			const id = String(published.id);
			await ctx.n8n.activateWorkflow(id);
			const before = emulator.requests().length;
			const webhook = await ctx.n8n.callWebhook(webhookPathOf(published), expectation.post ?? {});
			try {
				const { summary, data } = await latestExecution(ctx.n8n, id);
				const error = data.data?.resultData?.error as { message?: string } | undefined;
				assert.equal(summary.status, expectation.refused ? 'error' : 'success', `execution ${String(summary.id)} ended ${String(summary.status)}: ${error?.message ?? ''}`);
				const refusal = expectation.refused ? { error: String(error?.message) } : {};
				check(what, verify, { emulator, requests: await newRequests(emulator, before), execution: data, webhook, ...refusal, log: ctx.log });
			} catch (error) {
				failures.push(`${what}: ${(error as Error).message}`);
			}
			await ctx.n8n.deactivateWorkflow(id);
		}
	}
}

export const EXAMPLE_SCENARIOS: Scenario[] = [
	{ name: 'examples', timeoutMs: 900_000, run: async (ctx) => await runExamples(ctx, V1) },
	{ name: 'examples-v4', timeoutMs: 480_000, run: async (ctx) => await runExamples(ctx, V4) },
];
