import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { BROADCAST_QUOTA } from '../../../../../credentials/common/rongcloud/codes';
import { VALIDATION_RULES, type RuleId } from '../../../../../nodes/RongCloudBroadcast/shared/validation';
import { DEFAULT_APP_KEY, PATHS } from '../../../../support/emulator';
import { RULE_VIOLATIONS } from '../../../../support/ruleViolations';
import { outputJson, runBroadcast } from '../../../../support/runBroadcast';
import { withEmulator } from '../../../../support/withEmulator';

const ONLINE = { operation: 'sendOnline', fromUserId: 'system', objectName: 'RC:TxtMsg', contentMode: 'fields', text: 'hi' };

/** The message rules send and sendOnline share: the same inputs, read by the same code. */
const MESSAGE_RULES: RuleId[] = [
	'fromUserIdRequired',
	'fromUserIdLength',
	'customObjectNameRequired',
	'customObjectNameReserved',
	'customObjectNameLength',
	'objectNameKnown',
	'contentJsonObject',
	'contentSize',
	'contentRequiredField',
	'fieldType',
	'timeoutRange',
];

describe('sendOnline: Send to Online Users', () => {
	const emulator = withEmulator();

	it('arrives field for field at /message/online/broadcast.json, signed; the output carries messageUID', async () => {
		const result = await runBroadcast(emulator, {
			parameters: {
				...ONLINE,
				fromUserId: '2191',
				text: 'Server restarts in 5 minutes',
				extra: 'ops',
				user: { id: 'ops', name: 'Operations' },
				options: { disableUpdateLastMsg: true },
			},
		});
		const [json] = outputJson(result);
		const requests = emulator.requestsTo(PATHS.onlineBroadcast);
		expect(emulator.requests).toHaveLength(1);
		const [request] = requests;
		expect(request.signatureValid).toBe(true);
		expect(request.headers['app-key']).toBe(DEFAULT_APP_KEY);
		expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(request.form).toEqual({
			content: '{"content":"Server restarts in 5 minutes","extra":"ops","user":{"id":"ops","name":"Operations"}}',
			fromUserId: '2191',
			objectName: 'RC:TxtMsg',
			disableUpdateLastMsg: 'true',
		});
		expect(json).toEqual({
			code: 200,
			messageUID: (request.response?.body as { messageUID: string }).messageUID,
			requestId: request.headers['x-request-id'],
			sentTime: expect.any(Number),
			fromUserId: '2191',
			objectName: 'RC:TxtMsg',
		});
		expect(result.output![0][0].pairedItem).toEqual({ item: 0 });
	});

	it('takes every message input send takes: a custom type with its JSON content; disableUpdateLastMsg false is sent as "false"', async () => {
		const result = await runBroadcast(emulator, {
			parameters: {
				...ONLINE,
				objectName: 'custom',
				customObjectName: 'App:Flash',
				content: '={{ $json.payload }}',
				options: { disableUpdateLastMsg: false },
			},
			items: [{ json: { payload: { headline: 'Flash sale', until: '18:00' } } }],
		});
		expect(outputJson(result)[0]).toMatchObject({ code: 200, objectName: 'App:Flash' });
		expect(emulator.requests[0].form).toEqual({
			content: '{"headline":"Flash sale","until":"18:00"}',
			fromUserId: 'system',
			objectName: 'App:Flash',
			disableUpdateLastMsg: 'false',
		});
	});

	it('is not held to the broadcast quota: four items in one run make four calls, each answered', async () => {
		const result = await runBroadcast(emulator, {
			parameters: { ...ONLINE, text: '={{ $json.t }}' },
			items: ['a', 'b', 'c', 'd'].map((t) => ({ json: { t } })),
		});
		const output = outputJson(result);
		expect(output.map((json) => json.code)).toEqual([200, 200, 200, 200]);
		expect(result.output![0].map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		const texts = emulator.requestsTo(PATHS.onlineBroadcast).map((r) => JSON.parse(r.form!.content).content);
		expect(texts).toEqual(['a', 'b', 'c', 'd']);
	});

	it('cannot be recalled: recall of its messageUID is refused by RongCloud (1002), as the description warns', async () => {
		const sent = await runBroadcast(emulator, { parameters: ONLINE });
		const [sentJson] = outputJson(sent);
		const recalled = await runBroadcast(emulator, { parameters: { operation: 'recall' }, items: sent.output![0] });
		expect(recalled.error).toBeInstanceOf(NodeApiError);
		expect(recalled.error?.message).toContain('RongCloud error 1002');
		expect(recalled.error?.message).toContain(String(sentJson.messageUID));
	});

	it.each(MESSAGE_RULES)('%s stops the item before anything is sent, as for send', async (ruleId) => {
		const violation = RULE_VIOLATIONS[ruleId];
		const result = await runBroadcast(emulator, {
			parameters: { ...violation.parameters, operation: 'sendOnline' },
			items: violation.items,
		});
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toContain(`(${violation.parameter}): ${VALIDATION_RULES[ruleId].rule}`);
		expect(emulator.requests).toHaveLength(0);
	});

	it('a disableUpdateLastMsg that is not a boolean is refused, nothing sent', async () => {
		const result = await runBroadcast(emulator, {
			parameters: { ...ONLINE, options: { disableUpdateLastMsg: '={{ "sometimes" }}' } },
		});
		expect(result.error?.message).toContain('(options.disableUpdateLastMsg): has the wrong type');
		expect(emulator.requests).toHaveLength(0);
	});

	it('a bad second item means the first is not sent either', async () => {
		const result = await runBroadcast(emulator, {
			parameters: { ...ONLINE, fromUserId: '={{ $json.sender }}' },
			items: [{ json: { sender: 'ok' } }, { json: { sender: '' } }],
		});
		expect((result.error as NodeOperationError).context.itemIndex).toBe(1);
		expect(emulator.requests).toHaveLength(0);
	});

	it('1008 from RongCloud: the rate limit in words, its own (online sends are limited apart from the broadcast quota)', async () => {
		emulator.failNextWithCode(1008, { path: PATHS.onlineBroadcast });
		const result = await runBroadcast(emulator, { parameters: ONLINE });
		const error = result.error as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('RongCloud error 1008: rate limit exceeded (HTTP 429)');
		expect(error.description).not.toContain(BROADCAST_QUOTA);
		expect(error.description).toContain('Send to Online Users is limited separately from broadcasts: wait a minute');
		expect(error.httpCode).toBe('429');
	});

	it('1002 under Continue On Fail: an error item with the code, the server\'s words and the request ID', async () => {
		emulator.failNextWithCode(1002, { errorMessage: 'fromUserId is invalid.' });
		const result = await runBroadcast(emulator, { parameters: ONLINE, continueOnFail: true });
		const [json] = outputJson(result);
		expect(json).toMatchObject({
			code: 1002,
			httpCode: 400,
			mayHaveBeenDelivered: false,
			requestId: emulator.requests[0].headers['x-request-id'],
		});
		expect(json.error).toContain('RongCloud error 1002: parameter error: a parameter is missing or invalid (HTTP 400). RongCloud said: "fromUserId is invalid."');
		expect(result.output![0][0].pairedItem).toEqual({ item: 0 });
	});

	it('dry run sends nothing and shows the online endpoint with every field', async () => {
		const result = await runBroadcast(emulator, {
			parameters: { ...ONLINE, options: { dryRun: true, disableUpdateLastMsg: true } },
		});
		const [json] = outputJson(result);
		expect(emulator.requests).toHaveLength(0);
		expect(json).toMatchObject({
			dryRun: true,
			method: 'POST',
			url: `${emulator.baseUrl}${PATHS.onlineBroadcast}`,
			body: { content: '{"content":"hi"}', fromUserId: 'system', objectName: 'RC:TxtMsg', disableUpdateLastMsg: 'true' },
			fromUserId: 'system',
			objectName: 'RC:TxtMsg',
		});
		expect((json.headers as Record<string, string>).Signature).not.toMatch(/^[0-9a-f]{40}$/);
	});
});
