import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { resolveEndpoints } from '../../credentials/common/rongcloud/regions';
import { operations } from './resources/message';
import { DeliveryRecord } from './run/deliveryRecord';
import { isToolCall } from './run/itemOutcome';
import { errorJson } from './run/itemErrors';
import { deliveredSoFar } from './run/recipientProgress';
import { doneBy, endRun } from './run/runProgress';
import { sendBatches } from './run/sendBatches';
import { sendEach } from './run/sendEach';
import type { ItemCall, Run, RunState } from './run/types';
import { ENDPOINTS } from './shared/endpoints';
import type { Operation, PreparedCall } from './shared/operation';
import { readCallOptions, readOptions } from './shared/options';
import { asNodeError, InvalidParameterError, type ErrorPlace } from './shared/validation';
import { generationOf } from './transport/generations';
import { CREDENTIAL_TYPE } from './transport/request';
import type { Connection, RongCloudRequest } from './transport/types';

/** One item, checked: the operation's call in v1's shape, with the item's options. */
interface PreparedItem {
	prepared: PreparedCall;
	timeout: number;
	dryRun: boolean;
	sendAgainOnRetry: boolean;
}

/**
 * The node's execute(): every item is checked before the first byte leaves (a broadcast reaches
 * every user), then sent one request per item, or, for calls that take a list of recipients, in
 * shared requests (run/sendEach.ts, run/sendBatches.ts).
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operationName = this.getNodeParameter('operation', 0) as string;
	// An own key only: a stored "toString" or "__proto__" must not reach Object.prototype.
	const operation = Object.hasOwn(operations, operationName) ? operations[operationName] : undefined;
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not supported`);
	}
	const record = await DeliveryRecord.open(this, items);
	const state: RunState = { inSubWorkflow: this.getMode() === 'integrated', delivered: [], notResent: [] };
	try {
		return [await sendAll(this, operation, items, record, state)];
	} catch (error) {
		const told = withEarlierDeliveries(this, error, record, operation, state);
		// An AI Agent's older tool path hands the model an empty observation for a tool that throws:
		// as a tool, the node answers in words the model reads (n8n 2.x's engine path shows them too).
		if (isToolCall(this)) return [[{ json: errorJson(told), pairedItem: { item: 0 } }]];
		throw told;
	}
}

/** The error that ends the run; whatever stopped this attempt before its items (the credential, a check), earlier attempts' deliveries stand. */
function withEarlierDeliveries(ctx: IExecuteFunctions, error: unknown, record: DeliveryRecord, operation: Operation, state: RunState): NodeApiError | NodeOperationError {
	const nodeError = error instanceof NodeApiError || error instanceof NodeOperationError ? error : new NodeOperationError(ctx.getNode(), error as Error);
	if (nodeError.context.runProgress === true) return nodeError;
	const delivered = deliveredSoFar(record, operation);
	if (delivered.length === 0) return nodeError;
	return endRun(nodeError, { delivered, notAttempted: [], notResent: [], done: doneBy(operation), inSubWorkflow: state.inSubWorkflow });
}

async function sendAll(
	ctx: IExecuteFunctions,
	operation: Operation,
	items: INodeExecutionData[],
	record: DeliveryRecord,
	state: RunState,
): Promise<INodeExecutionData[]> {
	const prepared = prepareAll(ctx, operation, items.length);
	const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
	let connection: Connection;
	try {
		connection = {
			endpoints: resolveEndpoints(credentials),
			generation: generationOf(credentials),
			appKey: String(credentials.appKey ?? ''),
			appSecret: String(credentials.appSecret ?? ''),
		};
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, {
			description: 'Nothing was sent. Fix the RongCloud credential and run again.',
		});
	}
	const hostWarning = connection.generation.hostWarning?.(String(credentials.region ?? 'china'));
	const calls = writeAll(ctx, operation, prepared, connection, hostWarning === undefined ? [] : [hostWarning]);
	const run: Run = { ctx, operation, items, calls, connection, record, state, stopSignal: ctx.getExecutionCancelSignal?.() };
	return ENDPOINTS[operation.endpoint].maxRecipients === undefined ? await sendEach(run) : await sendBatches(run);
}

