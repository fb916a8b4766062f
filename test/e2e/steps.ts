/**
 * Steps the scenarios share: the examples by file, the requests since a point, n8n started with its
 * owner, an execution once it has ended, and n8n's Retry of a failed execution as the editor asks for it.
 */
import { SANDBOX_RESET_PATH } from '../support/emulator-cli';
import { contentOf, assert, exampleWorkflows, settledRequests } from './harness';
import type { EmulatorHandle, EmulatorRequest } from './emulator';
import type { ExecutionData, N8n } from './n8n';
import { waitFor } from './proc';

export function exampleByFile(file: string): Record<string, unknown> {
	const found = exampleWorkflows().find((e) => e.file === file);
	assert.ok(found, `examples/${file} is missing`);
	return found.workflow;
}


/** The requests that arrived after the first `before` ones, once none has arrived for a moment. */
export async function newRequests(emulator: EmulatorHandle, before: number): Promise<EmulatorRequest[]> {
	return (await settledRequests(emulator, 400)).slice(before);
}

/** n8n started, owner set up and logged in. */
export async function startWithOwner(n8n: N8n): Promise<void> {
	await n8n.start();
	await n8n.setupOwner();
}

/** The newest execution of a workflow, once it has finished, with its run data. */
export async function latestExecution(n8n: N8n, workflowId: string, timeoutMs = 15_000): Promise<{ summary: Record<string, unknown>; data: ExecutionData }> {
	const summary = await waitFor(
		`a finished execution of ${workflowId}`,
		async () => {
			const [newest] = await n8n.listExecutions(workflowId);
			return newest && newest.status !== 'running' && newest.status !== 'new' ? newest : undefined;
		},
		timeoutMs,
		200,
	);
	return { summary, data: await n8n.executionData(String(summary.id)) };
}


/** A workflow id of at most 21 characters (as the suite's other ids), ending in `suffix`. */
export function derivedId(id: string, suffix: string): string {
	return `${id.slice(0, 21 - suffix.length)}${suffix}`;
}


/** The path of a workflow's Webhook trigger. */
export function webhookPathOf(workflow: Record<string, unknown>): string {
	const trigger = (workflow.nodes as Array<{ type: string; parameters: { path?: string } }>).find((n) => n.type === 'n8n-nodes-base.webhook');
	assert.ok(trigger?.parameters.path, `workflow ${String(workflow.id)} has no webhook path`);
	return trigger.parameters.path;
}


/** An execution as n8n stored it, summary fields and run data. */
export interface StoredRun {
	id: string;
	mode: string;
	status: string;
	retryOf: string | null | undefined;
	data: ExecutionData;
}

export async function storedRun(n8n: N8n, id: string): Promise<StoredRun> {
	const record = await n8n.getExecution(id);
	const data = await n8n.executionData(id);
	return { id, mode: String(record.mode), status: String(record.status), retryOf: record.retryOf as string | null | undefined, data };
}

/**
 * Executions → Retry: `POST /rest/executions/:id/retry` (same path and body on both versions),
 * `loadWorkflow: false` is "Retry with original workflow", `true` "with currently saved workflow".
 * n8n answers once the retry has ended (2.x with the retry execution, 1.x with whether it
 * finished), so the new execution is found as the one that was not listed before.
 */
export async function retryExecution(n8n: N8n, workflowId: string, executionId: string, loadWorkflow: boolean): Promise<StoredRun> {
	const known = new Set((await n8n.listExecutions(workflowId)).map((e) => String(e.id)));
	const answer = await n8n.rest<unknown>('POST', `/rest/executions/${executionId}/retry`, { loadWorkflow });
	const retry = await waitFor(
		`the retry of execution ${executionId} to be listed as ended`,
		async () => {
			const added = (await n8n.listExecutions(workflowId)).filter((e) => !known.has(String(e.id)));
			assert.ok(added.length <= 1, `one retry started ${added.length} executions: ${JSON.stringify(added)}`);
			return added[0] && added[0].status !== 'running' && added[0].status !== 'new' ? added[0] : undefined;
		},
		60_000,
		250,
	);
	const id = String(retry.id);
	if (typeof answer === 'object' && answer !== null && 'id' in answer) {
		assert.equal(String((answer as { id: unknown }).id), id, 'the retry n8n answered with is not the new execution');
	}
	return await storedRun(n8n, id);
}

/** The broadcast requests whose message text is `text`. */
export function requestsWithText(requests: EmulatorRequest[], text: string): EmulatorRequest[] {
	return requests.filter((r) => r.path === '/message/broadcast.json' && (contentOf(r) as { content?: string }).content === text);
}

/** The error n8n stored for a failed execution: the message, or the description when n8n kept no message. */
export function executionError(run: StoredRun): string {
	const error = run.data.data?.resultData?.error as { message?: string; description?: string } | undefined;
	return `${error?.message ?? ''} ${error?.description ?? ''}`.trim();
}


/** A new hour at an emulator started with `sandbox`: it forgets its quota while it runs. */
export async function resetQuota(emulator: EmulatorHandle): Promise<void> {
	const answer = await fetch(`${emulator.baseUrl}${SANDBOX_RESET_PATH}`, { method: 'POST' });
	assert.equal(answer.status, 200, `the quota reset answered ${answer.status}`);
}
