/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { NodeApiError, NodeOperationError, type INodeParameters } from 'n8n-workflow';

import { BROADCAST_QUOTA } from '../../../../../credentials/common/rongcloud/codes';
import { RongCloudBroadcast } from '../../../../../nodes/RongCloudBroadcast/RongCloudBroadcast.node';
import {
	DEFAULT_APP_KEY,
	DEFAULT_APP_SECRET,
	PATHS,
	startEmulator,
	type RongCloudEmulator,
} from '../../../../support/emulator';
import { readExample, rongCloudNodesInOrder, runExampleChain, withDryRunOff } from '../../../../support/examples';
import { VALID_RECALL } from '../../../../support/ruleViolations';
import { outputJson, runBroadcast } from '../../../../support/runBroadcast';
import { walkProperties } from '../../../../support/walkProperties';
import { withEmulator } from '../../../../support/withEmulator';

/** A broadcast the emulator issued earlier (recall.json only accepts messageUIDs it issued). */
const UID = 'BVQK-8CSS-N3S5-U3ML';
const SENT_AT = 1585127132438;

async function emulatorWithBroadcast(quotaUsedAt: number[] = []): Promise<RongCloudEmulator> {
	return await startEmulator({
		initialState: {
			issued: [{ appKey: DEFAULT_APP_KEY, path: PATHS.broadcast, uid: UID, sentAt: SENT_AT }],
			quotaUsage: { [DEFAULT_APP_KEY]: quotaUsedAt },
		},
	});
}

const recallParameters = (patch: INodeParameters = {}): INodeParameters => ({ ...VALID_RECALL, ...patch });

