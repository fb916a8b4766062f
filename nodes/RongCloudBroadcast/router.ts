import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { resolveEndpoints, type Endpoints } from '../../credentials/common/rongcloud/regions';
import { operations } from './resources/broadcast';
import { DeliveryRecord } from './run/deliveryRecord';
import { errorJson, executionStopped, notResent, notResentOnRetry } from './run/itemErrors';
import type { Operation, PreparedCall } from './shared/operation';
import { readCallOptions, readOptions } from './shared/options';
import {
	deliveredItem,
	describeRunProgress,
	isIdentifier,
	itemsAfter,
	withRunProgress,
	type DeliveredItem,
	type RunProgress,
} from './run/runProgress';
import { asNodeError, InvalidParameterError } from './shared/validation';
import { describeDryRun } from './transport/dryRun';
import { CREDENTIAL_TYPE, sendToRongCloud, type RongCloudRequest } from './transport/request';

/** One item, checked and ready: the operation's call, as a request with the item's options. */
interface ItemCall {
	request: RongCloudRequest;
	dryRun: boolean;
	sendAgainOnRetry: boolean;
	summary: PreparedCall['summary'];
	expectedResults: string[];
	warnings: string[];
}

/**
 * The node's execute(): every item is checked before the first byte leaves (a broadcast reaches
 * every user), then each item is sent, dry-run or answered from an earlier attempt: a try of this
 * execution (Retry On Fail) or the execution this one retries (n8n's Retry).
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operationName = this.getNodeParameter('operation', 0) as string;
	// An own key only: a stored "toString" or "__proto__" must not reach Object.prototype.
	const operation = Object.hasOwn(operations, operationName) ? operations[operationName] : undefined;
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not supported`);
	}
	const record = new DeliveryRecord(this, items);
	const run: RunState = { inSubWorkflow: this.getMode() === 'integrated', delivered: [], notResent: [] };
	try {
		return [await sendAll(this, operation, items, record, run)];
	} catch (error) {
		const nodeError =
			error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error);
		if (nodeError.context.runProgress === true) throw nodeError;
		// Whatever stopped this attempt before its items (the credential, a check), earlier attempts' deliveries stand.
		const delivered = record.delivered().map(({ itemIndex, json }) => deliveredItem(itemIndex, json, operation.namedBy));
		if (delivered.length === 0) throw nodeError;
		throw stop(nodeError, { delivered, notAttempted: [], notResent: [], done: operation.done, inSubWorkflow: run.inSubWorkflow });
	}
}

interface RunState {
	inSubWorkflow: boolean;
	delivered: DeliveredItem[];
	/** Items not sent again, with the error that says why, held until the other items are done. */
	notResent: Array<{ itemIndex: number; error: NodeOperationError }>;
}

async function sendAll(
	ctx: IExecuteFunctions,
	operation: Operation,
	items: INodeExecutionData[],
	record: DeliveryRecord,
	run: RunState,
): Promise<INodeExecutionData[]> {
	const calls = prepareAll(ctx, operation, items.length);
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	let endpoints: Endpoints;
	try {
		endpoints = resolveEndpoints(credentials);
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, {
			description: 'Nothing was sent. Fix the RongCloud credential and run again.',
		});
	}
	const stopSignal = ctx.getExecutionCancelSignal?.();
	const progress = (failedIndex: number | undefined, notAttempted: number[]): RunProgress => ({
		delivered: run.delivered,
		failedIndex,
		notAttempted,
		notResent: run.notResent.map(({ itemIndex }) => itemIndex),
		done: operation.done,
		inSubWorkflow: run.inSubWorkflow,
	});

	// n8n's Stop before item `from`: what earlier attempts and this one did with each item, and what was never sent.
	const stoppedProgress = (from: number): RunProgress => {
		const later = Array.from({ length: items.length - from }, (_, offset) => from + offset);
		const fate = (itemIndex: number) => record.get(itemIndex)?.outcome;
		return {
			...progress(undefined, later.filter((itemIndex) => fate(itemIndex) === undefined)),
			delivered: record.delivered().map(({ itemIndex, json }) => deliveredItem(itemIndex, json, operation.namedBy)),
			notResent: [...run.notResent.map(({ itemIndex }) => itemIndex), ...later.filter((itemIndex) => fate(itemIndex) === 'mayHaveBeenDelivered')],
		};
	};

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const pairedItem = { item: itemIndex };
		const call = calls[itemIndex];
		if (call instanceof Error) {
			output.push({ json: errorJson(call), pairedItem });
			continue;
		}
		if (call.dryRun) {
			const json = withWarnings({ ...describeDryRun(String(credentials.appKey ?? ''), endpoints, call.request), ...call.summary }, call.warnings);
			output.push({ json, pairedItem });
			continue;
		}
		if (stopSignal?.aborted) throw stop(executionStopped(ctx, itemIndex), stoppedProgress(itemIndex));
		const earlier = record.get(itemIndex);
		if (earlier?.outcome === 'delivered') {
			const json = record.outputOf(earlier);
			run.delivered.push(deliveredItem(itemIndex, json, operation.namedBy));
			output.push({ json, pairedItem });
			continue;
		}
		if (earlier?.outcome === 'mayHaveBeenDelivered' && !(call.sendAgainOnRetry && record.isFromRetriedExecution(earlier))) {
			const error = record.isFromRetriedExecution(earlier)
				? notResentOnRetry(ctx, itemIndex, earlier)
				: notResent(ctx, itemIndex, earlier.reason, earlier.requestId);
			// The other items are still sent: this one's doubt is no reason to hold back those never sent.
			if (ctx.continueOnFail()) output.push({ json: errorJson(error), pairedItem });
			else run.notResent.push({ itemIndex, error });
			continue;
		}
		try {
			// Recorded before the request leaves: whatever ends this attempt, a retry will not re-send it.
			record.set(itemIndex, { outcome: 'mayHaveBeenDelivered', reason: 'the attempt ended while the request was on its way' });
			const json = withWarnings(await sendItem(ctx, operation, endpoints, String(credentials.appSecret ?? ''), call, itemIndex), call.warnings);
			record.set(itemIndex, { outcome: 'delivered', json });
			run.delivered.push(deliveredItem(itemIndex, json, operation.namedBy));
			output.push({ json, pairedItem });
		} catch (error) {
			// The transport already throws NodeApiError, which this constructor returns unchanged.
			const nodeError =
				error instanceof NodeOperationError ? error : new NodeApiError(ctx.getNode(), error as JsonObject, { itemIndex });
			if (nodeError.context.mayHaveBeenDelivered === false) {
				record.forget(itemIndex);
			} else {
				const requestId = typeof nodeError.context.requestId === 'string' ? nodeError.context.requestId : undefined;
				record.set(itemIndex, { outcome: 'mayHaveBeenDelivered', reason: nodeError.message, requestId });
			}
			if (!ctx.continueOnFail() || stopSignal?.aborted) {
				throw stop(nodeError, progress(itemIndex, itemsAfter(itemIndex, items.length)));
			}
			output.push({ json: errorJson(nodeError), pairedItem });
		}
	}
	const [first] = run.notResent;
	if (first) throw stop(first.error, progress(first.itemIndex, []));
	return output;
}

