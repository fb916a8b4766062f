/**
 * Workflows the scenarios import: built from scratch (Manual Trigger → RongCloud Broadcast) or
 * derived from an example (its trigger swapped for a Manual Trigger or a fast Schedule Trigger,
 * the rest of the example untouched).
 */
import { randomUUID } from 'node:crypto';

import { CREDENTIAL_TYPE, NODE_TYPE } from './harness';

type Workflow = Record<string, unknown>;
interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	[key: string]: unknown;
}

export const SANDBOX_CREDENTIAL_REF = { [CREDENTIAL_TYPE]: { id: 'rongcloud-sandbox', name: 'RongCloud Sandbox' } };

/** The `npm start` sandbox's second credential (API Version Nexconn v4), and the one the suite's v4 runs use. */
export const V4_CREDENTIAL = { id: 'rongcloud-sandbox-v4', name: 'RongCloud Sandbox (Nexconn v4)' };

/** Manual Trigger → one RongCloud Broadcast node with these parameters (and node settings such as onError). */
export function broadcastWorkflow(options: {
	id: string;
	name?: string;
	parameters: Record<string, unknown>;
	nodeName?: string;
	nodeSettings?: Record<string, unknown>;
	credentialId?: string;
}): Workflow {
	const nodeName = options.nodeName ?? 'RongCloud Broadcast';
	return {
		id: options.id,
		name: options.name ?? `E2E: ${options.id}`,
		active: false,
		nodes: [
			{
				id: randomUUID(),
				name: 'Manual Trigger',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: randomUUID(),
				name: nodeName,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [260, 0],
				credentials: { [CREDENTIAL_TYPE]: { id: options.credentialId ?? 'rongcloud-sandbox', name: 'RongCloud Sandbox' } },
				parameters: options.parameters,
				...options.nodeSettings,
			},
		],
		connections: { 'Manual Trigger': { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

function nodesOf(workflow: Workflow): WorkflowNode[] {
	return workflow.nodes as WorkflowNode[];
}

/** The trigger node of a workflow (the one no connection points to). */
export function triggerNode(workflow: Workflow): WorkflowNode {
	const trigger = nodesOf(workflow).find((node) => /trigger|webhook/i.test(node.type));
	if (!trigger) throw new Error(`workflow ${String(workflow.id)} has no trigger node`);
	return trigger;
}

/** The RongCloud Broadcast nodes of a workflow, in order. */
export function rongCloudNodes(workflow: Workflow): WorkflowNode[] {
	return nodesOf(workflow).filter((node) => node.type === NODE_TYPE);
}

/**
 * A copy under a new id whose trigger is replaced by a Manual Trigger of the same name (so the
 * connections hold), for `n8n execute`, which starts only at a Manual Trigger.
 */
export function withManualTrigger(workflow: Workflow, id: string): Workflow {
	const copy = structuredClone(workflow);
	copy.id = id;
	copy.name = `${String(workflow.name)} (run by hand)`;
	const trigger = triggerNode(copy);
	Object.assign(trigger, { id: randomUUID(), type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
	delete trigger.webhookId;
	return copy;
}

/**
 * A copy under a new id whose trigger is replaced by a Webhook of the same name (POST /webhook/<path>,
 * answering with the last node's output), so a manual or scheduled example runs on a started n8n.
 * The first node after it still gets one item.
 */
export function withWebhookTrigger(workflow: Workflow, id: string, path: string): Workflow {
	const copy = structuredClone(workflow);
	copy.id = id;
	const trigger = triggerNode(copy);
	Object.assign(trigger, {
		id: randomUUID(),
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} },
	});
	return copy;
}

/** A copy under a new id whose Schedule Trigger fires every `seconds` seconds. */
export function withScheduleEverySeconds(workflow: Workflow, id: string, seconds: number): Workflow {
	const copy = structuredClone(workflow);
	copy.id = id;
	copy.name = `${String(workflow.name)} (every ${seconds} s)`;
	const trigger = triggerNode(copy);
	if (trigger.type !== 'n8n-nodes-base.scheduleTrigger') throw new Error(`${String(workflow.id)}: the trigger is ${trigger.type}`);
	trigger.parameters = { rule: { interval: [{ field: 'seconds', secondsInterval: seconds }] } };
	return copy;
}

/** A copy under a new id with a different webhook path (and webhook id). */
export function withWebhookPath(workflow: Workflow, id: string, path: string): Workflow {
	const copy = structuredClone(workflow);
	copy.id = id;
	const trigger = triggerNode(copy);
	trigger.parameters = { ...trigger.parameters, path };
	trigger.webhookId = randomUUID();
	return copy;
}

/** The parameters of the first RongCloud node, changed by `change`. */
export function withRongCloudParameters(workflow: Workflow, id: string, change: (parameters: Record<string, unknown>) => void): Workflow {
	const copy = structuredClone(workflow);
	copy.id = id;
	const [node] = rongCloudNodes(copy);
	change(node.parameters);
	return copy;
}

/**
 * A copy under `id` whose RongCloud nodes use another credential (`id` and `name`): what a user
 * changes to move a workflow from one API generation to the other.
 */
export function withCredential(workflow: Workflow, id: string, credential: { id: string; name: string }): Workflow {
	const copy = structuredClone(workflow);
	copy.id = id;
	for (const node of rongCloudNodes(copy)) node.credentials = { [CREDENTIAL_TYPE]: { ...credential } };
	return copy;
}

/**
 * A copy under a new id with Options → Dry Run off in every RongCloud node (the examples ship with
 * it on): the one change a user makes to send for real.
 */
export function withDryRunOff(workflow: Workflow, id: string): Workflow {
	const copy = structuredClone(workflow);
	copy.id = id;
	copy.name = `${String(workflow.name)} (Dry Run off)`;
	for (const node of rongCloudNodes(copy)) {
		node.parameters.options = { ...(node.parameters.options as Record<string, unknown> | undefined), dryRun: false };
	}
	return copy;
}

/** Webhook (POST /webhook/<path>) → Split Out of `body.messages`: one item per message of the call. */
function webhookSplitOut(path: string, responseMode: 'lastNode' | 'onReceived'): WorkflowNode[] {
	return [
		{
			id: randomUUID(),
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 0],
			webhookId: randomUUID(),
			parameters: { httpMethod: 'POST', path, responseMode, options: {} },
		},
		{
			id: randomUUID(),
			name: 'Split Out',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [220, 0],
			parameters: { fieldToSplitOut: 'body.messages', include: 'noOtherFields', options: {} },
		},
	];
}

/**
 * Webhook (POST /webhook/<path>, answers with the last node's output) → Split Out of
 * `body.messages` → RongCloud Broadcast sending each item's `text` to all users, Dry Run off and
 * the node's settings left at n8n's defaults (no Retry On Fail, no Continue On Fail). One call
 * with `{ messages: [{ text }, ...] }` becomes one item per message, without a Code node.
 */
export function webhookSplitBroadcastWorkflow(options: {
	id: string;
	path: string;
	/** The RongCloud node's Options beyond Dry Run off. */
	options?: Record<string, unknown>;
	responseMode?: 'lastNode' | 'onReceived';
	/** The RongCloud node's parameters other than its Options (default: each item's `text` to all users). */
	parameters?: Record<string, unknown>;
}): Workflow {
	return {
		id: options.id,
		name: `E2E: ${options.id}`,
		active: false,
		nodes: [
			...webhookSplitOut(options.path, options.responseMode ?? 'lastNode'),
			{
				id: randomUUID(),
				name: 'RongCloud Broadcast',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [440, 0],
				credentials: SANDBOX_CREDENTIAL_REF,
				parameters: {
					...(options.parameters ?? { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', contentMode: 'fields', text: '={{ $json.text }}' }),
					options: { ...options.options, dryRun: false },
				},
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: 'RongCloud Broadcast', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * What users build without this package, for the same broadcasts: Webhook → Split Out of
 * `body.messages` → a Code node that signs each item (Nonce, Timestamp and Signature with Node's
 * crypto, RongCloud's rule; n8n needs NODE_FUNCTION_ALLOW_BUILTIN=crypto) → the HTTP Request node
 * posting the form with the four headers. Same trigger, same items, same answers as
 * webhookSplitBroadcastWorkflow, so the two can be timed side by side.
 */
export function webhookSplitHttpRequestWorkflow(options: { id: string; path: string; url: string; appKey: string; appSecret: string }): Workflow {
	const sign = [
		"const crypto = require('crypto');",
		`const appSecret = ${JSON.stringify(options.appSecret)};`,
		'return $input.all().map((item) => {',
		"\tconst nonce = crypto.randomBytes(8).toString('hex');",
		'\tconst timestamp = String(Date.now());',
		"\tconst signature = crypto.createHash('sha1').update(appSecret + nonce + timestamp).digest('hex');",
		'\treturn { json: { ...item.json, nonce, timestamp, signature } };',
		'});',
	].join('\n');
	const field = (name: string, value: string) => ({ name, value });
	return {
		id: options.id,
		name: `E2E: ${options.id}`,
		active: false,
		nodes: [
			...webhookSplitOut(options.path, 'lastNode'),
			{ id: randomUUID(), name: 'Sign', type: 'n8n-nodes-base.code', typeVersion: 2, position: [440, 0], parameters: { jsCode: sign } },
			{
				id: randomUUID(),
				name: 'HTTP Request',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [660, 0],
				parameters: {
					method: 'POST',
					url: options.url,
					sendHeaders: true,
					headerParameters: {
						parameters: [
							field('App-Key', options.appKey),
							field('Nonce', '={{ $json.nonce }}'),
							field('Timestamp', '={{ $json.timestamp }}'),
							field('Signature', '={{ $json.signature }}'),
						],
					},
					sendBody: true,
					contentType: 'form-urlencoded',
					bodyParameters: {
						parameters: [
							field('fromUserId', 'system'),
							field('objectName', 'RC:TxtMsg'),
							field('content', '={{ JSON.stringify({ content: $json.text }) }}'),
						],
					},
					options: {},
				},
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
			'Split Out': { main: [[{ node: 'Sign', type: 'main', index: 0 }]] },
			Sign: { main: [[{ node: 'HTTP Request', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}
