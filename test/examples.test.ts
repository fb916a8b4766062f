/**
 * Every example ships safe: Dry Run is on in each RongCloud node, its notes say how to turn it off,
 * and run as shipped it sends nothing while each node shows the request it would send. With Dry Run
 * switched off (and nothing else changed) each node sends one request that RongCloud accepts.
 * What exactly goes on the wire per example is checked inside real n8n (test/e2e/expectations.ts).
 */
import { startEmulator, type RongCloudEmulator } from './support/emulator';
import { exampleFiles, readExample, rongCloudNodesInOrder, runExampleChain } from './support/examples';

describe.each(exampleFiles())('examples/%s', (file) => {
	const workflow = readExample(file);
	const nodes = rongCloudNodesInOrder(workflow);
	let emulator: RongCloudEmulator;
	beforeAll(async () => {
		emulator = await startEmulator();
	});
	afterAll(async () => await emulator.close());
	beforeEach(() => emulator.reset());

	it('has RongCloud nodes, each with Dry Run on and notes that say how to turn it off', () => {
		expect(nodes.length).toBeGreaterThan(0);
		expect(nodes).toHaveLength(workflow.nodes.filter((node) => node.type === 'n8n-nodes-rongcloud.rongCloudBroadcast').length);
		for (const node of nodes) {
			expect({ node: node.name, dryRun: (node.parameters.options as { dryRun?: unknown } | undefined)?.dryRun }).toEqual({ node: node.name, dryRun: true });
		}
		const notes = nodes.map((node) => node.notes ?? '').join(' ');
		expect(notes).toMatch(/Dry Run is on/);
		expect(notes).toMatch(/turn Dry Run off/);
	});

	it('run as shipped: nothing is sent, every node outputs the request it would send', async () => {
		const outputs = await runExampleChain(emulator, workflow);
		expect(emulator.requests).toHaveLength(0);
		expect(outputs.map((o) => o.node.name)).toEqual(nodes.map((n) => n.name));
		for (const { node, json } of outputs) {
			expect(json).toHaveLength(1);
			expect({ node: node.name, dryRun: json[0].dryRun, method: json[0].method }).toEqual({ node: node.name, dryRun: true, method: 'POST' });
			expect(String(json[0].url).startsWith(emulator.baseUrl)).toBe(true);
			expect(json[0].body).toBeDefined();
		}
	});

	it('with Dry Run switched off: each node sends one request, and RongCloud accepts it', async () => {
		const outputs = await runExampleChain(emulator, workflow, { dryRunOff: true });
		expect(emulator.requests).toHaveLength(nodes.length);
		expect(emulator.requests.map((r) => r.response?.status)).toEqual(nodes.map(() => 200));
		for (const { json } of outputs) {
			expect(json).toHaveLength(1);
			expect(json[0]).toMatchObject({ code: 200 });
			expect(json[0].dryRun).toBeUndefined();
		}
	});
});
