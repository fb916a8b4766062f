/* eslint-disable @n8n/community-nodes/no-restricted-globals -- Test code, not part of the published package: a test stops the run a moment after its request arrives. */
/**
 * An attack review of n8n's Retry, Stop, the safety switches and the repeated Idempotency Key,
 * from outside: each test is a hole the review found, run through the real execute(); each failed
 * before its fix and names what it shows.
 */
import { NodeApiError, NodeOperationError, type IDataObject } from 'n8n-workflow';

import { RongCloudApi } from '../../../credentials/RongCloudApi.credentials';
import { RongCloudBroadcast } from '../../../nodes/RongCloudBroadcast/RongCloudBroadcast.node';
import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET, PATHS } from '../../support/emulator';
import { runNode, type RunNodeResult } from '../../support/runNode';
import { outputJson, runBroadcast } from '../../support/runBroadcast';
import { SEND_ITEM_TEXT, sentTexts, textItems } from '../../support/textItems';
import { withEmulator } from '../../support/withEmulator';

const SEND = SEND_ITEM_TEXT;
const items = textItems;

describe('attack review: Stop after an earlier try or an earlier execution delivered', () => {
	const emulator = withEmulator();

	it('Retry On Fail: a later try that starts after Stop says "Nothing was sent" for item 0 (delivered by try 1) and item 1 (may have been delivered)', async () => {
		// n8n's engine runs the next try with the already-aborted signal: workflow-execute.js (2.41.1)
		// 1208-1231 has no cancel check between tries, so this try 2 is what n8n really runs.
		emulator.failNext({ kind: 'hang', afterProcessing: true }, { skip: 1 });
		const stop = new AbortController();
		void emulator.waitForRequest((r) => r.form?.content?.includes('"b"') ?? false).then(() => setTimeout(() => stop.abort(), 50));
		const result = await runBroadcast(emulator, {
			parameters: { ...SEND, options: { timeout: 20_000 } },
			items: items('a', 'b'),
			abortSignal: stop.signal,
			retryOnFail: { maxTries: 2 },
		});
		expect(result.attempts).toBe(2);
		expect(sentTexts(emulator)).toEqual(['a', 'b']);
		const error = result.error as NodeOperationError;
		// What the user reads must not invite a re-send of item 0 (delivered) or item 1 (maybe delivered).
		expect(error.description).not.toContain('Nothing was sent for item 0 or any item after it');
		expect(error.context.deliveredItems).toEqual([{ item: 0, delivered: expect.stringContaining('messageUID') }]);
		expect(error.context.notAttemptedItems ?? []).not.toContain(0);
		expect(error.context.notAttemptedItems ?? []).not.toContain(1);
	});

	it("n8n's Retry stopped before its first item: items the original execution delivered are listed as delivered, not \"Not attempted\"", async () => {
		const failed = await runBroadcast(emulator, { parameters: { ...SEND, options: { timeout: 600 } }, items: items('a', 'b', 'c'), executionId: '41' });
		expect(failed.error?.message).toContain('RongCloud error 1008');
		emulator.reset();
		const stop = new AbortController();
		stop.abort();
		const retried = await runBroadcast(emulator, { parameters: { ...SEND, options: { timeout: 600 } }, retryOf: failed, executionId: '42', abortSignal: stop.signal });
		expect(emulator.requests).toHaveLength(0);
		const error = retried.error as NodeOperationError;
		expect(error.context.deliveredItems).toEqual([
			{ item: 0, delivered: expect.stringContaining('by execution 41') },
			{ item: 1, delivered: expect.stringContaining('by execution 41') },
		]);
		expect(error.context.notAttemptedItems).toEqual([2]);
		expect(error.description).not.toContain('Nothing was sent for item 0 or any item after it');
	});
});