describe('recall: chained from send', () => {
	const emulator = withEmulator();

	it('with only the operation set, recall takes fromUserId and messageUID from send\'s output item, and sends no sentTime', async () => {
		const sent = await runBroadcast(emulator, {
			parameters: { operation: 'send', fromUserId: 'ops-bot', objectName: 'RC:TxtMsg', text: 'Wrong price!' },
		});
		const [sentJson] = outputJson(sent);

		const recalled = await runBroadcast(emulator, { parameters: { operation: 'recall' }, items: sent.output![0] });
		expect(recalled.node.parameters).toMatchObject({
			fromUserId: '={{ $json.fromUserId }}',
			messageUID: '={{ $json.messageUID }}',
			// send's sentTime is n8n's clock, not RongCloud's: it is no default.
			sentTime: '',
		});
		const [json] = outputJson(recalled);
		const [request] = emulator.requestsTo(PATHS.recall);
		expect(request.signatureValid).toBe(true);
		expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(request.form).toEqual({ fromUserId: 'ops-bot', messageUID: sentJson.messageUID });
		expect(request.response?.status).toBe(200);
		expect(json).toEqual({
			code: 200,
			requestId: request.headers['x-request-id'],
			sentTime: expect.any(Number),
			fromUserId: 'ops-bot',
			messageUID: sentJson.messageUID,
		});
		expect(recalled.output![0][0].pairedItem).toEqual({ item: 0 });
		expect(emulator.issued.find((m) => m.uid === sentJson.messageUID)?.recalled).toBe(true);
	});

	it('examples/send-then-recall.json as shipped: both nodes in Dry Run show their requests and send nothing', async () => {
		emulator.reset();
		const [sent, recalled] = await runExampleChain(emulator, readExample('send-then-recall.json'));
		expect([sent.node.parameters.operation, recalled.node.parameters.operation]).toEqual(['send', 'recall']);
		expect(emulator.requests).toHaveLength(0);
		expect(sent.json[0]).toMatchObject({ dryRun: true, url: `${emulator.baseUrl}${PATHS.broadcast}`, fromUserId: 'system' });
		// The send has no messageUID yet, so the recall's dry run shows a stand-in for it.
		expect(recalled.json[0]).toMatchObject({
			dryRun: true,
			url: `${emulator.baseUrl}${PATHS.recall}`,
			body: { fromUserId: 'system', messageUID: '(messageUID of Send to All Users)', isAdmin: '1' },
		});
	});

	it('examples/send-then-recall.json with Dry Run off: its send and recall nodes, run in order, recall what was sent', async () => {
		emulator.reset();
		const [sent, recalled] = await runExampleChain(emulator, readExample('send-then-recall.json'), { dryRunOff: true });
		const [sentJson] = sent.json;
		const [recalledJson] = recalled.json;
		expect(recalledJson).toMatchObject({ code: 200, messageUID: sentJson.messageUID });
		expect(emulator.requestsTo(PATHS.recall)[0].form).toMatchObject({ messageUID: sentJson.messageUID, isAdmin: '1' });
	});

	it('examples/send-then-recall.json with Dry Run off only in the recall: it refuses to recall a stand-in and sends nothing', async () => {
		emulator.reset();
		const workflow = readExample('send-then-recall.json');
		const [send, recall] = rongCloudNodesInOrder(workflow);
		const sent = await runBroadcast(emulator, { parameters: send.parameters, items: [{ json: {} }] });
		const recalled = await runBroadcast(emulator, { parameters: withDryRunOff(recall.parameters), items: sent.output![0] });
		expect(recalled.error?.message).toContain('messageUID');
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('recall: fields on the wire', () => {
	let emulator: RongCloudEmulator;
	beforeEach(async () => {
		emulator = await emulatorWithBroadcast();
	});
	afterEach(async () => await emulator.close());

	it('every option as the API wants it: isAdmin and isDelete as 1/0, disableUpdateLastMsg as true/false', async () => {
		const result = await runBroadcast(emulator, {
			parameters: recallParameters({
				options: { isAdmin: true, isDelete: false, extra: '{"reason":"typo"}', disableUpdateLastMsg: true },
			}),
		});
		expect(outputJson(result)[0]).toMatchObject({ code: 200, fromUserId: 'system', messageUID: UID });
		expect(emulator.requests).toHaveLength(1);
		expect(emulator.requests[0].form).toEqual({
			fromUserId: 'system',
			messageUID: UID,
			sentTime: String(SENT_AT),
			isAdmin: '1',
			isDelete: '0',
			extra: '{"reason":"typo"}',
			disableUpdateLastMsg: 'true',
		});
	});

	it('the opposite values: isAdmin 0, isDelete 1, disableUpdateLastMsg false', async () => {
		await runBroadcast(emulator, {
			parameters: recallParameters({ options: { isAdmin: false, isDelete: true, disableUpdateLastMsg: false } }),
		});
		expect(emulator.requests[0].form).toMatchObject({ isAdmin: '0', isDelete: '1', disableUpdateLastMsg: 'false' });
	});

	it('an empty Sent Time is left out; values are trimmed; a number from an expression is sent as digits', async () => {
		await runBroadcast(emulator, {
			parameters: recallParameters({ fromUserId: ' system ', messageUID: ` ${UID} `, sentTime: '' }),
		});
		expect(emulator.requests[0].form).toEqual({ fromUserId: 'system', messageUID: UID });
		emulator.reset();
		await runBroadcast(emulator, {
			parameters: recallParameters({ sentTime: '={{ $json.at }}' }),
			items: [{ json: { at: SENT_AT } }],
		});
		expect(emulator.requests[0].form?.sentTime).toBe(String(SENT_AT));
	});

	it('an incoming item with a sentTime: recall still sends none unless the parameter is set', async () => {
		const result = await runBroadcast(emulator, {
			parameters: { operation: 'recall' },
			items: [{ json: { fromUserId: 'system', messageUID: UID, sentTime: SENT_AT } }],
		});
		expect(outputJson(result)[0].code).toBe(200);
		expect(emulator.requests[0].form).toEqual({ fromUserId: 'system', messageUID: UID });
	});

	it('dry run sends nothing and shows the recall endpoint with every field', async () => {
		const result = await runBroadcast(emulator, {
			parameters: recallParameters({ options: { dryRun: true, isDelete: true } }),
		});
		const [json] = outputJson(result);
		expect(emulator.requests).toHaveLength(0);
		expect(json).toMatchObject({
			dryRun: true,
			url: `${emulator.baseUrl}${PATHS.recall}`,
			body: { fromUserId: 'system', messageUID: UID, sentTime: String(SENT_AT), isDelete: '1' },
			fromUserId: 'system',
			messageUID: UID,
		});
		expect((json.headers as Record<string, string>)['Content-Type']).toBe('application/x-www-form-urlencoded');
		expect(emulator.issued[0].recalled).toBeUndefined();
	});
});

describe('recall: validation before anything is sent', () => {
	const emulator = withEmulator(emulatorWithBroadcast);

	it.each([
		['an input item without messageUID', { operation: 'recall' }, { fromUserId: 'system' }, '(messageUID): is required'],
		['an input item without fromUserId', { operation: 'recall' }, { messageUID: UID }, '(fromUserId): is required'],
		['a blank Message UID', recallParameters({ messageUID: '   ' }), {}, '(messageUID): is required'],
		['a negative sentTime', recallParameters({ sentTime: '-1585127132438' }), {}, '(sentTime): must be a whole number of milliseconds since 1970, 0 or more'],
		['a fractional sentTime', recallParameters({ sentTime: '1585127132438.5' }), {}, '(sentTime): must be a whole number of milliseconds since 1970, 0 or more'],
		['a sentTime that is not a number', recallParameters({ sentTime: 'yesterday' }), {}, '(sentTime): has the wrong type'],
		['a fromUserId over 64 characters', recallParameters({ fromUserId: 'u'.repeat(65) }), {}, '(fromUserId): must be at most 64 characters'],
		['an object as messageUID', recallParameters({ messageUID: '={{ $json.m }}' }), { m: { uid: UID } }, '(messageUID): has the wrong type'],
		['an isAdmin that is not a boolean', recallParameters({ options: { isAdmin: '={{ "yes" }}' } }), {}, '(options.isAdmin): has the wrong type'],
		['an object as extra', recallParameters({ options: { extra: '={{ { a: 1 } }}' } }), {}, '(options.extra): has the wrong type'],
		['a timeout of 0', recallParameters({ options: { timeout: 0 } }), {}, '(options.timeout)'],
	])('%s', async (_name, parameters, item, message) => {
		const result = await runBroadcast(emulator, { parameters, items: [{ json: item }] });
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toContain(message);
		expect(result.error?.message).toContain('[item 0]');
		expect(emulator.requests).toHaveLength(0);
	});

	it('checks every item first: a second item without messageUID stops the first one too', async () => {
		const result = await runBroadcast(emulator, {
			parameters: { operation: 'recall' },
			items: [{ json: { fromUserId: 'system', messageUID: UID } }, { json: { fromUserId: 'system' } }],
		});
		expect((result.error as NodeOperationError).context.itemIndex).toBe(1);
		expect(emulator.requests).toHaveLength(0);
	});

	it('under Continue On Fail, the bad item is an error item and the good one is recalled', async () => {
		const result = await runBroadcast(emulator, {
			parameters: { operation: 'recall' },
			items: [{ json: { fromUserId: 'system' } }, { json: { fromUserId: 'system', messageUID: UID } }],
			continueOnFail: true,
		});
		const [bad, good] = result.output![0];
		expect(bad.json.error).toContain('(messageUID): is required');
		expect(bad.pairedItem).toEqual({ item: 0 });
		expect(good.json).toMatchObject({ code: 200, messageUID: UID });
		expect(good.pairedItem).toEqual({ item: 1 });
		expect(emulator.requests).toHaveLength(1);
	});
});

describe('recall: RongCloud errors in words', () => {
	it('1008: recall shares the broadcast quota; two calls in the last hour leave none for the recall', async () => {
		const emulator = await emulatorWithBroadcast([Date.now() - 60_000, Date.now() - 30_000]);
		try {
			const result = await runBroadcast(emulator, { parameters: recallParameters() });
			const error = result.error as NodeApiError;
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toBe(
				'RongCloud error 1008: rate limit exceeded (HTTP 429). RongCloud said: "Rate limit: at most 2 calls per hour."',
			);
			expect(error.description).toContain(BROADCAST_QUOTA);
			expect(error.description).toContain('Nothing was delivered.');
			expect(error.httpCode).toBe('429');
			expect(emulator.requests).toHaveLength(1);
			expect(emulator.issued[0].recalled).toBeUndefined();
		} finally {
			await emulator.close();
		}
	});

	it('1002: an unknown messageUID, with RongCloud\'s words, as an error item under Continue On Fail', async () => {
		const emulator = await emulatorWithBroadcast();
		try {
			const result = await runBroadcast(emulator, {
				parameters: recallParameters({ messageUID: 'NOPE-NOPE-NOPE-NOPE' }),
				continueOnFail: true,
			});
			const [json] = outputJson(result);
			expect(json).toMatchObject({
				code: 1002,
				httpCode: 400,
				mayHaveBeenDelivered: false,
				requestId: emulator.requests[0].headers['x-request-id'],
			});
			expect(json.error).toContain('RongCloud said: "messageUID NOPE-NOPE-NOPE-NOPE is unknown."');
			expect(json.description).toContain('Fix the parameter the server names above.');
		} finally {
			await emulator.close();
		}
	});

	it('1009: the broadcast service is off for the app', async () => {
		const emulator = await emulatorWithBroadcast();
		emulator.setApp({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, broadcastEnabled: false });
		try {
			const result = await runBroadcast(emulator, { parameters: recallParameters() });
			expect(result.error?.message).toContain('RongCloud error 1009');
			expect((result.error as NodeApiError).description).toContain('Enable the broadcast service');
		} finally {
			await emulator.close();
		}
	});
});

/**
 * Sent Time where the sources differ: every source types it as a whole number of milliseconds
 * (RongCloud's docs Long, its Go SDK int, its Java SDK the text of one), and none refuses a value
 * of another length, so only what is no such number is refused; a length other than 13 digits is
 * sent with a warning, and 0 goes out as 0, as the Go SDK sends it when the time is unknown.
 */
describe('recall: Sent Time as the sources allow it', () => {
	const emulator = withEmulator(emulatorWithBroadcast);
	const sentTimeWarning = (value: string, seconds: boolean) =>
		`Sent Time (Ms) ${value} has ${value.length} digits${seconds ? ', which looks like seconds' : ''}: RongCloud's sentTime is the message's dateTime from its Message History Log, in milliseconds (13 digits, such as 1585127132438). Sent as given.`;

	it('0 is sent as 0, as RongCloud\'s Go SDK sends it when the time is unknown, with no warning', async () => {
		const [json] = outputJson(await runBroadcast(emulator, { parameters: recallParameters({ sentTime: '0' }) }));
		expect(emulator.requestsTo(PATHS.recall)[0].form?.sentTime).toBe('0');
		expect(json).toMatchObject({ code: 200 });
		expect(json).not.toHaveProperty('warning');
	});

	it.each([
		['10 digits (seconds)', '1585127132', true],
		['14 digits', '15851271324380', false],
		['a single digit', '7', true],
	])('%s: sent as given, with a warning naming RongCloud\'s dateTime in milliseconds', async (_name, sentTime, seconds) => {
		const [json] = outputJson(await runBroadcast(emulator, { parameters: recallParameters({ sentTime }) }));
		expect(emulator.requestsTo(PATHS.recall)[0].form?.sentTime).toBe(sentTime);
		expect(json).toMatchObject({ code: 200, warning: sentTimeWarning(sentTime, seconds) });
	});

	it('the Dry Run item shows the warning too', async () => {
		const [json] = outputJson(await runBroadcast(emulator, { parameters: recallParameters({ sentTime: '1585127132', options: { dryRun: true } }) }));
		expect(emulator.requests).toHaveLength(0);
		expect(json).toMatchObject({ dryRun: true, warning: sentTimeWarning('1585127132', true) });
	});

	it('13 digits: no warning', async () => {
		expect(outputJson(await runBroadcast(emulator, { parameters: recallParameters() }))[0]).not.toHaveProperty('warning');
	});
});

/**
 * RongCloud's English doc marks sentTime optional, its Chinese doc required; the node sends it only
 * when set. Should RongCloud refuse a recall and name sentTime, the error says where the value
 * comes from: RongCloud's Message History Log, never n8n's clock.
 */
describe('recall: a refusal that names sentTime', () => {
	const emulator = withEmulator();
	const SENT_TIME_ADVICE =
		'RongCloud\'s refusal names sentTime: set Sent Time (Ms) to the message\'s dateTime from RongCloud\'s Message History Log (milliseconds), or leave it empty if you set one. Not the sentTime that Send to All Users or Push Notification output: that is n8n\'s clock when it sent the request, not RongCloud\'s time of the message.';

	const sendThenRecall = async (recall: INodeParameters, continueOnFail = false) => {
		const sent = await runBroadcast(emulator, { parameters: { operation: 'send', fromUserId: 'ops', objectName: 'RC:TxtMsg', text: 'Wrong price!' } });
		outputJson(sent);
		return await runBroadcast(emulator, { parameters: { operation: 'recall', ...recall }, items: sent.output![0], continueOnFail });
	};

	it.each([
		['sentTime is required.'],
		['Parameter error: sentTime must not be empty'],
	])('"%s": the error says where the value comes from (RongCloud\'s Message History Log), never n8n\'s clock', async (errorMessage) => {
		emulator.failNextWithCode(1002, { path: PATHS.recall, errorMessage });
		const result = await sendThenRecall({});
		const error = result.error as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		// One full stop: the quoted text's own, when it ends a sentence.
		expect(error.message).toBe(`RongCloud error 1002: parameter error: a parameter is missing or invalid (HTTP 400). RongCloud said: "${errorMessage}"${errorMessage.endsWith('.') ? '' : '.'}`);
		expect(error.description).toContain(SENT_TIME_ADVICE);
		expect(error.description).not.toContain('$json.sentTime');
		expect(error.description).toContain('Nothing was delivered.');
		expect(emulator.requestsTo(PATHS.recall)[0].form).not.toHaveProperty('sentTime');
	});

	it('under Continue On Fail the error item carries the same words', async () => {
		emulator.failNextWithCode(1002, { path: PATHS.recall, errorMessage: 'sentTime is required.' });
		const [json] = outputJson(await sendThenRecall({}, true));
		expect(json).toMatchObject({ code: 1002, mayHaveBeenDelivered: false });
		expect(json.description).toContain(SENT_TIME_ADVICE);
	});

	it('a refusal that does not name sentTime gets no such advice', async () => {
		emulator.failNextWithCode(1002, { path: PATHS.recall, errorMessage: 'messageUID is invalid.' });
		const error = (await sendThenRecall({})).error as NodeApiError;
		expect(error.description).not.toContain('sentTime');
	});

	it('the Sent Time parameter names RongCloud\'s dateTime; the output schemas of send and push say their sentTime is n8n\'s clock, not that', () => {
		const sentTime = walkProperties(new RongCloudBroadcast().description.properties).find(({ property }) => property.name === 'sentTime')!.property;
		expect(sentTime.description).toBe(
			'The message\'s dateTime from RongCloud\'s Message History Log, in milliseconds since 1970; sent only when set (0 is sent as 0, as RongCloud\'s Go SDK sends it when the time is unknown). RongCloud\'s English documentation calls it optional, its Chinese documentation required. Not the sentTime that Send to All Users or Push Notification output: that is n8n\'s clock when it sent the request.',
		);
		for (const operation of ['send', 'push']) {
			const schema = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', '..', 'nodes', 'RongCloudBroadcast', '__schema__', 'v1.0.0', 'message', `${operation}.json`), 'utf8')) as {
				properties: { sentTime: { description: string } };
			};
			expect(schema.properties.sentTime.description).toMatch(
				/on the clock of the machine running n8n, at request time; not RongCloud's time of the message, so not the Sent Time \(Ms\) Recall Broadcast takes \(RongCloud's dateTime from its Message History Log\)$/,
			);
		}
	});
});
