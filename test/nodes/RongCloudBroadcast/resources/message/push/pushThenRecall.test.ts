/**
 * Push → Recall: a push that carries a system message is answered with the message's messageUID
 * (RongCloud's Java PushResult and Go SDK read it), which Recall Broadcast takes by default. Run
 * through the real execute() against the emulator, which answers and records that messageUID.
 */
import { NodeApiError, NodeOperationError, type IDataObject, type INodeParameters } from 'n8n-workflow';

import { PATHS } from '../../../../../support/emulator';
import { readExample, runExampleChain } from '../../../../../support/examples';
import { VALID_PUSH } from '../../../../../support/ruleViolations';
import { outputJson, runBroadcast } from '../../../../../support/runBroadcast';
import { withEmulator } from '../../../../../support/withEmulator';

/** A push to a tag: RongCloud documents recall for pushes by tag or by package name. */
const WITH_MESSAGE: INodeParameters = {
	...VALID_PUSH,
	audience: 'tag',
	tags: 'vip',
	sendMessage: true,
	fromUserId: 'shop',
	objectName: 'RC:TxtMsg',
	contentMode: 'fields',
	text: '={{ $json.text }}',
	options: { timeout: 500 },
};

const answerOf = (body: unknown) => body as { id: string; messageUID: string };

describe('push → recall', () => {
	const emulator = withEmulator();

	it('a push with a system message outputs the messageUID beside the push id; Recall with its defaults takes the message back', async () => {
		const pushed = await runBroadcast(emulator, { parameters: WITH_MESSAGE, items: [{ json: { text: 'Flash sale' } }] });
		const [json] = outputJson(pushed);
		const answer = answerOf(emulator.requestsTo(PATHS.push)[0].response?.body);
		expect(answer.messageUID).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
		expect(json).toEqual({
			code: 200,
			id: answer.id,
			messageUID: answer.messageUID,
			requestId: expect.any(String),
			sentTime: expect.any(Number),
			platform: ['ios', 'android'],
			audience: 'tag',
			fromUserId: 'shop',
			objectName: 'RC:TxtMsg',
		});

		const recalled = await runBroadcast(emulator, { parameters: { operation: 'recall' }, items: pushed.output![0] });
		expect(outputJson(recalled)[0]).toMatchObject({ code: 200, fromUserId: 'shop', messageUID: answer.messageUID });
		expect(emulator.requestsTo(PATHS.recall)[0].form).toEqual({ fromUserId: 'shop', messageUID: answer.messageUID });
		expect(emulator.issued.find((m) => m.uid === answer.messageUID)?.recalled).toBe(true);
	});

	it('a push without a system message has no messageUID, and no warning about one', async () => {
		const [json] = outputJson(await runBroadcast(emulator, { parameters: VALID_PUSH }));
		expect(json.id).toEqual(expect.any(String));
		expect(json).not.toHaveProperty('messageUID');
		expect(json).not.toHaveProperty('warning');
	});

	it('with a system message, a 200 without a usable messageUID warns that the message cannot be recalled, and Recall says so', async () => {
		emulator.failNext({ kind: 'json', httpStatus: 200, body: { code: 200, id: 'push-7' } });
		const pushed = await runBroadcast(emulator, { parameters: WITH_MESSAGE, items: [{ json: { text: 'Flash sale' } }] });
		const [json] = outputJson(pushed);
		expect(json).toMatchObject({ code: 200, id: 'push-7' });
		expect(json).not.toHaveProperty('messageUID');
		expect(json.warning).toBe(
			'RongCloud answered code 200 without a usable messageUID, so the system message of this push cannot be recalled from the workflow.',
		);
		const recalled = await runBroadcast(emulator, { parameters: { operation: 'recall' }, items: pushed.output![0] });
		expect(recalled.error).toBeInstanceOf(NodeOperationError);
		expect(emulator.requestsTo(PATHS.recall)).toHaveLength(0);
	});

	it('a run stopped half-way names each pushed message by its messageUID, so it can be recalled', async () => {
		emulator.failNextWithCode(1009, { skip: 1 });
		const result = await runBroadcast(emulator, { parameters: WITH_MESSAGE, items: [{ json: { text: 'one' } }, { json: { text: 'two' } }] });
		const answer = answerOf(emulator.requestsTo(PATHS.push)[0].response?.body);
		const error = result.error as NodeApiError;
		expect(error.message).toContain('Already delivered in this run: item 0.');
		expect(error.description).toContain(`item 0 (push id ${answer.id}, messageUID ${answer.messageUID})`);
		expect(error.context.deliveredItems).toEqual([{ item: 0, delivered: `push id ${answer.id}, messageUID ${answer.messageUID}` }]);
	});

	it('Retry On Fail does not push a delivered item again, and its words name the message by its messageUID', async () => {
		emulator.failNext({ kind: 'hang', afterProcessing: true }, { skip: 1 });
		const result = await runBroadcast(emulator, {
			parameters: WITH_MESSAGE,
			items: [{ json: { text: 'one' } }, { json: { text: 'two' } }],
			retryOnFail: { maxTries: 3 },
		});
		expect(result.attempts).toBe(3);
		expect(emulator.requestsTo(PATHS.push)).toHaveLength(2);
		const answer = answerOf(emulator.requestsTo(PATHS.push)[0].response?.body);
		const error = result.error as NodeOperationError;
		expect(error.message).toContain('Not re-sent: the earlier attempt of item 1');
		expect(error.message).toContain('Already delivered in this run: item 0.');
		expect(error.description).toContain(`item 0 (push id ${answer.id}, messageUID ${answer.messageUID})`);
	});

	it('Retry On Fail after a refusal that proves nothing left: the item is pushed once more, its output carries the new messageUID', async () => {
		emulator.failNextWithCode(1009);
		const result = await runBroadcast(emulator, { parameters: WITH_MESSAGE, items: [{ json: { text: 'one' } }], retryOnFail: { maxTries: 3 } });
		expect(result.attempts).toBe(2);
		const answer = answerOf(emulator.requestsTo(PATHS.push)[1].response?.body);
		expect(outputJson(result)[0]).toMatchObject({ code: 200, id: answer.id, messageUID: answer.messageUID });
	});

	it('examples/push-then-recall.json as shipped: both nodes in Dry Run show their requests and send nothing', async () => {
		const [pushed, recalled] = await runExampleChain(emulator, readExample('push-then-recall.json'));
		expect([pushed.node.parameters.operation, recalled.node.parameters.operation]).toEqual(['push', 'recall']);
		expect(emulator.requests).toHaveLength(0);
		expect(pushed.json[0]).toMatchObject({ dryRun: true, url: `${emulator.baseUrl}${PATHS.push}`, fromUserId: 'shop' });
		expect(recalled.json[0]).toMatchObject({
			dryRun: true,
			url: `${emulator.baseUrl}${PATHS.recall}`,
			body: { fromUserId: 'shop', messageUID: '(messageUID of Push Notification)' },
		});
	});

	it('examples/push-then-recall.json with Dry Run off: the recall takes back the system message the push carried', async () => {
		const [pushed, recalled] = await runExampleChain(emulator, readExample('push-then-recall.json'), { dryRunOff: true });
		const answer = answerOf(emulator.requestsTo(PATHS.push)[0].response?.body);
		expect(pushed.json[0]).toMatchObject({ code: 200, id: answer.id, messageUID: answer.messageUID });
		expect(recalled.json[0]).toMatchObject({ code: 200, messageUID: answer.messageUID });
		expect(emulator.requests.map((r) => [r.path, r.response?.status])).toEqual([[PATHS.push, 200], [PATHS.recall, 200]]);
		expect((emulator.requestsTo(PATHS.recall)[0].form as IDataObject).messageUID).toBe(answer.messageUID);
	});
});

