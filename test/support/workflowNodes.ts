/* eslint-disable @n8n/community-nodes/no-restricted-imports -- Test tooling, not part of the published package: the agent stand-in uses langchain's own AgentExecutor, as n8n's Agent v1/v2 does. */
/**
 * Stand-in node types for whole workflows run by test/support/workflowRun.ts: the trigger that
 * starts them, a node that fails on demand, n8n's Loop Over Items, a pass-through, and two AI
 * Agents that call a node as a tool the two ways n8n does. Each says which n8n code it stands for.
 */
import { RunnableLambda } from '@langchain/core/runnables';
import type { StructuredTool } from '@langchain/core/tools';
import { AgentExecutor } from '@langchain/classic/agents';
import {
	deepCopy,
	NodeConnectionTypes,
	type EngineRequest,
	type EngineResponse,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

export const HARNESS_PREFIX = 'n8n-nodes-rongcloud-harness';

const describe = (name: string, extra: Partial<INodeTypeDescription> = {}): INodeTypeDescription => ({
	displayName: name,
	name,
	group: ['transform'],
	version: 1,
	description: `Harness stand-in: ${name}`,
	defaults: { name },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	properties: [],
	...extra,
});

/** The trigger an execution starts from: its `items` parameter (JSON) is its output, as a webhook's body would be. */
export const inputType: INodeType = {
	description: describe('input', {
		inputs: [],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	}),
	async execute(this: IExecuteFunctions) {
		const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
		return [items.map((json) => ({ json }))];
	},
};

/** Passes its items on; a place to see what reached an output. */
export const noOpType: INodeType = {
	description: describe('noOp'),
	async execute(this: IExecuteFunctions) {
		return [this.getInputData()];
	},
};

/**
 * A downstream step that fails while the test says so: `shouldFail` is read at run time, so the
 * same workflow fails in the original execution and succeeds in its Retry.
 */
export function failType(shouldFail: (runIndex: number) => boolean): INodeType {
	return {
		description: describe('fail'),
		async execute(this: IExecuteFunctions) {
			const runIndex = this.getWorkflowDataProxy(0).$runIndex as number;
			if (shouldFail(runIndex)) throw new Error(`Fail node: failing on purpose (run ${runIndex})`);
			return [this.getInputData()];
		},
	};
}

/**
 * n8n's Loop Over Items (SplitInBatches v3), its execute() as n8n-nodes-base 2.41.1 ships it
 * (dist/nodes/SplitInBatches/v3/SplitInBatchesV3.node.js, execute()), minus the paired-item
 * rewriting: its state (the items left, the batches done) lives in the node's execution context,
 * so n8n's Retry continues the loop where the original stopped. Output 0 is "done", 1 "loop".
 */
export const loopType: INodeType = {
	description: describe('loop', {
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['done', 'loop'],
		properties: [{ displayName: 'Batch Size', name: 'batchSize', type: 'number', default: 1 }],
	}),
	async execute(this: IExecuteFunctions) {
		const items = this.getInputData().slice();
		const context = this.getContext('node');
		const batchSize = this.getNodeParameter('batchSize', 0) as number;
		let batch: INodeExecutionData[];
		if (context.items === undefined) {
			context.currentRunIndex = 0;
			context.maxRunIndex = Math.ceil(items.length / batchSize);
			context.sourceData = deepCopy(this.getInputSourceData()) as unknown as IDataObject;
			batch = items.splice(0, batchSize);
			context.items = [...items] as unknown as IDataObject[];
			context.processedItems = [];
		} else {
			context.currentRunIndex = (context.currentRunIndex as number) + 1;
			batch = (context.items as unknown as INodeExecutionData[]).splice(0, batchSize);
			context.processedItems = [...(context.processedItems as IDataObject[]), ...(items as unknown as IDataObject[])];
		}
		context.noItemsLeft = (context.items as unknown[]).length === 0;
		if (batch.length === 0) {
			context.done = true;
			return [context.processedItems as unknown as INodeExecutionData[], []];
		}
		context.done = false;
		return [[], batch];
	},
};

/** What the agent's model answers: the tool calls to make (name → arguments), or it throws. */
export type Model = (run: { runIndex: number }) => Array<{ tool: string; args: IDataObject }>;

/** The agent's model: its tool calls, and whether its call after the tools answered fails. */
export interface AgentModel {
	toolCalls: Model;
	failsAfterTools: () => boolean;
}

const MODEL_FAILED_AFTER_TOOLS = 'The model failed after the tool calls';

const agentDescription = (name: string) =>
	describe(name, {
		inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.AiTool],
		properties: [],
	});

