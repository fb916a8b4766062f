/**
 * Every example ships safe: Dry Run is on in each RongCloud node, its notes say how to turn it off,
 * and run as shipped it sends nothing while each node shows the request it would send. With Dry Run
 * switched off (and nothing else changed) each node sends one request that RongCloud accepts.
 * What exactly goes on the wire per example is checked inside real n8n (test/e2e/expectations.ts).
 */
import type { INode } from 'n8n-workflow';

import { VENDORS } from '../nodes/RongCloudBroadcast/shared/pushExt/vendors';
import { EVERY_FIELD_PUSH_EXT } from './e2e/expectations';
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
			expect(json.length).toBeGreaterThan(0);
			// A send to listed users shows its requests on the first item of each (paired output); the others, one each.
			const shown = json.flatMap((item) => (Array.isArray(item.requests) ? (item.requests as Array<Record<string, unknown>>).filter((request) => 'method' in request) : [item]));
			expect(shown.length).toBeGreaterThan(0);
			for (const request of shown) {
				expect({ node: node.name, dryRun: request.dryRun, method: request.method }).toEqual({ node: node.name, dryRun: true, method: 'POST' });
				expect(String(request.url).startsWith(emulator.baseUrl)).toBe(true);
				expect(request.body).toBeDefined();
			}
		}
	});

	it('with Dry Run switched off: each node sends one request, and RongCloud accepts it', async () => {
		const outputs = await runExampleChain(emulator, workflow, { dryRunOff: true });
		expect(emulator.requests).toHaveLength(nodes.length);
		expect(emulator.requests.map((r) => r.response?.status)).toEqual(nodes.map(() => 200));
		for (const { json } of outputs) {
			expect(json.length).toBeGreaterThan(0);
			for (const item of json) {
				expect(item).toMatchObject({ code: 200 });
				expect(item.dryRun).toBeUndefined();
			}
		}
	});
});

/**
 * every-field.json is the one example that shows every setting, so it must fill every field of every
 * push vendor: a field added to the vendor table and not to the example fails here.
 */
describe('examples/every-field.json fills every push vendor field', () => {
	/** The vendor groups of a node's parameters: pushExt.pushConfigs for send, vendorSettings for push. */
	function vendorGroups(node: INode): Array<[string, unknown]> {
		const parameters = node.parameters as Record<string, Record<string, unknown> | undefined>;
		return [
			['pushExt.pushConfigs', parameters.pushExt?.pushConfigs],
			['notification.vendorSettings', parameters.notification?.vendorSettings],
		].filter((entry): entry is [string, unknown] => entry[1] !== undefined);
	}

	/** Every vendor field the groups leave empty, and every field they set that no vendor has. */
	function mismatches(path: string, groups: unknown): string[] {
		const given = (groups ?? {}) as Record<string, Record<string, unknown>>;
		const missing = VENDORS.flatMap((vendor) =>
			vendor.fields.filter((field) => [undefined, ''].includes(given[vendor.key]?.[field.parameter] as string | undefined)).map((field) => `${path}.${vendor.key}.${field.parameter} is not filled`),
		);
		const unknown = Object.entries(given).flatMap(([key, values]) =>
			Object.keys(values ?? {})
				.filter((parameter) => !VENDORS.find((vendor) => vendor.key === key)?.fields.some((field) => field.parameter === parameter))
				.map((parameter) => `${path}.${key}.${parameter} is no vendor field`),
		);
		return [...missing, ...unknown];
	}

	const nodes = rongCloudNodesInOrder(readExample('every-field.json'));

	it('every vendor group it has (a send\'s pushExt, a push\'s vendor settings) has every field, and no other', () => {
		const groups = nodes.flatMap(vendorGroups);
		expect(groups.map(([path]) => path)).toContain('pushExt.pushConfigs');
		expect(groups.flatMap(([path, values]) => mismatches(path, values))).toEqual([]);
	});

	/** Vendor → wire keys, sorted: what a table of pushConfigs names, values aside. */
	const wireKeys = (pushConfigs: Record<string, object>) => Object.fromEntries(Object.entries(pushConfigs).map(([vendor, config]) => [vendor, Object.keys(config).sort()]));

	// The end-to-end suite writes the wire pushExt out by hand, to judge the node's values; only its names are held to the table here.
	it('the end-to-end suite\'s expected pushExt names every vendor and every wire key of the vendor table', () => {
		const table = Object.fromEntries(VENDORS.map((vendor) => [vendor.key, vendor.fields.map((field) => field.apiKey).sort()]));
		expect(wireKeys(EVERY_FIELD_PUSH_EXT.pushConfigs)).toEqual(table);
		const { HW, ...withoutHw } = EVERY_FIELD_PUSH_EXT.pushConfigs;
		expect(wireKeys(withoutHw)).not.toEqual(table);
		expect(wireKeys({ ...EVERY_FIELD_PUSH_EXT.pushConfigs, HW: { ...HW, badge: 'x' } })).not.toEqual(table);
	});

	it('fails when a field is left out, left empty or unknown', () => {
		const [, pushConfigs] = nodes.flatMap(vendorGroups).find(([path]) => path === 'pushExt.pushConfigs') as [string, Record<string, Record<string, unknown>>];
		const broken = structuredClone(pushConfigs);
		delete broken.HW.image;
		broken.APNs.threadId = '';
		broken.FCM.imageURL = 'https://example.com/image.png';
		delete broken.OHOS;
		expect(mismatches('pushExt.pushConfigs', broken)).toEqual([
			'pushExt.pushConfigs.HW.image is not filled',
			'pushExt.pushConfigs.APNs.threadId is not filled',
			'pushExt.pushConfigs.OHOS.category is not filled',
			'pushExt.pushConfigs.OHOS.image is not filled',
			'pushExt.pushConfigs.FCM.imageURL is no vendor field',
		]);
	});
});