/**
 * RongCloud's recall page names pushes by tag and by package name, no other push audience. The
 * server decides, so a push to all users or to user IDs is sent and its messageUID output as
 * ever; its output item says what the recall page documents.
 */
describe('push → recall for an audience the recall page does not name', () => {
	const emulator = withEmulator();
	const recallWarning = (audience: string) =>
		`Recall: RongCloud documents recalling a pushed message only for pushes by tag or by package name; this push went to ${audience}, so Recall Broadcast may not take its system message back.`;

	it.each([
		['all', {}, 'all users'],
		['userid', { userIds: 'u1, u2' }, 'user IDs'],
	])('audience %s with a system message: pushed, messageUID output, and a warning that recall is documented only for tag and package pushes', async (audience, patch, words) => {
		const [json] = outputJson(await runBroadcast(emulator, { parameters: { ...WITH_MESSAGE, audience, ...patch }, items: [{ json: { text: 'Flash sale' } }] }));
		const answer = answerOf(emulator.requestsTo(PATHS.push)[0].response?.body);
		expect(json).toMatchObject({ code: 200, id: answer.id, messageUID: answer.messageUID, warning: recallWarning(words) });
	});

	it('the Dry Run item of such a push shows the warning too', async () => {
		const parameters = { ...WITH_MESSAGE, audience: 'all', options: { dryRun: true } };
		const [json] = outputJson(await runBroadcast(emulator, { parameters, items: [{ json: { text: 'Flash sale' } }] }));
		expect(emulator.requests).toHaveLength(0);
		expect(json).toMatchObject({ dryRun: true, warning: recallWarning('all users') });
	});

	it.each([
		['tag', { tags: 'vip' }],
		['tag_or', { tags: 'vip, new' }],
		['packageName', { packageName: 'com.example.app' }],
	])('audience %s: no such warning', async (audience, patch) => {
		const [json] = outputJson(await runBroadcast(emulator, { parameters: { ...WITH_MESSAGE, audience, ...patch }, items: [{ json: { text: 'Flash sale' } }] }));
		expect(json).toMatchObject({ code: 200, messageUID: expect.any(String) });
		expect(json).not.toHaveProperty('warning');
	});

	it('a push without a system message has nothing to recall: no such warning, whatever the audience', async () => {
		const [json] = outputJson(await runBroadcast(emulator, { parameters: VALID_PUSH }));
		expect(json).not.toHaveProperty('warning');
	});
});