/** Every item checked: its call in v1's shape, or (with Continue On Fail) the error that stops it. */
function prepareAll(ctx: IExecuteFunctions, operation: Operation, itemCount: number): Array<PreparedItem | Error> {
	const calls: Array<PreparedItem | Error> = [];
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			const options = readOptions(ctx, itemIndex);
			const prepared = operation.prepare(ctx, itemIndex, options);
			calls.push({ prepared, ...readCallOptions(options) });
		} catch (error) {
			const nodeError = asNodeError(ctx, error, itemIndex, placeOf(operation));
			if (!ctx.continueOnFail()) throw nodeError;
			calls.push(nodeError);
		}
	}
	for (const [itemIndex, sharedKey] of keysSharedByDifferentMessages(calls)) {
		const nodeError = asNodeError(ctx, new InvalidParameterError('msgRandomUnique', 'options.msgRandom', sharedKey), itemIndex, placeOf(operation));
		if (!ctx.continueOnFail()) throw nodeError;
		calls[itemIndex] = nodeError;
	}
	return calls;
}

/**
 * Every checked call written for the credential's API generation, still before anything leaves:
 * a field the generation lacks stops its item like any other rule.
 */
function writeAll(
	ctx: IExecuteFunctions,
	operation: Operation,
	prepared: Array<PreparedItem | Error>,
	connection: Connection,
	runWarnings: string[],
): Array<ItemCall | Error> {
	const { rateLimitAdvice } = ENDPOINTS[operation.endpoint];
	return prepared.map((item, itemIndex) => {
		if (item instanceof Error) return item;
		const { prepared: call, timeout, dryRun, sendAgainOnRetry } = item;
		try {
			const wire = connection.generation.write(operation.endpoint, call.body);
			const key = call.body.type === 'form' ? call.body.fields.msgRandom : undefined;
			const request: RongCloudRequest = {
				path: wire.path,
				body: wire.body,
				timeout,
				refusalAdvice: call.refusalAdvice,
				rateLimitAdvice,
				...(typeof key === 'string' ? { idempotencyKey: key } : {}),
			};
			const expectedResults = call.expectedResults ?? Object.keys(operation.results);
			return { prepared: call, request, dryRun, sendAgainOnRetry, summary: call.summary, expectedResults, warnings: [...(call.warnings ?? []), ...wire.warnings, ...runWarnings] };
		} catch (error) {
			const nodeError = asNodeError(ctx, error, itemIndex, placeOf(operation));
			if (!ctx.continueOnFail()) throw nodeError;
			return nodeError;
		}
	});
}

/**
 * Items of this run that give one Idempotency Key to different messages: RongCloud would deliver
 * the first and drop the others as repeats. Items that repeat one message under one key are the
 * key's purpose (RongCloud delivers it once) and are sent.
 */
function keysSharedByDifferentMessages(calls: Array<PreparedItem | Error>): Array<[number, string]> {
	const byKey = new Map<string, Array<{ itemIndex: number; body: string }>>();
	calls.forEach((call, itemIndex) => {
		if (call instanceof Error || call.prepared.body.type !== 'form') return;
		const key = call.prepared.body.fields.msgRandom;
		if (typeof key !== 'string') return;
		const sharing = byKey.get(key) ?? [];
		// Pushed, not copied: thousands of items may share one key, and the check must stay linear.
		sharing.push({ itemIndex, body: JSON.stringify(call.prepared.body.fields) });
		byKey.set(key, sharing);
	});
	return [...byKey.entries()]
		.filter(([, sharing]) => new Set(sharing.map(({ body }) => body)).size > 1)
		.flatMap(([key, sharing]) => {
			const indexes = sharing.map(({ itemIndex }) => itemIndex);
			const words = `items ${indexes.join(', ')} have ${key} for different messages`;
			return indexes.map((itemIndex): [number, string] => [itemIndex, words]);
		})
		.sort(([a], [b]) => a - b);
}

/** Where an item's error is: the operation by its name, and its inputs, by which the field is labelled. */
function placeOf(operation: Operation): ErrorPlace {
	return { name: operation.option.name, properties: operation.properties };
}
