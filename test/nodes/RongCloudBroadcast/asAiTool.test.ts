/**
 * The node as an AI Agent's tool (`usableAsTool`), called through n8n-core's own
 * makeHandleToolInvocation: a fresh SupplyDataContext per try, the tool call's arguments as the
 * input item, and the AGENT's execution data object for every call of one agent run. Each tool
 * call is its own broadcast; the tries of one call (the node's Retry On Fail) are retries of it.
 */
import { SupplyDataContext } from 'n8n-core';
import { makeHandleToolInvocation } from 'n8n-core/dist/execution-engine/node-execution-context/utils/get-input-connection-data';
import {
	createRunExecutionData,
	NodeConnectionTypes,
	Workflow,
	type IExecuteData,
	type INode,
	type INodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { RongCloudApi } from '../../../credentials/RongCloudApi.credentials';
import { RongCloudBroadcast } from '../../../nodes/RongCloudBroadcast/RongCloudBroadcast.node';
import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET, type RongCloudEmulator } from '../../support/emulator';
import { HarnessCredentialsHelper, HarnessNodeTypes, initializeN8n, INSTANCE_URLS } from '../../support/runNode';
import { withEmulator } from '../../support/withEmulator';

const TOOL_TYPE = 'n8n-nodes-rongcloud.rongCloudBroadcast';
const AGENT_TYPE = 'n8n-nodes-rongcloud-harness.agent';

const agentType: INodeType = {
	description: {
		displayName: 'Agent',
		name: 'agent',
		group: ['transform'],
		version: 1,
		description: 'Stands in for an AI Agent that calls tools',
		defaults: { name: 'Agent' },
		inputs: [NodeConnectionTypes.Main, NodeConnectionTypes.AiTool],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
};

function agentRun(emulator: RongCloudEmulator, settings: Partial<INode> = {}) {
	initializeN8n();
	const tool: INode = {
		id: 'tool',
		name: 'RongCloud Broadcast',
		type: TOOL_TYPE,
		typeVersion: 1,
		position: [0, 200],
		parameters: {
			operation: 'send',
			fromUserId: 'system',
			objectName: 'RC:TxtMsg',
			text: "={{ $fromAI('text') }}",
			options: { timeout: 1500 },
		},
		credentials: { rongCloudApi: { id: 'cred', name: 'RongCloud' } },
		...settings,
	};
	const agent: INode = { id: 'agent', name: 'Agent', type: AGENT_TYPE, typeVersion: 1, position: [200, 0], parameters: {} };
	const nodeType = new RongCloudBroadcast();
	const workflow = new Workflow({
		id: 'wf',
		nodes: [agent, tool],
		connections: { [tool.name]: { ai_tool: [[{ node: 'Agent', type: NodeConnectionTypes.AiTool, index: 0 }]] } },
		active: false,
		nodeTypes: new HarnessNodeTypes({ [TOOL_TYPE]: nodeType, [AGENT_TYPE]: agentType }),
		settings: {},
	});
	const placedTool = workflow.getNode(tool.name) as INode;
	const credentialsHelper = new HarnessCredentialsHelper(new Map([['rongCloudApi', new RongCloudApi()]]), {
		appKey: DEFAULT_APP_KEY,
		appSecret: DEFAULT_APP_SECRET,
		region: 'custom',
		baseUrl: emulator.baseUrl,
	});
	const additionalData = { credentialsHelper, currentNodeExecutionIndex: 0, ...INSTANCE_URLS } as unknown as IWorkflowExecuteAdditionalData;
	const runExecutionData = createRunExecutionData({ executionData: { nodeExecutionStack: [] } });
	const connectionInputData = [{ json: { chatInput: 'announce two things' } }];
	// One agent run: one execution data object, shared by every tool call (as getInputConnectionData does).
	const agentExecuteData: IExecuteData = { node: agent, data: { main: [connectionInputData] }, source: null };
	const contextFactory = (runIndex: number) =>
		new SupplyDataContext(
			workflow,
			placedTool,
			additionalData,
			'manual',
			runExecutionData,
			runIndex,
			connectionInputData,
			{},
			NodeConnectionTypes.AiTool,
			agentExecuteData,
			[],
			undefined,
			agent,
		);
	return makeHandleToolInvocation(contextFactory, placedTool, nodeType, runExecutionData);
}

describe('the node as an AI Agent tool', () => {
	const emulator = withEmulator();

	it('two different broadcasts asked for in one agent run are both sent, each with its own messageUID', async () => {
		const callTool = agentRun(emulator);
		const first = JSON.parse(await callTool({ text: 'Maintenance tonight at 22:00' })) as Array<{ messageUID?: string }>;
		const second = JSON.parse(await callTool({ text: 'Maintenance cancelled' })) as Array<{ messageUID?: string }>;

		const sent = emulator.requestsTo('/message/broadcast.json').map((r) => JSON.parse(r.form?.content ?? '{}').content);
		expect(first[0].messageUID).toBeTruthy();
		expect(sent).toEqual(['Maintenance tonight at 22:00', 'Maintenance cancelled']);
		expect(second[0].messageUID).not.toBe(first[0].messageUID);
	});

	it('a tool call that timed out does not block every later, different tool call of the same agent run', async () => {
		const callTool = agentRun(emulator);
		emulator.failNext({ kind: 'hang', afterProcessing: true });
		await expect(callTool({ text: 'first' })).rejects.toThrow();
		emulator.reset();
		const second = await callTool({ text: 'second, unrelated' }).catch((error: Error) => error.message);
		expect(second).not.toContain('Not re-sent');
		expect(emulator.requestsTo('/message/broadcast.json')).toHaveLength(1);
	});

	it("the node's Retry On Fail inside one tool call: a timed-out broadcast is not sent again", async () => {
		const callTool = agentRun(emulator, { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 });
		emulator.failNext({ kind: 'hang', afterProcessing: true }, { times: 3 });
		const error = await callTool({ text: 'once' }).then(
			() => 'no error',
			(failure: Error) => failure.message,
		);
		expect(error).toContain('Not re-sent: the earlier attempt of item 0 may have been delivered');
		expect(emulator.requestsTo('/message/broadcast.json')).toHaveLength(1);
	});
});
