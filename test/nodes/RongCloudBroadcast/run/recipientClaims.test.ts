/**
 * A listed-user send claims each recipient in the record right before its request leaves
 * (run/recipientClaims.ts): two of n8n's Retries of one failed Send to Users execution started at
 * the same time (the README covers "Retries of the same execution started at the same time") send
 * each recipient once between them. As an AI Agent's tool, a recipient is matched by what is sent
 * to it, since n8n runs a retried agent's tool calls under new run indexes (the README: "A retried
 * agent's identical tool call is not sent twice"): whole workflows through n8n-core's
 * WorkflowExecute (test/support/workflowRun.ts).
 */
import { sleep, type IDataObject } from 'n8n-workflow';

import { ONE_PER_ITEM, perUser, users, withPacedEmulator } from '../../../support/fakeClock';
import { runBroadcast } from '../../../support/runBroadcast';
import { withEmulator } from '../../../support/withEmulator';
import { connections, ENGINE_AGENT, INPUT, N8nHarness, node, RONGCLOUD_TOOL, TOOLS_AGENT } from '../../../support/workflowRun';

describe('two Retries of one failed Send to Users execution, started at once, deliver each recipient once', () => {
	const paced = withPacedEmulator();

	it('250 recipients, one per item: each delivered once between the two Retries', async () => {
		paced.emulator.failNextWithCode(1009);
		const failed = await runBroadcast(paced.emulator, { parameters: ONE_PER_ITEM, items: perUser(users(250)), executionId: '71' });
		expect(failed.error?.message).toContain('RongCloud error 1009');
		expect(paced.emulator.deliveries).toHaveLength(0);

		const both = await Promise.all([
			runBroadcast(paced.emulator, { parameters: ONE_PER_ITEM, retryOf: failed, executionId: '72' }),
			runBroadcast(paced.emulator, { parameters: ONE_PER_ITEM, retryOf: failed, executionId: '73' }),
		]);
		// Neither refuses a recipient the other is sending: it waits for that request and reports its delivery.
		expect(both.map((run) => run.error?.message)).toEqual([undefined, undefined]);
		for (const run of both) expect(run.output?.[0]).toHaveLength(250);
		const counts = new Map<string, number>();
		for (const { userId } of paced.emulator.deliveries) counts.set(userId, (counts.get(userId) ?? 0) + 1);
		const twice = [...counts.entries()].filter(([, count]) => count > 1).map(([userId]) => userId);
		expect(twice).toEqual([]);
		expect(counts.size).toBe(250);
	});
});
describe('two Retries at once of a Send to Users whose request was never answered, with Send Again on Retry', () => {
	const emulator = withEmulator();
	const parameters = { ...ONE_PER_ITEM, options: { timeout: 600, sendAgainOnRetry: true } };

	it('the first Retry sends again and RongCloud takes it without answering: the other does not send to those recipients a third time', async () => {
		emulator.failNext({ kind: 'hang' });
		const failed = await runBroadcast(emulator, { parameters, items: perUser(users(3)), executionId: '81' });
		expect(failed.error?.message).toMatch(/No answer from RongCloud/);
		expect(emulator.deliveries).toHaveLength(0);
		// The user checked that nothing of execution 81 arrived, and retries it twice at once.
		emulator.failNext({ kind: 'hang', afterProcessing: true });
		const both = await Promise.all([
			runBroadcast(emulator, { parameters, retryOf: failed, executionId: '82' }),
			runBroadcast(emulator, { parameters, retryOf: failed, executionId: '83' }),
		]);
		expect(emulator.deliveries.map(({ userId }) => userId).sort()).toEqual(['u0', 'u1', 'u2']);
		const words = both.map((run) => `${run.error?.message} ${(run.error as { description?: string } | undefined)?.description}`);
		expect(words.some((text) => /another Retry of the same execution/.test(text))).toBe(true);
	});
});

describe('two Retries of one failed Send to Users execution, started at once, one request to all recipients', () => {
	const emulator = withEmulator();
	const parameters = { ...ONE_PER_ITEM, options: { timeout: 3000 } };

	// Where the second starts, in steps of the first's own, decides which look meets the first's claim.
	it.each([0, 1, 2, 3, 5, 10])('the second Retry, started %i microtasks after the first, waits for its request and reports its delivery instead of refusing the recipients', async (after) => {
		emulator.failNextWithCode(1009);
		const failed = await runBroadcast(emulator, { parameters, items: perUser(users(3)), executionId: '101' });
		expect(failed.error?.message).toContain('RongCloud error 1009');
		// Whichever Retry sends first, RongCloud takes a while to answer.
		emulator.failNext({ kind: 'delay', ms: 300 });
		const first = runBroadcast(emulator, { parameters, retryOf: failed, executionId: '102' });
		for (let tick = 0; tick < after; tick++) await Promise.resolve();
		const second = runBroadcast(emulator, { parameters, retryOf: failed, executionId: '103' });
		const both = await Promise.all([first, second]);
		expect(both.map((run) => run.error?.message)).toEqual([undefined, undefined]);
		expect(emulator.deliveries.map(({ userId }) => userId).sort()).toEqual(['u0', 'u1', 'u2']);
	});
});

describe('Stop while another Retry of the same Send to Users execution is sending', () => {
	const emulator = withEmulator();
	const parameters = { ...ONE_PER_ITEM, options: { timeout: 1000 } };

	it('the stopped Retry does not call the recipients the other is sending "not attempted": it says they may have been delivered', async () => {
		emulator.failNextWithCode(1009);
		const failed = await runBroadcast(emulator, { parameters, items: perUser(users(3)), executionId: '91' });
		expect(failed.error?.message).toContain('RongCloud error 1009');
		// Retry 92 sends to u0, u1 and u2; RongCloud takes it and is slow to answer.
		emulator.failNext({ kind: 'hang', afterProcessing: true });
		const sending = runBroadcast(emulator, { parameters, retryOf: failed, executionId: '92' });
		await emulator.waitForRequest((request) => request.seq === 2);
		const stop = new AbortController();
		const waiting = runBroadcast(emulator, { parameters, retryOf: failed, executionId: '93', abortSignal: stop.signal });
		await sleep(200);
		stop.abort();
		const stopped = await waiting;
		const description = (stopped.error as { description?: string } | undefined)?.description ?? '';
		expect(stopped.error?.message).toMatch(/stopped/);
		expect(description).not.toMatch(/Not attempted/);
		expect(description).toMatch(/may have delivered them: items 0, 1, 2/);
		await sending;
		expect(emulator.requests).toHaveLength(2);
	});
});

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
])('Send to Users as an AI Agent tool, %s: n8n\'s Retry does not deliver again what the tool delivered', (_path, agentType) => {
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
