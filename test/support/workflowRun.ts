/**
 * Whole workflows through n8n-core's real `WorkflowExecute`, with the parts of n8n's server that
 * decide what a later execution starts from rebuilt from its source (n8n 2.41.1, packages/cli):
 *
 * - saving: what `hookFunctionsSave` writes when an execution ends (a JSON copy of the run data,
 *   context included, and of the workflow data with its static data; changed static data also onto
 *   the workflow itself, except in manual mode), and, with Save Execution Progress, what
 *   `saveExecutionProgress` writes after every node;
 * - n8n's Retry: `ExecutionService.retry()` (executions/execution.service.js), both "with original
 *   workflow" (loadWorkflow false) and "with currently saved workflow" (true);
 * - a crash: the process dies mid-run, so the database keeps what was saved last (the data the
 *   execution started with, or the last progress save), amended as `ExecutionRecoveryService.amend`
 *   does from the event log, or only marked "crashed" when there is no log (queue mode, or
 *   N8N_EVENTBUS_RECOVERY_MODE=simple).
 *
 * The RongCloud node runs as n8n loads it, with its credential pointing at the emulator.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	NodeConnectionTypes,
	Workflow,
	type ExecutionStatus,
	type IConnections,
	type IDataObject,
	type INode,
	type INodeType,
	type IRun,
	type IRunExecutionData,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type NodeConnectionType,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { RongCloudApi } from '../../credentials/RongCloudApi.credentials';
import { RongCloudBroadcast } from '../../nodes/RongCloudBroadcast/RongCloudBroadcast.node';
import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET, type RongCloudEmulator } from './emulator';
import { HarnessCredentialsHelper, HarnessNodeTypes, initializeN8n, INSTANCE_URLS, NODE_TYPE_PREFIX } from './runNode';
import { asTool, engineAgentType, failType, HARNESS_PREFIX, inputType, loopType, noOpType, toolsAgentType, type Model } from './workflowNodes';

/** The node under test, as a workflow node and as an AI Agent's tool. */
export const RONGCLOUD = `${NODE_TYPE_PREFIX}.rongCloudBroadcast`;
export const RONGCLOUD_TOOL = `${RONGCLOUD}Tool`;
export const [INPUT, NO_OP, FAIL, LOOP, ENGINE_AGENT, TOOLS_AGENT] = ['input', 'noOp', 'fail', 'loop', 'engineAgent', 'toolsAgent'].map(
	(name) => `${HARNESS_PREFIX}.${name}`,
);

/** An execution as n8n's database holds it: always a JSON copy, never the live objects. */
export interface StoredExecution {
	id: string;
	mode: WorkflowExecuteMode;
	status: ExecutionStatus;
	finished: boolean;
	retryOf?: string;
	retrySuccessId?: string;
	data: IRunExecutionData;
	workflowData: IWorkflowBase;
}

export interface ExecutionOptions {
	executionId: string;
	/** Default `trigger` (a production execution; n8n's Retry always runs in mode `retry`). */
	mode?: WorkflowExecuteMode;
	/** The workflow setting "Save Execution Progress". */
	saveProgress?: boolean;
	/** The process dies when `at` resolves: nothing more is saved, and n8n's recovery amends what was. */
	crash?: { at: Promise<unknown>; eventLog: boolean };
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A node of the harness workflow; the RongCloud ones carry the credential. */
export function node(name: string, type: string, parameters: IDataObject = {}, settings: Partial<INode> = {}): INode {
	const credentials = type === RONGCLOUD || type === RONGCLOUD_TOOL ? { rongCloudApi: { id: 'harness-credential-id', name: 'RongCloud (harness)' } } : undefined;
	return { id: name, name, type, typeVersion: 1, position: [0, 0], parameters: parameters as INode['parameters'], ...(credentials ? { credentials } : {}), ...settings };
}

/** Connections from `[from, to, fromOutput?, type?]` tuples. */
export function connections(...links: Array<[string, string, number?, NodeConnectionType?]>): IConnections {
	const result: IConnections = {};
	for (const [from, to, output = 0, type = NodeConnectionTypes.Main] of links) {
		const outputs = ((result[from] ??= {})[type] ??= []);
		while (outputs.length <= output) outputs.push([]);
		outputs[output]!.push({ node: to, type, index: 0 });
	}
	return result;
}

/** What the stand-ins do, read while they run: a test changes it between the original and its Retry. */
export interface Behaviour {
	/** Whether the Fail node fails in this run of it. */
	fail: (runIndex: number) => boolean;
	/** The agent's model: the tool calls it asks for, or it throws. */
	model: Model;
	/** Whether the agent's model fails once the tools have answered (the execution then fails at the agent). */
	agentFailsAfterTools: () => boolean;
}

/** One n8n instance with one workflow and its database. */
export class N8nHarness {
	readonly executions = new Map<string, StoredExecution>();
	readonly workflow: IWorkflowBase;
	readonly behaviour: Behaviour = { fail: () => false, model: () => [], agentFailsAfterTools: () => false };
	private readonly nodeTypes: HarnessNodeTypes;
	private readonly credentialsHelper: HarnessCredentialsHelper;