describe('attack review: a repeated Idempotency Key is not proof that THIS message was delivered', () => {
	const emulator = withEmulator();
	beforeEach(() => emulator.setApp({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, idempotency: true }));

	it('a fixed key, a NEW execution within the same minute with a different message: the "already delivered" item says that this message then reached nobody', async () => {
		// RongCloud's answer does not say which message the key delivered, and a repeat of the same
		// message is what the key is for; so the item is "already delivered", in words that cover both.
		const parameters = { ...SEND, options: { msgRandom: 20240601001 } };
		const first = await runBroadcast(emulator, { parameters, items: items('Sale starts'), executionId: '50' });
		expect(outputJson(first)[0].code).toBe(200);
		const second = await runBroadcast(emulator, { parameters, items: items('Sale ends'), executionId: '51' });
		expect(emulator.requestsTo(PATHS.broadcast).map((r) => r.response?.status)).toEqual([200, 400]);
		const [json] = outputJson(second);
		expect(json.alreadyDelivered).toBe(true);
		expect(String(json.warning)).toContain('If that earlier request carried a different message, this message reached nobody');
	});

	it('a parameter error that names msgRandom and the word "used" is not "already delivered"', async () => {
		emulator.failNextWithCode(1002, { errorMessage: 'msgRandom can only be used after RongCloud enables idempotency for the app' });
		const result = await runBroadcast(emulator, { parameters: { ...SEND, options: { msgRandom: 7 } }, items: items('hello') });
		expect(emulator.requests).toHaveLength(1);
		const json = result.error ? undefined : outputJson(result)[0];
		expect(json?.alreadyDelivered).not.toBe(true);
		expect(result.error).toBeInstanceOf(NodeApiError);
	});
});

describe('attack review: an added narrowing option that resolves to nothing widens the broadcast', () => {
	const emulator = withEmulator();

	it.each([
		['missing (undefined)', {}],
		['""', { os: '' }],
		['null', { os: null }],
	])('Send to All Users, Options → Platform from an expression that gives %s: an error naming options.os, nothing sent (not a broadcast to every platform)', async (_name, json) => {
		const result = await runBroadcast(emulator, {
			parameters: { ...SEND, options: { os: '={{ $json.os }}' } },
			items: [{ json: { text: 'iOS users only', ...(json as IDataObject) } }],
		});
		expect(emulator.requests).toHaveLength(0);
		expect(result.error?.message).toMatch(/options\.os/);
	});
});

describe('attack review: the node as a sub-workflow (mode integrated)', () => {
	const emulator = withEmulator();

	const runInSubWorkflow = async (executionId: string): Promise<RunNodeResult> =>
		await runNode({
			nodeType: new RongCloudBroadcast(),
			credentialTypes: [new RongCloudApi()],
			parameters: { ...SEND, options: { timeout: 600 } },
			items: items('a', 'b', 'c'),
			// n8n runs every Execute Workflow call in mode 'integrated' with fresh execution data
			// (workflow-execute-additional-data.js: 2.41.1 line 75, 1.123.81 line 62), also when the
			// parent execution is n8n's Retry.
			mode: 'integrated',
			executionId,
			credentials: { appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, region: 'custom', baseUrl: emulator.baseUrl },
		});

	it('the stopping error does not tell the user that "n8n\'s Retry of this execution" sends only the rest: retrying the calling workflow re-runs the sub-workflow, which re-sends items 0 and 1', async () => {
		const failed = await runInSubWorkflow('60');
		expect(failed.error?.message).toContain('Already delivered in this run: items 0, 1.');
		const description = (failed.error as NodeApiError).description ?? '';
		// Retrying the parent (the execution the user sees failing) starts a new sub-execution: a, b again.
		expect(description).not.toContain("n8n's Retry of this execution does that");
		expect(description).toMatch(/sub-workflow/i);
	});
});

describe('attack review: as an AI Agent tool, only the error message reaches the agent', () => {
	const emulator = withEmulator();

	it('a timed-out broadcast (delivered, answer lost) says in its MESSAGE that it may have been delivered and must not be sent again', async () => {
		// n8n 2.x runs a tool node in the main loop and hands the agent only `{ error: executionError.message }`
		// (n8n-core workflow-execute.js 2.41.1 lines 1068-1072); the description, which holds the warning, is dropped.
		// An agent that reads "No answer ... within 300 ms." calls the tool again: a second broadcast to every user.
		emulator.failNext({ kind: 'hang', afterProcessing: true });
		const result = await runBroadcast(emulator, { parameters: { ...SEND, options: { timeout: 300 } }, items: items('a') });
		expect(emulator.issued).toHaveLength(1);
		const error = result.error as NodeApiError;
		expect(error.context.mayHaveBeenDelivered).toBe(true);
		expect(error.message).toMatch(/may have been delivered|do not send it again/i);
	});
});