/**
 * The AI Agent of n8n 2.x (Agent node v3, @n8n/n8n-nodes-langchain ToolsAgent/V3): it asks the
 * engine to run each tool call by returning an EngineRequest (createEngineRequests.js), then is
 * resumed with the tools' task data. n8n-core writes a placeholder run for the tool before it
 * runs (requests-response.js initializeNodeRunData) and hands a tool's error back as
 * `{ error: message }` (workflow-execute.js handleNodeExecutionError).
 */
export function engineAgentType(model: AgentModel): INodeType {
	return {
		description: agentDescription('engineAgent'),
		async execute(this: IExecuteFunctions, response?: EngineResponse): Promise<INodeExecutionData[][] | EngineRequest> {
			if (response?.actionResponses.length) {
				if (model.failsAfterTools()) throw new Error(MODEL_FAILED_AFTER_TOOLS);
				const observations = response.actionResponses.map(({ data }) => data.data?.ai_tool?.[0]?.map((item) => item.json) ?? null);
				return [[{ json: { output: observations } as IDataObject }]];
			}
			const runIndex = this.getWorkflowDataProxy(0).$runIndex as number;
			const calls = model.toolCalls({ runIndex });
			return {
				actions: calls.map(({ tool, args }, index) => ({
					actionType: 'ExecutionNodeAction' as const,
					nodeName: tool,
					input: args,
					type: NodeConnectionTypes.AiTool,
					id: `call_${runIndex}_${index}`,
					metadata: { itemIndex: 0 },
				})),
				metadata: {},
			};
		},
	};
}

/**
 * The AI Agent's older path (Agent v1/v2, still shipped in 2.x and the default in 1.x before v3):
 * the tools come from n8n-core's getInputConnectionData, which wraps a `usableAsTool` node with
 * createNodeAsTool and makeHandleToolInvocation (a fresh context and the next run index per call),
 * and langchain's own AgentExecutor (@langchain/classic, as ToolsAgent/V2/execute.js builds it)
 * calls them: a tool that throws becomes an empty observation.
 */
export function toolsAgentType(model: AgentModel): INodeType {
	return {
		description: agentDescription('toolsAgent'),
		async execute(this: IExecuteFunctions) {
			const tools = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as StructuredTool[];
			const runIndex = this.getWorkflowDataProxy(0).$runIndex as number;
			const calls = model.toolCalls({ runIndex });
			let step = 0;
			// A scripted model: first every tool call, then the final answer.
			const agent = RunnableLambda.from(async () =>
				step++ === 0
					? calls.map(({ tool, args }) => ({ tool: tools.find((t) => t.metadata?.sourceNodeName === tool)?.name ?? tool, toolInput: args, log: '' }))
					: { returnValues: { output: 'done' }, log: '' },
			);
			const executor = AgentExecutor.fromAgentAndTools({ agent, tools, returnIntermediateSteps: true });
			const result = await executor.invoke({ input: 'go' });
			if (model.failsAfterTools()) throw new Error(MODEL_FAILED_AFTER_TOOLS);
			const steps = (result.intermediateSteps as Array<{ observation: string }>).map(({ observation }) => observation);
			return [[{ json: { output: steps } as IDataObject }]];
		},
	};
}

/**
 * The `<name>Tool` type n8n generates for a `usableAsTool` node (n8n's tool-generation/ai-tools.js
 * convertNodeToAiTool): no inputs, one ai_tool output, the same execute().
 */
export function asTool(nodeType: INodeType): INodeType {
	const description = deepCopy(nodeType.description);
	delete description.usableAsTool;
	return {
		...nodeType,
		execute: nodeType.execute,
		description: {
			...description,
			name: `${description.name}Tool`,
			displayName: `${description.displayName} Tool`,
			inputs: [],
			outputs: [NodeConnectionTypes.AiTool],
			properties: [
				...description.properties,
				{ displayName: 'Description', name: 'toolDescription', type: 'string', default: description.description },
			],
		},
	};
}
