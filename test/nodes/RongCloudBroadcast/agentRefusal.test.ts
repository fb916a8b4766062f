/**
 * An AI Agent's broadcast tool that will not send says so to the agent, in words it reads: on the
 * older tool path (Agent v1/v2) a tool that throws reaches the model as an empty observation, so
 * the refusal is the tool's output; on n8n 2.x's engine path the agent gets it as the tool's result.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEND_ITEM_TEXT, sentTexts } from '../../support/textItems';
import { connections, ENGINE_AGENT, N8nHarness, node, outputOf, RONGCLOUD_TOOL, TOOLS_AGENT, INPUT } from '../../support/workflowRun';
import { withEmulator } from '../../support/withEmulator';

const SEND = { ...SEND_ITEM_TEXT, options: { timeout: 400 } };

describe.each([
	['the tool path (Agent v1/v2)', TOOLS_AGENT],
	['the engine-request path (Agent v3)', ENGINE_AGENT],
])('an AI Agent on %s, retried after its tool call may have been delivered', (_path, agentType) => {
	const emulator = withEmulator();

	it('does not send again, and the agent reads why', async () => {
		const n8n = new N8nHarness(emulator, {
			nodes: [
				node('Input', INPUT, { items: JSON.stringify([{ chatInput: 'announce' }]) }),
				node('Agent', agentType),
				node('RongCloud Broadcast', RONGCLOUD_TOOL, { ...SEND, text: "={{ $fromAI('text') }}" }),
			],
			connections: connections(['Input', 'Agent'], ['RongCloud Broadcast', 'Agent', 0, 'ai_tool']),
		});
		n8n.behaviour.model = () => [{ tool: 'RongCloud Broadcast', args: { text: 'sale starts' } as IDataObject }];
		// RongCloud takes the broadcast and never answers; then the model fails.
		emulator.failNext({ kind: 'hang', afterProcessing: true });
		n8n.behaviour.agentFailsAfterTools = () => true;
		const original = await n8n.run({ executionId: 'A' });
		expect(original.status).toBe('error');
		expect(sentTexts(emulator)).toEqual(['sale starts']);

		n8n.behaviour.agentFailsAfterTools = () => false;
		const retried = await n8n.retry('A', { executionId: 'B' });
		expect(sentTexts(emulator)).toEqual(['sale starts']);
		const [[agent]] = outputOf(retried, 'Agent');
		const seen = JSON.stringify(agent?.output);
		expect(seen).toMatch(/may have been delivered/);
		expect(seen).not.toBe('[""]');
	});
});