/** One item sent: its output item, from RongCloud's answer. */
async function sendItem(
	ctx: IExecuteFunctions,
	operation: Operation,
	endpoints: Endpoints,
	appSecret: string,
	call: ItemCall,
	itemIndex: number,
): Promise<IDataObject> {
	const sentTime = Date.now();
	const answer = await sendToRongCloud(ctx, endpoints, appSecret, call.request, itemIndex);
	if (answer.repeatedKeyWarning !== undefined) {
		// RongCloud kept an earlier request with this Idempotency Key: delivered, once, by that one.
		const code = typeof answer.body.code === 'number' ? answer.body.code : Number(answer.body.code);
		return { code, alreadyDelivered: true, requestId: answer.requestId, sentTime, ...call.summary, warning: answer.repeatedKeyWarning };
	}
	const json: IDataObject = { code: 200 };
	// Only a usable identifier is output: an object or array could carry anything the server put in it.
	for (const key of operation.resultKeys) {
		if (isIdentifier(answer.identifiers[key])) json[key] = answer.identifiers[key];
	}
	Object.assign(json, { requestId: answer.requestId, sentTime }, call.summary);
	if (answer.failedOver) json.servedByBackupDomain = answer.baseUrl;
	const missing = call.expectedResults.filter((key) => !isIdentifier(answer.identifiers[key]));
	if (missing.length) json.warning = operation.missingResultWarning(missing[0]);
	return json;
}

/** The item's own warnings (what RongCloud's sources disagree on), after any warning of the answer. */
function withWarnings(json: IDataObject, warnings: string[]): IDataObject {
	if (warnings.length) json.warning = [json.warning, ...warnings].filter((text) => typeof text === 'string' && text !== '').join(' ');
	return json;
}

/** The error that ends the run, with what the run did; marked so that route() adds nothing. */
function stop<T extends NodeApiError | NodeOperationError>(error: T, progress: RunProgress): T {
	const told = withRunProgress(error, describeRunProgress(progress));
	told.context.runProgress = true;
	return told;
}

/** Every item checked: its call, or (with Continue On Fail) the error that stops it. */
function prepareAll(ctx: IExecuteFunctions, operation: Operation, itemCount: number): Array<ItemCall | Error> {
	const calls: Array<ItemCall | Error> = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			const options = readOptions(ctx, itemIndex);
			const { path, body, summary, expectedResults = operation.resultKeys, refusalAdvice, warnings = [] } = operation.prepare(ctx, itemIndex, options);
			const { dryRun, timeout, sendAgainOnRetry } = readCallOptions(options);
			calls.push({ request: { path, body, timeout, refusalAdvice, codeAdvice: operation.codeAdvice }, dryRun, sendAgainOnRetry, summary, expectedResults, warnings });
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
		if (typeof key === 'string') byKey.set(key, [...(byKey.get(key) ?? []), { itemIndex, body: JSON.stringify(call.request.body.fields) }]);
	});
	return [...byKey.entries()]
		.filter(([, sharing]) => new Set(sharing.map(({ body }) => body)).size > 1)
		.flatMap(([key, sharing]) => {
			const indexes = sharing.map(({ itemIndex }) => itemIndex);
			return indexes.map((itemIndex): [number, string] => [itemIndex, `items ${indexes.join(', ')} have ${key} for different messages`]);
		})
		.sort(([a], [b]) => a - b);
}
