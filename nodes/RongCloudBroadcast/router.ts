import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { resolveEndpoints, type Endpoints } from '../../credentials/common/rongcloud/regions';
import { operations } from './resources/broadcast';
import { DeliveryRecord } from './shared/deliveryRecord';
import { errorJson, missingResultWarning, notResent } from './shared/itemErrors';
import type { Operation, PreparedCall } from './shared/operation';
import { readCallOptions, readOptions } from './shared/options';
import { deliveredItem, describeRunProgress, isIdentifier, withRunProgress, type DeliveredItem } from './shared/runProgress';
import { asNodeError, InvalidParameterError } from './shared/validation';
import { describeDryRun } from './transport/dryRun';
import { CREDENTIAL_TYPE, sendToRongCloud, type RongCloudRequest } from './transport/request';

/** One item, checked and ready: the operation's call, as a request with the item's options. */
interface ItemCall {
	request: RongCloudRequest;
	dryRun: boolean;
	summary: PreparedCall['summary'];
}

/**
 * The node's execute(): every item is checked before the first byte leaves (a broadcast reaches
 * every user), then each item is sent, dry-run or answered from an earlier attempt of this run.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operationName = this.getNodeParameter('operation', 0) as string;
	// An own key only: a stored "toString" or "__proto__" must not reach Object.prototype.
	const operation = Object.hasOwn(operations, operationName) ? operations[operationName] : undefined;
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not supported`);
	}
	const calls = prepareAll(this, operation, items.length);
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	let endpoints: Endpoints;
	try {
		endpoints = resolveEndpoints(credentials);
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message, {
			description: 'Nothing was sent. Fix the RongCloud credential and run again.',
		});
	}

	const record = new DeliveryRecord(this, items);
	const delivered: DeliveredItem[] = [];
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const pairedItem = { item: itemIndex };
		const call = calls[itemIndex];
		if (call instanceof Error) {
			output.push({ json: errorJson(call), pairedItem });
			continue;
		}
		if (call.dryRun) {
			const json = { ...describeDryRun(String(credentials.appKey ?? ''), endpoints, call.request), ...call.summary };
			output.push({ json, pairedItem });
			continue;
		}
		const earlier = record.get(itemIndex);
		if (earlier?.outcome === 'delivered') {
			// A retry of this run: what RongCloud confirmed is not sent again.
			delivered.push(deliveredItem(itemIndex, earlier.json, operation.resultKeys));
			output.push({ json: { ...earlier.json }, pairedItem });
			continue;
		}
		try {
			if (earlier?.outcome === 'mayHaveBeenDelivered') throw notResent(this, itemIndex, earlier.reason, earlier.requestId);
			// Recorded before the request leaves: whatever ends this attempt, a retry will not re-send it.
			record.set(itemIndex, { outcome: 'mayHaveBeenDelivered', reason: 'the attempt ended while the request was on its way' });
			const sentTime = Date.now();
			const answer = await sendToRongCloud(this, endpoints, String(credentials.appSecret ?? ''), call.request, itemIndex);
			const json: IDataObject = { code: 200 };
			// Only a usable identifier is output: an object or array could carry anything the server put in it.
			for (const key of operation.resultKeys) {
				if (isIdentifier(answer.identifiers[key])) json[key] = answer.identifiers[key];
			}
			Object.assign(json, { requestId: answer.requestId, sentTime }, call.summary);
			if (answer.failedOver) json.servedByBackupDomain = answer.baseUrl;
			const missing = operation.resultKeys.filter((key) => !isIdentifier(answer.identifiers[key]));
			if (missing.length) json.warning = missingResultWarning(missing[0]);
			record.set(itemIndex, { outcome: 'delivered', json });
			delivered.push(deliveredItem(itemIndex, json, operation.resultKeys));
			output.push({ json, pairedItem });
		} catch (error) {
			// The transport already throws NodeApiError, which this constructor returns unchanged.
			const nodeError =
				error instanceof NodeOperationError ? error : new NodeApiError(this.getNode(), error as JsonObject, { itemIndex });
			if (nodeError.context.mayHaveBeenDelivered === false) {
				record.forget(itemIndex);
			} else if (earlier === undefined) {
				const requestId = typeof nodeError.context.requestId === 'string' ? nodeError.context.requestId : undefined;
				record.set(itemIndex, { outcome: 'mayHaveBeenDelivered', reason: nodeError.message, requestId });
			}
			if (!this.continueOnFail()) {
				const done = operationName === 'recall' ? 'recalled' : 'delivered';
				throw withRunProgress(nodeError, describeRunProgress(delivered, itemIndex, items.length, done));
			}
			output.push({ json: errorJson(nodeError), pairedItem });
		}
	}
	return [output];
}

/** Every item checked: its call, or (with Continue On Fail) the error that stops it. */
function prepareAll(ctx: IExecuteFunctions, operation: Operation, itemCount: number): Array<ItemCall | Error> {
	const calls: Array<ItemCall | Error> = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			const options = readOptions(ctx, itemIndex);
			const { path, body, summary } = operation.prepare(ctx, itemIndex, options);
			const { dryRun, timeout } = readCallOptions(options);
			calls.push({ request: { path, body, timeout }, dryRun, summary });
		} catch (error) {
			const nodeError = asNodeError(ctx, error, itemIndex);
			if (!ctx.continueOnFail()) throw nodeError;
			calls.push(nodeError);
		}
	}
	for (const [itemIndex, sharedKey] of keysSharedByDifferentMessages(calls)) {
		const nodeError = asNodeError(ctx, new InvalidParameterError('msgRandomUnique', 'options.msgRandom', sharedKey), itemIndex);
		if (!ctx.continueOnFail()) throw nodeError;
		calls[itemIndex] = nodeError;
	}
	return calls;
}

/**
 * Items of this run that give one Idempotency Key to different messages: RongCloud would deliver
 * the first and drop the others as repeats. Items that repeat one message under one key are the
 * key's purpose (RongCloud delivers it once) and are sent.
 */
function keysSharedByDifferentMessages(calls: Array<ItemCall | Error>): Array<[number, string]> {
	const byKey = new Map<string, Array<{ itemIndex: number; body: string }>>();
	calls.forEach((call, itemIndex) => {
		if (call instanceof Error || call.request.body.type !== 'form') return;
		const key = call.request.body.fields.msgRandom;
		if (key !== undefined) byKey.set(key, [...(byKey.get(key) ?? []), { itemIndex, body: JSON.stringify(call.request.body.fields) }]);
	});
	return [...byKey.entries()]
		.filter(([, sharing]) => new Set(sharing.map(({ body }) => body)).size > 1)
		.flatMap(([key, sharing]) => {
			const indexes = sharing.map(({ itemIndex }) => itemIndex);
			return indexes.map((itemIndex): [number, string] => [itemIndex, `items ${indexes.join(', ')} have ${key} for different messages`]);
		})
		.sort(([a], [b]) => a - b);
}
