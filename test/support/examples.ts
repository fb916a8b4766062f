/* eslint-disable
	@n8n/community-nodes/no-dangerous-functions,
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * The workflows in examples/, read as shipped, and their RongCloud nodes run in the order the
 * workflow connects them (each node gets the previous one's output, the first gets what its
 * trigger would output), each through the node's real execute() against the emulator.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IConnections, IDataObject, INode, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { RongCloudEmulator } from './emulator';
import { outputJson, runBroadcast } from './runBroadcast';

export const EXAMPLES_DIR = join(__dirname, '..', '..', 'examples');
export const RONGCLOUD_NODE_TYPE = 'n8n-nodes-rongcloud.rongCloudBroadcast';

export interface ExampleWorkflow {
	name: string;
	nodes: INode[];
	connections: IConnections;
}

export function exampleFiles(): string[] {
	return readdirSync(EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort();
}

export function readExample(file: string): ExampleWorkflow {
	return JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as ExampleWorkflow;
}

/** The RongCloud nodes from the trigger on, following the main connections. */
export function rongCloudNodesInOrder(workflow: ExampleWorkflow): INode[] {
	const byName = new Map(workflow.nodes.map((node) => [node.name, node]));
	const targets = new Set(Object.values(workflow.connections).flatMap((c) => (c.main ?? []).flat().map((t) => t?.node)));
	let current = workflow.nodes.find((node) => !targets.has(node.name));
	const ordered: INode[] = [];
	while (current) {
		if (current.type === RONGCLOUD_NODE_TYPE) ordered.push(current);
		const next = workflow.connections[current.name]?.main?.[0]?.[0]?.node;
		current = next ? byName.get(next) : undefined;
	}
	return ordered;
}

/** What the example's trigger hands the first node: a webhook call's JSON body, or an empty item. */
export function triggerItem(workflow: ExampleWorkflow, body: IDataObject = { text: 'Hello from the examples test' }): INodeExecutionData {
	const webhook = workflow.nodes.some((node) => node.type === 'n8n-nodes-base.webhook');
	return { json: webhook ? { headers: {}, params: {}, query: {}, body } : {} };
}

/** The node's parameters with Options → Dry Run switched off, the only change a user makes to go live. */
export function withDryRunOff(parameters: INodeParameters): INodeParameters {
	return { ...parameters, options: { ...(parameters.options as INodeParameters), dryRun: false } };
}

/**
 * What reaches the first RongCloud node: the trigger's item, or what a Code node in between
 * returns. An example's Code node stands in for a query with a fixed list (it reads no input), so
 * its own code is run here as n8n would run it.
 */
export function firstNodeItems(workflow: ExampleWorkflow, body?: IDataObject): INodeExecutionData[] {
	const [first] = rongCloudNodesInOrder(workflow);
	const feeding = Object.entries(workflow.connections).find(([, c]) => (c.main ?? []).flat().some((t) => t?.node === first?.name))?.[0];
	const code = workflow.nodes.find((node) => node.name === feeding && node.type === 'n8n-nodes-base.code');
	if (!code) return [triggerItem(workflow, body)];
	return (new Function(String(code.parameters.jsCode)) as () => INodeExecutionData[])();
}

/** Each RongCloud node's output items, node by node, the chain run as a workflow run would. */
export async function runExampleChain(
	emulator: RongCloudEmulator,
	workflow: ExampleWorkflow,
	options: { dryRunOff?: boolean; body?: IDataObject } = {},
): Promise<Array<{ node: INode; json: Array<Record<string, unknown>> }>> {
	let items: INodeExecutionData[] = firstNodeItems(workflow, options.body);
	const outputs: Array<{ node: INode; json: Array<Record<string, unknown>> }> = [];
	for (const node of rongCloudNodesInOrder(workflow)) {
		const parameters = options.dryRunOff ? withDryRunOff(node.parameters) : node.parameters;
		const result = await runBroadcast(emulator, { parameters, items });
		outputs.push({ node, json: outputJson(result) });
		items = result.output?.[0] ?? [];
	}
	return outputs;
}
