import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { broadcastProperties, operations } from './resources/broadcast';
import { DeliveryRecord } from './shared/deliveryRecord';
import type { PreparedCall } from './shared/operation';
import { resolveEndpoints, type Endpoints } from '../../credentials/common/rongcloud/regions';
import { deliveredItem, describeRunProgress, isIdentifier, type DeliveredItem } from './shared/runProgress';
import { describeDryRun } from './transport/dryRun';
import { CREDENTIAL_TYPE, sendToRongCloud } from './transport/request';
import { asNodeError, InvalidParameterError } from './shared/validation';

export class RongCloudBroadcast implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RongCloud Broadcast',
		name: 'rongCloudBroadcast',
		icon: { light: 'file:rongcloud.svg', dark: 'file:rongcloud.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ { send: "Send to All Users", sendOnline: "Send to Online Users", recall: "Recall Broadcast", push: "Push Notification" }[$parameter["operation"]] }}',
		description: 'Send RongCloud IM broadcasts to all or online users, recall them, and push notifications',
		defaults: { name: 'RongCloud Broadcast' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: broadcastProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operationName = this.getNodeParameter('operation', 0) as string;
		// An own key only: a stored "toString" or "__proto__" must not reach Object.prototype.
		const operation = Object.hasOwn(operations, operationName) ? operations[operationName] : undefined;
		if (!operation) {
			throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not supported`);
		}

		// Every item is checked before the first byte leaves: a broadcast reaches every user.
		const prepared: Array<PreparedCall | Error> = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				prepared.push(operation.prepare(this, itemIndex));
			} catch (error) {
				const nodeError = asNodeError(this, error, itemIndex);
				if (!this.continueOnFail()) throw nodeError;
				prepared.push(nodeError);
			}
		}
		for (const [itemIndex, sharedKey] of sharedIdempotencyKeys(prepared)) {
			const nodeError = asNodeError(this, new InvalidParameterError('msgRandomUnique', 'options.msgRandom', sharedKey), itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			prepared[itemIndex] = nodeError;
		}

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
			const call = prepared[itemIndex];
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
				const answer = await sendToRongCloud(this, endpoints, call.request, itemIndex);
				const json: IDataObject = { code: answer.body.code as number };
				for (const key of operation.resultKeys) {
					if (answer.body[key] !== undefined) json[key] = answer.body[key];
				}
				Object.assign(json, { requestId: answer.requestId, sentTime }, call.summary);
				if (answer.failedOver) json.servedByBackupDomain = answer.baseUrl;
				const missing = operation.resultKeys.filter((key) => !isIdentifier(answer.body[key]));
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
					throw withRunProgress(nodeError, describeRunProgress(delivered, itemIndex, items.length, operationName === 'recall' ? 'recalled' : 'delivered'));
				}
				output.push({ json: errorJson(nodeError), pairedItem });
			}
		}
		return [output];
	}
}

/**
 * Items of this run that give the same Idempotency Key to different calls, with a note naming the
 * others: RongCloud would deliver only the first of them and drop the rest as repeats.
 */
function sharedIdempotencyKeys(prepared: Array<PreparedCall | Error>): Array<[number, string]> {
	const byKey = new Map<string, number[]>();
	prepared.forEach((call, itemIndex) => {
		const key = call instanceof Error || call.request.body.type !== 'form' ? undefined : call.request.body.fields.msgRandom;
		if (key !== undefined) byKey.set(key, [...(byKey.get(key) ?? []), itemIndex]);
	});
	return [...byKey.entries()]
		.filter(([, indexes]) => indexes.length > 1)
		.flatMap(([key, indexes]) => indexes.map((itemIndex): [number, string] => [itemIndex, `items ${indexes.join(', ')} all have ${key}`]))
		.sort(([a], [b]) => a - b);
}

/** Retry On Fail ran the node again, but this item's earlier request may have been delivered. */
function notResent(ctx: IExecuteFunctions, itemIndex: number, reason: string, requestId?: string): NodeOperationError {
	const error = new NodeOperationError(
		ctx.getNode(),
		`Not re-sent: the earlier attempt of item ${itemIndex} may have been delivered, so this retry did not send it again.`,
		{
			itemIndex,
			description: `n8n's Retry On Fail ran the node again after: "${reason}" That request may have reached RongCloud, and sending it again could deliver the message twice to every user. ${
				requestId ? `Check in your app whether it arrived (RongCloud support can trace request ID ${requestId}) ` : 'Check in your app whether it arrived '
			}and send it again yourself only if it did not.`,
		},
	);
	error.context.mayHaveBeenDelivered = true;
	error.context.notResent = true;
	if (requestId) error.context.requestId = requestId;
	return error;
}

/** The error that stops the run, told what the run had already delivered and what it never tried. */
function withRunProgress<T extends NodeApiError | NodeOperationError>(error: T, progress: ReturnType<typeof describeRunProgress>): T {
	error.message = `${error.message}${progress.messageSuffix}`;
	error.description = progress.description(error.description ?? '');
	Object.assign(error.context, progress.context);
	return error;
}

function missingResultWarning(key: string): string {
	return key === 'id'
		? 'RongCloud answered code 200 without a usable push id, so this push cannot be traced or recalled from the workflow.'
		: `RongCloud answered code 200 without a usable ${key}, so this broadcast cannot be recalled from the workflow.`;
}

/** The output item of a failed item under "Continue On Fail": the words, the code, no request data. */
function errorJson(error: Error): IDataObject {
	const details = error as Error & { description?: string | null; httpCode?: string | null; context?: IDataObject };
	const context = details.context ?? {};
	const json: IDataObject = { error: error.message };
	if (details.description) json.description = details.description;
	if (typeof context.rongCloudCode === 'number') json.code = context.rongCloudCode;
	if (details.httpCode) json.httpCode = Number(details.httpCode);
	if (typeof context.requestId === 'string') json.requestId = context.requestId;
	if (typeof context.mayHaveBeenDelivered === 'boolean') json.mayHaveBeenDelivered = context.mayHaveBeenDelivered;
	if (context.notResent === true) json.notResent = true;
	return json;
}
