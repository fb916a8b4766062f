/**
 * Attack: Send to Users as an AI Agent's tool, and n8n's Retry of the execution after the tool
 * delivered (the README: "A retried agent's identical tool call is not sent twice"). Whole workflows
 * through n8n-core's WorkflowExecute (test/support/workflowRun.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import { connections, ENGINE_AGENT, INPUT, N8nHarness, node, RONGCLOUD_TOOL, TOOLS_AGENT } from '../../../support/workflowRun';
import { withEmulator } from '../../../support/withEmulator';

const SEND_TO_USERS = {
	operation: 'sendToUsers',
	fromUserId: 'system',
	objectName: 'RC:TxtMsg',
	toUserIds: "={{ $fromAI('userIds') }}",
	text: "={{ $fromAI('text') }}",
	options: { timeout: 600 },
};

describe.each([
	['the tool path (Agent v1/v2)', TOOLS_AGENT],
	['the engine-request path (Agent v3, n8n 2.x)', ENGINE_AGENT],
])('attack: Send to Users as an AI Agent tool, %s', (_path, agentType) => {
	const emulator = withEmulator();

	it('retried after its tool delivered to alice and bob, the same tool call does not deliver to them again', async () => {
		const n8n = new N8nHarness(emulator, {
			nodes: [
				node('Input', INPUT, { items: JSON.stringify([{ chatInput: 'tell alice and bob' }]) }),
				node('Agent', agentType),
				node('RongCloud Send', RONGCLOUD_TOOL, SEND_TO_USERS),
			],
			connections: connections(['Input', 'Agent'], ['RongCloud Send', 'Agent', 0, 'ai_tool']),
		});
		n8n.behaviour.model = () => [{ tool: 'RongCloud Send', args: { userIds: 'alice, bob', text: 'your order shipped' } as IDataObject }];
		// The model's call after the tool answered fails: the execution fails at the agent, the message delivered.
		n8n.behaviour.agentFailsAfterTools = () => true;
		const original = await n8n.run({ executionId: 'A' });
		expect(original.status).toBe('error');
		expect(emulator.deliveries.map((delivery) => delivery.userId).sort()).toEqual(['alice', 'bob']);

		n8n.behaviour.agentFailsAfterTools = () => false;
		await n8n.retry('A', { executionId: 'B' });
		expect(emulator.deliveries.map((delivery) => delivery.userId).sort()).toEqual(['alice', 'bob']);
	});
});