	constructor(emulator: RongCloudEmulator, definition: { nodes: INode[]; connections: IConnections }) {
		initializeN8n();
		const rongCloud = new RongCloudBroadcast();
		const agentModel = { toolCalls: (run: { runIndex: number }) => this.behaviour.model(run), failsAfterTools: () => this.behaviour.agentFailsAfterTools() };
		const types: Record<string, INodeType> = {
			[INPUT]: inputType,
			[NO_OP]: noOpType,
			[FAIL]: failType((runIndex) => this.behaviour.fail(runIndex)),
			[LOOP]: loopType,
			[ENGINE_AGENT]: engineAgentType(agentModel),
			[TOOLS_AGENT]: toolsAgentType(agentModel),
			[RONGCLOUD]: rongCloud,
			[RONGCLOUD_TOOL]: asTool(rongCloud),
		};
		this.nodeTypes = new HarnessNodeTypes(types);
		const credential = { appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, region: 'custom', baseUrl: emulator.baseUrl };
		this.credentialsHelper = new HarnessCredentialsHelper(new Map([['rongCloudApi', new RongCloudApi()]]), credential);
		this.workflow = {
			id: 'harness-workflow',
			name: 'exactly once',
			active: false,
			activeVersionId: null,
			isArchived: false,
			createdAt: new Date(0),
			updatedAt: new Date(0),
			nodes: definition.nodes,
			connections: definition.connections,
			settings: { executionOrder: 'v1' },
			staticData: {},
		} as IWorkflowBase;
	}

	/** A new execution from the workflow's trigger (the first node), as a webhook or schedule starts one. */
	async run(options: ExecutionOptions): Promise<StoredExecution> {
		const workflowData = copy(this.workflow);
		const trigger = workflowData.nodes[0];
		const data = createRunExecutionData({ executionData: { nodeExecutionStack: [{ node: trigger, data: { main: [[{ json: {} }]] }, source: null }] } });
		return await this.execute(options, data, workflowData);
	}

	/** n8n's Retry of a stored execution, prepared exactly as ExecutionService.retry() prepares it. */
	async retry(retriedId: string, options: ExecutionOptions & { loadWorkflow?: boolean }): Promise<StoredExecution> {
		const stored = this.executions.get(retriedId);
		if (!stored) throw new Error(`The execution with the ID "${retriedId}" does not exist.`);
		const execution = copy(stored);
		if (execution.status === 'new') throw new Error('The execution was queued and cannot be retried');
		if (!execution.data.executionData) throw new Error('The execution was aborted before starting, so it cannot be retried');
		if (execution.finished) throw new Error('The execution succeeded, so it cannot be retried.');
		execution.workflowData.active = false;
		execution.workflowData.activeVersionId = null;
		let workflowData = execution.workflowData;
		const { lastNodeExecuted } = execution.data.resultData;
		if (lastNodeExecuted) {
			delete execution.data.resultData.error;
			const nodeRunData = execution.data.resultData.runData?.[lastNodeExecuted];
			if (nodeRunData && nodeRunData.length > 0 && nodeRunData[nodeRunData.length - 1].error !== undefined) nodeRunData.pop();
		}
		if (options.loadWorkflow) {
			workflowData = copy(this.workflow);
			const current = new Workflow({ ...workflowData, active: false, nodeTypes: this.nodeTypes, staticData: undefined });
			for (const entry of execution.data.executionData.nodeExecutionStack) {
				const found = current.getNode(entry.node.name);
				if (!found) throw new Error(`Could not find the node "${entry.node.name}" in workflow.`);
				entry.node = found;
			}
		}
		return await this.execute({ ...options, mode: 'retry' }, execution.data, workflowData, retriedId);
	}

