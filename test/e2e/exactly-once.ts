/**
 * Exactly once in real n8n, beyond one Retry (issue 21) and for Send to Users (issue 24).
 *
 * `retry-twice-of-failed-execution`: one failed execution retried twice through n8n's REST API
 * (regular mode, both Retries in the same n8n process), and two Retries of another started at
 * once: no Retry may send again what the original or an earlier Retry delivered.
 *
 * `send-to-users-250`: 250 one-recipient items of one message through a published webhook:
 * exactly three requests at the emulator (100, 100, 50), every recipient once, the requests paced
 * about a second apart by the node, each output item paired with its recipient's messageUID.
 */
import type { EmulatorRequest } from './emulator';
import { assert, contentOf, expectAccepted, expectSignedRequest, nodeOutput, nodeRun, rongCloudCredential, settledRequests, type Scenario, type ScenarioContext } from './harness';
import type { N8n } from './n8n';
import { waitFor } from './proc';
import { executionError, latestExecution, resetQuota, retryExecution, startWithOwner, storedRun, type StoredRun } from './steps';
import { webhookSplitBroadcastWorkflow } from './workflows';

const BROADCAST = '/message/broadcast.json';

const textOf = (request: EmulatorRequest): string => String((contentOf(request) as { content?: string }).content);

/** How often each text was delivered (answered 200) among `requests`. */
function deliveredTimes(requests: EmulatorRequest[], text: string): number {
	return requests.filter((r) => r.path === BROADCAST && textOf(r) === text && r.response?.status === 200).length;
}

const describe = (requests: EmulatorRequest[]): string => requests.map((r) => `"${textOf(r)}" → ${r.response?.status}`).join(', ') || 'none';

/** Two Retries of one execution started at once; both ended, in the order n8n listed them. */
async function twoRetriesAtOnce(n8n: N8n, workflowId: string, executionId: string): Promise<StoredRun[]> {
	const known = new Set((await n8n.listExecutions(workflowId)).map((e) => String(e.id)));
	await Promise.all([false, true].map(async (loadWorkflow) => await n8n.rest('POST', `/rest/executions/${executionId}/retry`, { loadWorkflow })));
	const ended = await waitFor(
		`both retries of execution ${executionId} to be listed as ended`,
		async () => {
			const added = (await n8n.listExecutions(workflowId)).filter((e) => !known.has(String(e.id)));
			return added.length === 2 && added.every((e) => e.status !== 'running' && e.status !== 'new') ? added : undefined;
		},
		60_000,
		250,
	);
	return await Promise.all(ended.map(async (e) => await storedRun(n8n, String(e.id))));
}

/**
 * Execution A sends three broadcasts; the quota (2 an hour) delivers t0 and t1 and refuses t2, so A
 * fails. The hour passes; Retry B of A delivers t2. Retry C of A again (n8n's list still offers
 * it) must send nothing at all. Then execution D (u0 delivered, u1 refused, u2 not attempted) is
 * retried twice at once after the hour: u1 and u2 must each reach RongCloud once in all, u0 never again.
 */
