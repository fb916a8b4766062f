/**
 * "This message, once, to every user" across every sequence of n8n's Retry of one failed
 * execution (issue 21). Whole workflows run through n8n-core's real WorkflowExecute; the Retry is
 * prepared as n8n's ExecutionService.retry() prepares it, from what n8n's database holds
 * (test/support/workflowRun.ts). Each test is a hole: it fails on the delivery record that only
 * reads the retried execution's saved context and the current run data.
 */
import type { IDataObject } from 'n8n-workflow';

import { deliveredTexts, SEND_ITEM_TEXT, sentTexts } from '../../support/textItems';
import {
	connections,
	ENGINE_AGENT,
	errorOf,
	FAIL,
	INPUT,
	LOOP,
	N8nHarness,
	node,
	outputOf,
	RONGCLOUD,
	RONGCLOUD_TOOL,
	TOOLS_AGENT,
} from '../../support/workflowRun';
import { withEmulator } from '../../support/withEmulator';

const SEND = { ...SEND_ITEM_TEXT, options: { timeout: 600 } };
const input = (...texts: string[]) => node('Input', INPUT, { items: JSON.stringify(texts.map((text) => ({ text }))) });
const CRASH_WORDS = /crash|n8n stopped|left no record/i;

describe('exactly once across sequences of Retries of one failed execution', () => {
	const emulator = withEmulator();
	/** The texts that reached RongCloud from request `from` on. */
	const textsSince = (from: number) => sentTexts(emulator).slice(from);

	/** Input(t1, t2, t3) → RongCloud: execution A delivers t1 and is refused t2 (1008, provably not delivered). */
	const linear = async (): Promise<N8nHarness> => {
		const n8n = new N8nHarness(emulator, { nodes: [input('t1', 't2', 't3'), node('RongCloud', RONGCLOUD, SEND)], connections: connections(['Input', 'RongCloud']) });
		emulator.failNextWithCode(1008, { skip: 1 });
		const original = await n8n.run({ executionId: 'A' });
		expect(original.status).toBe('error');
		expect(sentTexts(emulator)).toEqual(['t1', 't2']);
		return n8n;
	};

	describe.each([false, true])('Retry with loadWorkflow %s', (loadWorkflow) => {
		it('a second Retry of the same original, after Retry B delivered t2 and failed on t3, does not send t2 again', async () => {
			const n8n = await linear();
			emulator.failNextWithCode(1008, { skip: 1 });
			const first = await n8n.retry('A', { executionId: 'B', loadWorkflow });
			expect(first.status).toBe('error');
			expect(textsSince(2)).toEqual(['t2', 't3']);
			// n8n's execution list still offers Retry on A: B failed, so A has no retrySuccessId.
			expect(n8n.executions.get('A')?.retrySuccessId).toBeUndefined();
			const before = emulator.requests.length;
			await n8n.retry('A', { executionId: 'C', loadWorkflow });
			expect(textsSince(before)).not.toContain('t1');
			expect(textsSince(before)).not.toContain('t2');
		});

		it('two Retries of the same original started at once deliver each remaining item at most once', async () => {
			const n8n = await linear();
			await Promise.all([n8n.retry('A', { executionId: 'B', loadWorkflow }), n8n.retry('A', { executionId: 'C', loadWorkflow })]);
			expect(textsSince(2)).not.toContain('t1');
			// The hour's quota has room for t2 only: the Retry that waited for the other's t3 may try it
			// again once RongCloud refused it (1008: provably not delivered), and is refused in turn.
			const delivered = deliveredTexts(emulator);
			expect(delivered.filter((text) => text === 't1')).toHaveLength(1);
			expect(delivered.filter((text) => text === 't2')).toHaveLength(1);
			expect(delivered.filter((text) => text === 't3')).toHaveLength(0);
		});

		it('two Retries started at once, in an hour with quota left: t2 and t3 delivered once each, and both Retries succeed', async () => {
			const n8n = await linear();
			emulator.reset(); // a new hour: both remaining items fit the quota
			const both = await Promise.all([n8n.retry('A', { executionId: 'B', loadWorkflow }), n8n.retry('A', { executionId: 'C', loadWorkflow })]);
			expect([...sentTexts(emulator)].sort()).toEqual(['t2', 't3']);
			// One Retry waited for the other's request to an item, then reported the other's delivery of it.
			expect(both.map((run) => [run.status, errorOf(run)?.message])).toEqual([
				['success', undefined],
				['success', undefined],
			]);
			for (const run of both) {
				expect(outputOf(run, 'RongCloud')[0].map((json) => typeof json.messageUID)).toEqual(['string', 'string', 'string']);
			}
		});
	});

	it('two Retries at once, the first request to t2 never answered: the other waits for it, then refuses t2 in words instead of sending it twice', async () => {
		const n8n = await linear();
		emulator.reset();
		// Whichever Retry sends t2 first: RongCloud takes it and never answers (the node's Timeout is 600 ms).
		emulator.failNext({ kind: 'hang', afterProcessing: true });
		const both = await Promise.all([n8n.retry('A', { executionId: 'B' }), n8n.retry('A', { executionId: 'C' })]);
		expect(sentTexts(emulator).filter((text) => text === 't2')).toHaveLength(1);
		expect(deliveredTexts(emulator)).toEqual(['t3']);
		const words = both.map((run) => `${errorOf(run)?.message} ${errorOf(run)?.description}`);
		expect(words.some((text) => /No answer from RongCloud/.test(text))).toBe(true);
		expect(words.some((text) => /another Retry of the same execution/.test(text) && /ended its request for this item/.test(text))).toBe(true);
	});

	it('two Retries at once with Send Again on Retry, of an original whose request to t2 was never answered: t2 is sent again once, not once by each', async () => {
		const n8n = new N8nHarness(emulator, {
			nodes: [input('t1', 't2', 't3'), node('RongCloud', RONGCLOUD, { ...SEND, options: { timeout: 600, sendAgainOnRetry: true } })],
			connections: connections(['Input', 'RongCloud']),
		});
		// RongCloud never answers t2 (nor takes it): the original fails with its fate open; the user checked it did not arrive.
		emulator.failNext({ kind: 'hang' }, { skip: 1 });
		const original = await n8n.run({ executionId: 'A' });
		expect(original.status).toBe('error');
		emulator.reset();
		const both = await Promise.all([n8n.retry('A', { executionId: 'B' }), n8n.retry('A', { executionId: 'C' })]);
		expect(sentTexts(emulator).filter((text) => text === 't2')).toHaveLength(1);
		expect(sentTexts(emulator).filter((text) => text === 't3')).toHaveLength(1);
		expect(both.map((run) => run.status)).toEqual(['success', 'success']);
	});

	it('two Retries at once with Send Again on Retry, the first Retry\'s request to t2 delivered but never answered: the other does not send t2 again, and says why', async () => {
		const n8n = new N8nHarness(emulator, {
			nodes: [input('t1', 't2', 't3'), node('RongCloud', RONGCLOUD, { ...SEND, options: { timeout: 600, sendAgainOnRetry: true } })],
			connections: connections(['Input', 'RongCloud']),
		});
		emulator.failNext({ kind: 'hang' }, { skip: 1 });
		expect((await n8n.run({ executionId: 'A' })).status).toBe('error');
		emulator.reset();
		// The user checked that A's t2 never arrived; the Retry that sends it again is not answered, though RongCloud took it.
		emulator.failNext({ kind: 'hang', afterProcessing: true });
		const both = await Promise.all([n8n.retry('A', { executionId: 'B' }), n8n.retry('A', { executionId: 'C' })]);
		expect(sentTexts(emulator).filter((text) => text === 't2')).toHaveLength(1);
		const words = both.map((run) => `${errorOf(run)?.message} ${errorOf(run)?.description}`);
		expect(words.some((text) => /No answer from RongCloud/.test(text))).toBe(true);
		const refusal = words.find((text) => /another Retry of the same execution/.test(text) && /ended its request for this item/.test(text));
		// Send Again on Retry sends what the retried execution left open: to send it anyway, retry the other Retry.
		expect(refusal).toMatch(/retry execution [BC] itself, once it has ended/);
		const other = /retry execution ([BC]) itself/.exec(refusal ?? '')?.[1] ?? '';
		expect(errorOf(n8n.executions.get(other)!)?.message).toMatch(/No answer from RongCloud/);
		const before = emulator.requests.length;
		await n8n.retry(other, { executionId: 'D' });
		expect(textsSince(before)).toEqual(['t2']);
	});

	describe('a crash with "Save Execution Progress" on, then a Retry', () => {
		/** Execution A, progress saved after every node, dies while RongCloud's answer to `text` is on its way (delivered, never answered). */
		const crashWhileSending = async (n8n: N8nHarness, text: string, { skip, eventLog }: { skip: number; eventLog: boolean }) => {
			emulator.failNext({ kind: 'hang', afterProcessing: true }, { skip });
			const at = emulator.waitForRequest((r) => r.form?.content?.includes(`"${text}"`) ?? false);
			const crashed = await n8n.run({ executionId: 'A', saveProgress: true, crash: { at, eventLog } });
			expect(crashed.status).toBe('crashed');
		};

		it('without a loop: n8n died while t2 was answered (no event log to amend from, as in queue mode): t1 and t2 are not sent again', async () => {
			const n8n = new N8nHarness(emulator, { nodes: [input('t1', 't2', 't3'), node('RongCloud', RONGCLOUD, SEND)], connections: connections(['Input', 'RongCloud']) });
			await crashWhileSending(n8n, 't2', { skip: 1, eventLog: false });
			expect(sentTexts(emulator)).toEqual(['t1', 't2']);
			const before = emulator.requests.length;
			const retried = await n8n.retry('A', { executionId: 'B' });
			expect(textsSince(before)).not.toContain('t1');
			expect(textsSince(before)).not.toContain('t2');
			// Whatever it does not send, it says so: never a silent green run.
			expect(retried.status).toBe('error');
		});

		it('in a loop: the crash came in pass 1 after c was delivered (amended from the event log): a, b and c are not sent again', async () => {
			const n8n = new N8nHarness(emulator, {
				nodes: [input('a', 'b', 'c', 'd'), node('Loop', LOOP, { batchSize: 2 }), node('RongCloud', RONGCLOUD, SEND)],
				connections: connections(['Input', 'Loop'], ['Loop', 'RongCloud', 1], ['RongCloud', 'Loop']),
			});
			// Pass 0 sends a and b (the hour's quota), pass 1 dies on c.
			await crashWhileSending(n8n, 'c', { skip: 2, eventLog: true });
			expect(sentTexts(emulator)).toEqual(['a', 'b', 'c']);
			emulator.reset(); // a new hour: only the Retry's own decisions show
			const retried = await n8n.retry('A', { executionId: 'B' });
			expect(sentTexts(emulator)).not.toContain('a');
			expect(sentTexts(emulator)).not.toContain('b');
			expect(sentTexts(emulator)).not.toContain('c');
			expect(retried.status).toBe('error');
		});
	});

	it('a loop whose original failed before reaching RongCloud: the Retry sends every pass, and no refusal speaks of a crash', async () => {
		const n8n = new N8nHarness(emulator, {
			nodes: [input('a', 'b', 'c', 'd'), node('Loop', LOOP, { batchSize: 1 }), node('Fail', FAIL), node('RongCloud', RONGCLOUD, SEND)],
			connections: connections(['Input', 'Loop'], ['Loop', 'Fail', 1], ['Fail', 'RongCloud'], ['RongCloud', 'Loop']),
		});
		n8n.behaviour.fail = () => true;
		const original = await n8n.run({ executionId: 'A' });
		expect(original.status).toBe('error');
		expect(emulator.requests).toHaveLength(0);
		n8n.behaviour.fail = () => false;
		const retried = await n8n.retry('A', { executionId: 'B' });
		expect(errorOf(retried)?.message ?? '').not.toMatch(CRASH_WORDS);
		expect(errorOf(retried)?.description ?? '').not.toMatch(CRASH_WORDS);
		// The quota lets 2 broadcasts through per hour: a and b are sent, c is refused by RongCloud, not by the node.
		expect(sentTexts(emulator).slice(0, 3)).toEqual(['a', 'b', 'c']);
	});

	describe.each([
		['the engine-request path (Agent v3, n8n 2.x)', ENGINE_AGENT],
		['the tool path (Agent v1/v2)', TOOLS_AGENT],
	])('an AI Agent, %s', (_path, agentType) => {
		const agentWorkflow = () =>
			new N8nHarness(emulator, {
				nodes: [
					node('Input', INPUT, { items: JSON.stringify([{ chatInput: 'announce' }]) }),
					node('Agent', agentType),
					node('RongCloud Broadcast', RONGCLOUD_TOOL, { ...SEND, text: "={{ $fromAI('text') }}" }),
				],
				connections: connections(['Input', 'Agent'], ['RongCloud Broadcast', 'Agent', 0, 'ai_tool']),
			});
		/** Execution A: the agent's model fails before asking for any tool call. */
		const failedBeforeAnyToolCall = async (): Promise<N8nHarness> => {
			const n8n = agentWorkflow();
			n8n.behaviour.model = () => {
				throw new Error('The model is overloaded');
			};
			const original = await n8n.run({ executionId: 'A' });
			expect(original.status).toBe('error');
			return n8n;
		};

		it('whose model failed before any tool call, retried twice at once, each Retry\'s model asking for another text: both texts are sent, neither reported as the other\'s', async () => {
			const n8n = await failedBeforeAnyToolCall();
			// A model answers differently each time it is asked: the two Retries' tool calls differ, under the same run index.
			const texts = ['sale starts', 'sale ends'];
			n8n.behaviour.model = () => [{ tool: 'RongCloud Broadcast', args: { text: texts.shift() ?? 'again' } as IDataObject }];
			const both = await Promise.all([n8n.retry('A', { executionId: 'B' }), n8n.retry('A', { executionId: 'C' })]);
			expect([...sentTexts(emulator)].sort()).toEqual(['sale ends', 'sale starts']);
			expect(JSON.stringify(both.map((run) => outputOf(run, 'Agent')))).not.toContain('deliveredByExecution');
		});

		it('whose model failed before any tool call: on Retry the tool call is sent, not refused', async () => {
			const n8n = await failedBeforeAnyToolCall();
			n8n.behaviour.model = () => [{ tool: 'RongCloud Broadcast', args: { text: 'sale starts' } as IDataObject }];
			const retried = await n8n.retry('A', { executionId: 'B' });
			expect(sentTexts(emulator)).toEqual(['sale starts']);
			expect(JSON.stringify(outputOf(retried, 'Agent'))).not.toMatch(CRASH_WORDS);
		});
	});

	it('an AI Agent on the tool path (v1/v2) retried after its tool delivered does not send the broadcast again', async () => {
		const n8n = new N8nHarness(emulator, {
			nodes: [
				node('Input', INPUT, { items: JSON.stringify([{ chatInput: 'announce' }]) }),
				node('Agent', TOOLS_AGENT),
				node('RongCloud Broadcast', RONGCLOUD_TOOL, { ...SEND, text: "={{ $fromAI('text') }}" }),
			],
			connections: connections(['Input', 'Agent'], ['RongCloud Broadcast', 'Agent', 0, 'ai_tool']),
		});
		n8n.behaviour.model = () => [{ tool: 'RongCloud Broadcast', args: { text: 'sale starts' } as IDataObject }];
		// The model's call after the tool answered fails: the execution fails at the agent, the broadcast delivered.
		n8n.behaviour.agentFailsAfterTools = () => true;
		const original = await n8n.run({ executionId: 'A' });
		expect(original.status).toBe('error');
		expect(sentTexts(emulator)).toEqual(['sale starts']);
		n8n.behaviour.agentFailsAfterTools = () => false;
		await n8n.retry('A', { executionId: 'B' });
		expect(sentTexts(emulator)).toEqual(['sale starts']);
	});
});