	private async execute(options: ExecutionOptions, data: IRunExecutionData, workflowData: IWorkflowBase, retryOf?: string): Promise<StoredExecution> {
		const { executionId, mode = 'trigger', saveProgress = false, crash } = options;
		// ActiveExecutions.add: the execution exists in the database, with the data it starts from, before it runs.
		const stored: StoredExecution = { id: executionId, mode, status: 'running', finished: false, retryOf, data: copy(data), workflowData: copy(workflowData) };
		this.executions.set(executionId, stored);
		const workflow = new Workflow({ ...workflowData, active: false, nodeTypes: this.nodeTypes, staticData: workflowData.staticData });
		// WorkflowPreExecute.run (2.x): the execution's workflow data holds the very static data object the nodes write to.
		workflowData.staticData = workflow.staticData;

		let dead = false;
		const eventLog: Array<{ node: string; event: 'started' | 'finished' }> = [];
		const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData, retryOf);
		hooks.addHandler('nodeExecuteBefore', (nodeName) => void eventLog.push({ node: nodeName, event: 'started' }));
		hooks.addHandler('nodeExecuteAfter', (nodeName, _taskData, runExecutionData) => {
			eventLog.push({ node: nodeName, event: 'finished' });
			if (!saveProgress || dead) return;
			// saveExecutionProgress (2.x): the whole run data, lastNodeExecuted set to the node that just ended.
			runExecutionData.resultData.lastNodeExecuted = nodeName;
			stored.data = copy(runExecutionData);
		});
		hooks.addHandler('workflowExecuteAfter', (fullRunData: IRun, newStaticData?: IDataObject) => {
			if (dead) return;
			if (mode !== 'manual' && newStaticData) this.workflow.staticData = copy(newStaticData);
			Object.assign(stored, { status: finalStatus(fullRunData), finished: fullRunData.finished === true, data: copy(fullRunData.data), workflowData: copy(workflowData) });
			const retried = retryOf === undefined ? undefined : this.executions.get(retryOf);
			if (stored.finished && retried) retried.retrySuccessId = executionId;
		});

		const additionalData = {
			credentialsHelper: this.credentialsHelper,
			hooks,
			executionId,
			currentNodeExecutionIndex: 0,
			...INSTANCE_URLS,
			// IExecuteFunctions.getExecutionDataById reads the database (workflow-execute-additional-data.js getRunExecutionData).
			getRunExecutionData: async (id: string) => (this.executions.has(id) ? copy(this.executions.get(id)!.data) : undefined),
			logAiEvent: () => {},
		} as unknown as IWorkflowExecuteAdditionalData;

		const running = new WorkflowExecute(additionalData, mode, data).processRunExecutionData(workflow);
		if (!crash) {
			await running;
			return stored;
		}
		const outcome = await Promise.race([crash.at.then(() => 'crash' as const), running.then(() => 'ended' as const)]);
		if (outcome === 'ended') throw new Error(`execution ${executionId} ended before the planned crash`);
		dead = true;
		running.cancel();
		await running.catch(() => undefined);
		if (crash.eventLog) amendFromEventLog(stored, eventLog);
		else stored.status = 'crashed';
		return stored;
	}
}

/** determineFinalExecutionStatus (execution-lifecycle/shared/shared-hook-functions.js). */
function finalStatus(run: IRun): ExecutionStatus {
	if (run.status === 'crashed' || run.status === 'canceled') return run.status;
	if (run.waitTill) return 'waiting';
	return run.data.resultData?.error || run.status === 'error' ? 'error' : 'success';
}

/**
 * ExecutionRecoveryService.amend (executions/execution-recovery.service.js): every node the event
 * log saw start that has no run data in what was saved gets one run, "success" with an artificial
 * item if it finished, "crashed" with an error if not; the last of them in the workflow's node
 * order becomes lastNodeExecuted. A node that already has run data (an earlier pass of a loop, a
 * progress save) is left as it is.
 */
function amendFromEventLog(stored: StoredExecution, eventLog: Array<{ node: string; event: 'started' | 'finished' }>): void {
	const { resultData } = stored.data;
	for (const { name } of stored.workflowData.nodes) {
		if (!eventLog.some((e) => e.node === name && e.event === 'started') || resultData.runData[name] !== undefined) continue;
		const finished = eventLog.some((e) => e.node === name && e.event === 'finished');
		const base = { startTime: 0, executionIndex: 0, source: [null] };
		resultData.runData[name] = [
			finished
				? { ...base, executionTime: 1, executionStatus: 'success', data: { main: [[{ json: { isArtificialRecoveredEventItem: true } }]] } }
				: { ...base, executionTime: 0, executionStatus: 'crashed', error: { name: 'NodeCrashedError', message: 'Node crashed, possible out-of-memory issue' } as never },
		];
		if (!finished) resultData.error = { name: 'WorkflowCrashedError', message: 'Workflow did not finish, possible out-of-memory issue' } as never;
		resultData.lastNodeExecuted = name;
	}
	stored.status = stored.status === 'error' ? 'error' : 'crashed';
}

/** The output items one run of a node produced, by output (main, or ai_tool for a tool). */
export function outputOf(execution: StoredExecution, nodeName: string, runIndex = 0, type: string = NodeConnectionTypes.Main): IDataObject[][] {
	const run = execution.data.resultData.runData[nodeName]?.[runIndex];
	return (run?.data?.[type] ?? []).map((items) => (items ?? []).map((item) => item.json));
}

/** The error an execution ended with, as stored (message and description), or undefined. */
export function errorOf(execution: StoredExecution): { message: string; description?: string } | undefined {
	return execution.data.resultData.error as { message: string; description?: string } | undefined;
}