async function retryTwice(ctx: ScenarioContext): Promise<void> {
	const id = 'e2eRetryTwice';
	const path = 'rongcloud-retry-twice';
	const emulator = await ctx.startEmulator({ sandbox: true });
	await ctx.n8n.importCredentials([rongCloudCredential(emulator)]);
	await ctx.n8n.importWorkflow(webhookSplitBroadcastWorkflow({ id, path }));
	await startWithOwner(ctx.n8n);
	await ctx.n8n.activateWorkflow(id);
	const expectRetryOf = (run: StoredRun, original: string, what: string): void => {
		assert.equal(run.mode, 'retry', `${what}: mode ${run.mode}`);
		assert.equal(String(run.retryOf), original, `${what}: retryOf ${String(run.retryOf)}`);
	};

	const texts = ['Retry twice: t0', 'Retry twice: t1', 'Retry twice: t2'];
	const call = await ctx.n8n.callWebhook(path, { messages: texts.map((text) => ({ text })) });
	assert.equal(call.status, 500, `the webhook answered ${call.status}: ${call.text}`);
	const a = String((await latestExecution(ctx.n8n, id)).summary.id);
	let requests = await settledRequests(emulator);
	assert.deepEqual(requests.map((r) => [textOf(r), r.response?.status]), [[texts[0], 200], [texts[1], 200], [texts[2], 429]], 'execution A: t0, t1 delivered, t2 refused (1008)');
	for (const request of requests) expectSignedRequest(request, emulator, BROADCAST);
	const delivered = requests.slice(0, 2).map((r) => String(expectAccepted(r).messageUID));

	await resetQuota(emulator);
	let before = requests.length;
	const b = await retryExecution(ctx.n8n, id, a, false);
	const afterB = (await settledRequests(emulator, 1000)).slice(before);
	ctx.log(`retry B of A: execution ${b.id} ${b.status}; requests: ${describe(afterB)}`);
	expectRetryOf(b, a, 'retry B');
	assert.deepEqual(afterB.map(textOf), [texts[2]], 'retry B sends t2 only');
	const third = String(expectAccepted(afterB[0]).messageUID);
	assert.equal(b.status, 'success', `retry B ended ${b.status}: ${executionError(b)}`);

	// The hour passes again: a resend would be accepted, so only the node can prevent it.
	await resetQuota(emulator);
	before = emulator.requests().length;
	const c = await retryExecution(ctx.n8n, id, a, false);
	const afterC = (await settledRequests(emulator, 1000)).slice(before);
	ctx.log(`retry C of A (after B delivered t2): execution ${c.id} ${c.status}; requests: ${describe(afterC)}; n8n says "${executionError(c).slice(0, 200)}"`);
	expectRetryOf(c, a, 'retry C');
	assert.deepEqual(afterC.map(textOf), [], `the second Retry of A sent again what A and Retry B delivered: ${describe(afterC)}`);
	if (c.status === 'success') {
		const output = nodeOutput(c.data, 'RongCloud Broadcast');
		assert.deepEqual(output.map((item) => item.messageUID), [...delivered, third], `retry C's output names the deliveries of A and B: ${JSON.stringify(output)}`);
	} else {
		assert.match(executionError(c), /Retry|[Nn]ot (re-)?sent|already/, `retry C sent nothing and ended ${c.status} without saying why: "${executionError(c)}"`);
	}
	ctx.report(`n8n ${ctx.version}: a second Retry of one failed execution sent ${afterC.length} request(s) and ended ${c.status}`);

	// Two Retries of one failed execution started at once.
	await resetQuota(emulator);
	const others = ['At once: u0', 'At once: u1', 'At once: u2'];
	before = emulator.requests().length;
	// One quota call is used first, so that D delivers u0 and is refused u1 (u2 never attempted).
	await fetch(`${ctx.n8n.baseUrl}/webhook/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ text: 'At once: warm-up' }] }) });
	const d0 = await ctx.n8n.callWebhook(path, { messages: others.map((text) => ({ text })) });
	assert.equal(d0.status, 500, `execution D: the webhook answered ${d0.status}`);
	const d = String((await latestExecution(ctx.n8n, id)).summary.id);
	requests = (await settledRequests(emulator)).slice(before);
	assert.deepEqual(requests.map((r) => [textOf(r), r.response?.status]), [['At once: warm-up', 200], [others[0], 200], [others[1], 429]], 'execution D: u0 delivered, u1 refused, u2 not attempted');
	await resetQuota(emulator);
	before = emulator.requests().length;
	const both = await twoRetriesAtOnce(ctx.n8n, id, d);
	const afterBoth = (await settledRequests(emulator, 1500)).slice(before);
	ctx.log(`two Retries of D at once: executions ${both.map((r) => `${r.id} ${r.status}`).join(', ')}; requests: ${describe(afterBoth)}`);
	for (const run of both) expectRetryOf(run, d, `retry ${run.id}`);
	assert.equal(afterBoth.filter((r) => textOf(r) === others[0]).length, 0, `u0, delivered by D, was sent again: ${describe(afterBoth)}`);
	for (const text of others.slice(1)) {
		assert.ok(afterBoth.filter((r) => textOf(r) === text).length <= 1, `"${text}" was sent by both Retries: ${describe(afterBoth)}`);
	}
	for (const text of others.slice(1)) assert.equal(deliveredTimes(afterBoth, text), 1, `"${text}" was not delivered by either Retry: ${describe(afterBoth)}`);
	// Each Retry that met an item the other was sending waited for that request and reported its delivery.
	for (const run of both) assert.equal(run.status, 'success', `retry ${run.id} ended ${run.status} though u1 and u2 were each delivered once: ${executionError(run)}`);
	ctx.report(`n8n ${ctx.version}: two Retries at once sent ${describe(afterBoth)}; ended ${both.map((r) => r.status).join(' and ')}`);
}

const RECIPIENTS = 250;
const PUBLISH = '/message/system/publish.json';
const USERS_TEXT = 'Your order has shipped.';

async function sendToUsers250(ctx: ScenarioContext): Promise<void> {
	const id = 'e2eSendToUsers250';
	const path = 'rongcloud-send-to-users';
	const users = Array.from({ length: RECIPIENTS }, (_, index) => `user-${String(index).padStart(3, '0')}`);
	await ctx.n8n.importCredentials([rongCloudCredential(ctx.emulator)]);
	await ctx.n8n.importWorkflow(
		webhookSplitBroadcastWorkflow({
			id,
			path,
			parameters: { operation: 'sendToUsers', toUserIds: '={{ $json.userId }}', fromUserId: 'system', objectName: 'RC:TxtMsg', contentMode: 'fields', text: USERS_TEXT },
		}),
	);
	await startWithOwner(ctx.n8n);
	await ctx.n8n.activateWorkflow(id);
	const call = await ctx.n8n.callWebhook(path, { messages: users.map((userId) => ({ userId })) });
	assert.equal(call.status, 200, `the webhook answered ${call.status}: ${call.text.slice(0, 300)}`);
	const requests = await settledRequests(ctx.emulator, 1500);
	assert.deepEqual(requests.map((r) => [r.path, r.formValues?.toUserId?.length, r.response?.status]), [
		[PUBLISH, 100, 200],
		[PUBLISH, 100, 200],
		[PUBLISH, 50, 200],
	], 'three requests of 100, 100 and 50 recipients, each accepted');
	for (const request of requests) {
		expectSignedRequest(request, ctx.emulator, PUBLISH, 'application/x-www-form-urlencoded', ['toUserId']);
		assert.deepEqual(contentOf(request), { content: USERS_TEXT });
	}
	const sentTo = requests.flatMap((r) => r.formValues?.toUserId ?? []);
	assert.deepEqual(sentTo, users, 'every recipient once, in item order');
	const gaps = requests.slice(1).map((request, index) => request.receivedAt - requests[index].receivedAt);
	ctx.report(`n8n ${ctx.version}: Send to Users, ${RECIPIENTS} recipients: requests ${gaps.map((gap) => `${gap} ms`).join(' and ')} apart (RongCloud's 100 recipients a second)`);
	for (const gap of gaps) assert.ok(gap >= 900, `requests only ${gap} ms apart: ${gaps.join(', ')} ms`);

	const answered = new Map(requests.flatMap((r) => (expectAccepted(r).messageUIDs as Array<{ userId: string; messageUID: string }>).map((e) => [e.userId, { messageUID: e.messageUID, requestId: r.headers['x-request-id'] }] as const)));
	const { summary, data } = await latestExecution(ctx.n8n, id);
	assert.equal(summary.status, 'success');
	const output = nodeOutput(data, 'RongCloud Broadcast');
	assert.equal(output.length, RECIPIENTS, 'one output item per input item');
	output.forEach((item, index) => {
		const user = users[index];
		assert.deepEqual(item.toUserIds, [user], `item ${index}`);
		assert.deepEqual(item.messageUIDs, [{ userId: user, messageUID: answered.get(user)?.messageUID }], `item ${index}: ${user}'s messageUID`);
		assert.deepEqual(item.requestIds, [answered.get(user)?.requestId], `item ${index}: the request that reached ${user}`);
	});
	const paired = (nodeRun(data, 'RongCloud Broadcast').data?.main?.[0] ?? []).map((item) => (item as { pairedItem?: unknown }).pairedItem);
	assert.deepEqual(paired, users.map((_, item) => ({ item })), 'each output item is paired with its input item');
	ctx.log(`3 requests (100, 100, 50), ${gaps.join(' and ')} ms apart; ${RECIPIENTS} output items paired`);
}

export const EXACTLY_ONCE_SCENARIOS: Scenario[] = [
	{ name: 'retry-twice-of-failed-execution', timeoutMs: 300_000, run: retryTwice },
	{ name: 'send-to-users-250', emulator: true, timeoutMs: 240_000, run: sendToUsers250 },
];
