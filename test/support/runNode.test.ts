import { NodeApiError, NodeOperationError, type INodeType } from 'n8n-workflow';

import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET, PATHS } from './emulator';
import { createHarnessFixtureNode } from './fixtures/HarnessFixture.node';
import { HarnessFixtureApi, HarnessFixtureGenericApi } from './fixtures/HarnessFixtureApi.credentials';
import { INPUT_NODE_NAME, runNode, type RunNodeOptions } from './runNode';
import { withEmulator } from './withEmulator';

const emulator = withEmulator();

function fixtureRun(overrides: Partial<RunNodeOptions> = {}): RunNodeOptions {
	return {
		nodeType: createHarnessFixtureNode(),
		credentialTypes: [new HarnessFixtureApi()],
		parameters: { fromUserId: 'system', text: '={{ $json.greeting }}, {{ $(\'Input\').item.json.name }}' },
		credentials: { appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, baseUrl: emulator.baseUrl },
		items: [{ json: { greeting: 'Hello', name: 'Ada' } }],
		...overrides,
	};
}

describe('runNode with the fixture node against the emulator', () => {
	it('resolves expressions, signs through the credential and returns the output', async () => {
		const result = await runNode(
			fixtureRun({
				items: [{ json: { greeting: 'Hello', name: 'Ada' } }, { json: { greeting: 'Hi', name: 'Alan' } }],
			}),
		);
		expect(result.error).toBeUndefined();
		expect(result.output).toEqual([
			[
				{ json: { code: 200, messageUID: expect.any(String), typeVersion: 2 }, pairedItem: { item: 0 } },
				{ json: { code: 200, messageUID: expect.any(String), typeVersion: 2 }, pairedItem: { item: 1 } },
			],
		]);

		const arrived = emulator.requestsTo(PATHS.broadcast);
		expect(arrived.map((r) => r.form)).toEqual([
			{ fromUserId: 'system', objectName: 'RC:TxtMsg', content: '{"content":"Hello, Ada"}' },
			{ fromUserId: 'system', objectName: 'RC:TxtMsg', content: '{"content":"Hi, Alan"}' },
		]);
		for (const request of arrived) {
			expect(request.signatureValid).toBe(true);
			expect(request.headers['app-key']).toBe(DEFAULT_APP_KEY);
			expect(request.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
		}
		expect(emulator.acceptedSignatures).toHaveLength(2);
		expect(result.output?.[0].map((item) => item.json.messageUID)).toEqual(
			arrived.map((r) => (r.response?.body as { messageUID: string }).messageUID),
		);
	});

	it('places the node like n8n does: defaults applied, upstream Input node, chosen type version', async () => {
		const result = await runNode(fixtureRun({ typeVersion: 1, nodeName: 'Broadcast' }));
		expect(result.error).toBeUndefined();
		expect(result.node).toMatchObject({
			name: 'Broadcast',
			type: 'n8n-nodes-rongcloud.harnessFixture',
			typeVersion: 1,
			// `path` and `objectName` were not given: the Workflow filled in their defaults.
			parameters: { path: '/message/broadcast.json', objectName: 'RC:TxtMsg', fromUserId: 'system' },
			credentials: { harnessFixtureApi: expect.any(Object) },
		});
		expect(result.output?.[0][0].json.typeVersion).toBe(1);
		await expect(runNode(fixtureRun({ nodeName: INPUT_NODE_NAME }))).resolves.toMatchObject({
			error: expect.objectContaining({ message: expect.stringMatching(/cannot be named/) }),
		});
	});

	it('defaults to one empty item', async () => {
		const result = await runNode(fixtureRun({ items: undefined, parameters: { fromUserId: 'system', text: '={{ $json.missing ?? "empty" }}' } }));
		expect(result.error).toBeUndefined();
		expect(result.output?.[0]).toHaveLength(1);
		expect(emulator.requests[0].form?.content).toBe('{"content":"empty"}');
	});

	it('returns an API error as `error` (a NodeApiError with the HTTP status) instead of throwing', async () => {
		emulator.failNextWithCode(1008);
		const result = await runNode(fixtureRun());
		expect(result.output).toBeUndefined();
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect((result.error as NodeApiError).httpCode).toBe('429');
		expect(emulator.requests).toHaveLength(1);
	});

	it('continueOnFail turns the error into an output item and runs the remaining items', async () => {
		emulator.failNextWithCode(1000);
		const result = await runNode(
			fixtureRun({
				continueOnFail: true,
				items: [{ json: { greeting: 'a', name: 'b' } }, { json: { greeting: 'c', name: 'd' } }],
			}),
		);
		expect(result.error).toBeUndefined();
		expect(result.node.onError).toBe('continueRegularOutput');
		expect(result.output?.[0]).toEqual([
			{ json: { error: expect.any(String) }, pairedItem: { item: 0 } },
			{ json: { code: 200, messageUID: expect.any(String), typeVersion: 2 }, pairedItem: { item: 1 } },
		]);
		expect(emulator.requests.map((r) => r.response?.status)).toEqual([500, 200]);
	});

	it('captures what the node and n8n log, per run even when runs overlap', async () => {
		const [one, two] = await Promise.all([
			runNode(fixtureRun()),
			runNode(fixtureRun({ items: [{ json: { greeting: 'x', name: 'y' } }, { json: { greeting: 'z', name: 'w' } }] })),
		]);
		expect(one.logs).toEqual(
			expect.arrayContaining([
				// LoggerProxy (n8n-workflow) ...
				{ level: 'info', message: 'harness fixture: starting', meta: { items: 1 } },
				// ... and the DI logger behind `this.logger` (n8n-core).
				{ level: 'debug', message: 'harness fixture: sending', meta: { path: PATHS.broadcast, itemIndex: 0 } },
			]),
		);
		expect(one.logs.filter((l) => l.message === 'harness fixture: sending')).toHaveLength(1);
		expect(two.logs).toContainEqual({ level: 'info', message: 'harness fixture: starting', meta: { items: 2 } });
		expect(two.logs.filter((l) => l.message === 'harness fixture: sending')).toHaveLength(2);
	});

	it('resolves expressions inside credential data, as n8n does', async () => {
		const result = await runNode(
			fixtureRun({
				credentials: {
					appKey: '={{ "test-app" + "-key" }}',
					appSecret: DEFAULT_APP_SECRET,
					baseUrl: emulator.baseUrl,
				},
			}),
		);
		expect(result.error).toBeUndefined();
		expect(emulator.requests[0]).toMatchObject({ appKey: DEFAULT_APP_KEY, signatureValid: true });
	});

	it('applies a generic (declarative) authenticate description', async () => {
		const result = await runNode(
			fixtureRun({
				nodeType: createHarnessFixtureNode('harnessFixtureGenericApi'),
				credentialTypes: [new HarnessFixtureGenericApi()],
			}),
		);
		const request = emulator.requests[0];
		expect(request.headers['app-key']).toBe(DEFAULT_APP_KEY);
		expect(request.query).toEqual({ fixture: `generic-${DEFAULT_APP_KEY}` });
		// The generic description does not sign, so the emulator rejects it.
		expect(request.response).toMatchObject({ status: 401, body: { code: 1004 } });
		expect(result.error).toBeInstanceOf(NodeApiError);
	});

	it('fails like n8n when the node has no credential set', async () => {
		const result = await runNode(fixtureRun({ credentials: undefined }));
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toMatch(/does not have any credentials set/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('enforces a credential that n8n restricts to its supported nodes, as n8n 2 does', async () => {
		const restrictedTo = (supportedNodes: string[]) =>
			Object.assign(new HarnessFixtureApi(), { restrictToSupportedNodes: true as const, supportedNodes });

		const allowed = await runNode(fixtureRun({ credentialTypes: [restrictedTo(['harnessFixture'])] }));
		expect(allowed.error).toBeUndefined();
		expect(emulator.requests).toHaveLength(1);

		const refused = await runNode(fixtureRun({ credentialTypes: [restrictedTo(['someOtherNode'])] }));
		expect(refused.error).toBeInstanceOf(NodeOperationError);
		expect(refused.error?.message).toBe('Credential type "harnessFixtureApi" is restricted to specific nodes');
		expect(emulator.requests).toHaveLength(1);
	});

	it('never throws: errors from execute() and from the setup come back in `error`', async () => {
		const throwing: INodeType = {
			description: { ...createHarnessFixtureNode().description, name: 'throwing' },
			async execute() {
				throw new TypeError('boom');
			},
		};
		const thrown = await runNode(fixtureRun({ nodeType: throwing }));
		expect(thrown.error).toMatchObject({ name: 'TypeError', message: 'boom' });
		expect(thrown.output).toBeUndefined();

		const unknownCredential = await runNode(fixtureRun({ credentialTypes: [] }));
		expect(unknownCredential.error?.message).toMatch(/Unknown credential type: harnessFixtureApi/);
	});
});
