import type { IDataObject, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ENDPOINTS } from '../shared/endpoints';
import { describeDryRun } from '../transport/dryRun';
import { rongCloudApiRequest } from '../transport/request';
import type { RongCloudRequest } from '../transport/types';
import { errorItem, executionStopped, notResent, notResentOnRetry } from './itemErrors';
import { repeatedKey, withWarnings } from './itemOutput';
import { paceRequest } from './pacing';
import { groupItems, partKey, requestsOf, type Batch, type Part } from './recipientGroups';
import { endRun, type DeliveredItem, type RunProgress } from './runProgress';
import type { ItemCall, Run } from './types';

/**
 * Listed-user sends: items that send the same message are combined into requests of at most the
 * endpoint's number of recipients (a longer list is split), each recipient once, paced to the
 * app's rate. The record keeps each recipient's fate under the item that first listed it, so no
 * retry sends a recipient twice; the output has one item per input item, naming its recipients'
 * requests and what RongCloud answered.
 */

/** What became of a recipient in this run. */
type Fate =
	| { kind: 'delivered'; messageUID?: string; requestId: string; sentTime?: number; executionId?: string; alreadyDelivered?: boolean; repeated?: { code: number; warning: string } }
	| { kind: 'failed'; error: NodeApiError | NodeOperationError };

/** The batch's request as the credential's generation takes it, its recipients in toUserId. */
function requestFor(run: Run, batch: Batch): RongCloudRequest {
	const { prepared, request } = batch.template;
	if (prepared.body.type !== 'form') throw new Error('A listed-user send is built as a form');
	const body = { type: 'form' as const, fields: { ...prepared.body.fields, toUserId: batch.parts.map(({ userId }) => userId) } };
	const wire = run.connection.generation.write(run.operation.endpoint, body);
	return { ...request, path: wire.path, body: wire.body };
}

export async function sendBatches(run: Run): Promise<INodeExecutionData[]> {
	const { ctx, operation, calls, connection, record, state, stopSignal } = run;
	const size = ENDPOINTS[operation.endpoint].maxRecipients ?? 1;
	const { groups, ownerOf } = groupItems(calls);
	const fates = new Map<string, Fate>();
	/** Dry Run: each request as it would leave, by number, and the request that would carry each recipient. */
	const dryRunRequests: IDataObject[] = [];
	const requestOfPart = new Map<string, number>();
	const batches: Batch[] = [];

	for (const group of groups) {
		if (group.template.dryRun) {
			for (const dryBatch of requestsOf(group, size)) {
				const { parts } = dryBatch;
				const request = requestFor(run, dryBatch);
				dryRunRequests.push({ request: dryRunRequests.length + 1, firstItem: parts[0].owner, recipients: parts.length, ...describeDryRun(connection.appKey, connection.endpoints, request) });
				for (const part of parts) requestOfPart.set(partKey(part.owner, part.userId), dryRunRequests.length - 1);
			}
			continue;
		}
		const toSend: Part[] = [];
		for (const part of group.parts) {
			const earlier = record.get(part.owner, part.userId);
			if (earlier?.outcome === 'delivered') {
				const json = earlier.json;
				fates.set(partKey(part.owner, part.userId), {
					kind: 'delivered',
					messageUID: typeof json.messageUID === 'string' ? json.messageUID : undefined,
					requestId: String(json.requestId ?? ''),
					...(record.isFromRetriedExecution(earlier) ? { executionId: earlier.executionId } : {}),
				});
			} else if (earlier?.outcome === 'mayHaveBeenDelivered' && !(group.template.sendAgainOnRetry && record.isFromRetriedExecution(earlier) && !(earlier.bySibling === true && earlier.inFlight === true))) {
				const error = record.isFromRetriedExecution(earlier)
					? notResentOnRetry(ctx, part.owner, earlier)
					: notResent(ctx, part.owner, earlier.reason, earlier.requestId);
				fates.set(partKey(part.owner, part.userId), { kind: 'failed', error });
				if (!state.notResent.some(({ itemIndex }) => itemIndex === part.owner)) state.notResent.push({ itemIndex: part.owner, error });
			} else {
				toSend.push(part);
			}
		}
		// Each request as on the first attempt, less its recipients already done: a request sent again keeps its key.
		const sending = new Set(toSend.map(({ owner, userId }) => partKey(owner, userId)));
		for (const batch of requestsOf(group, size)) {
			const parts = batch.parts.filter(({ owner, userId }) => sending.has(partKey(owner, userId)));
			if (parts.length) batches.push({ ...batch, parts });
		}
	}

	const progress = (failedIndex?: number): RunProgress => describeProgress(run, ownerOf, fates, failedIndex);
	const app = `${connection.endpoints.primary}|${connection.appKey}`;
	for (const batch of batches) {
		const first = batch.parts[0].owner;
		let answered: (() => void) | undefined;
		try {
			if (stopSignal?.aborted) throw new Error('stopped');
			answered = await paceRequest(app, batch.parts.length, batch.template.prepared.recipients?.perSecond ?? size, stopSignal);
		} catch {
			throw endRun(executionStopped(ctx, first), progress());
		}
		for (const { owner, userId } of batch.parts) {
			record.set(owner, { outcome: 'mayHaveBeenDelivered', reason: 'the attempt ended while the request was on its way', inFlight: true }, userId);
		}
		const sentTime = Date.now();
		try {
			const answer = await rongCloudApiRequest(ctx, connection, requestFor(run, batch), first).finally(answered);
			const messageUIDs = new Map((answer.recipients ?? []).map(({ userId, messageUID }) => [userId, messageUID]));
			for (const { owner, userId } of batch.parts) {
				const messageUID = messageUIDs.get(userId);
				const alreadyDelivered = answer.repeatedKeyWarning !== undefined;
				const json: IDataObject = { requestId: answer.requestId, sentTime, ...(messageUID ? { messageUID } : {}), ...(alreadyDelivered ? { alreadyDelivered } : {}) };
				record.set(owner, { outcome: 'delivered', json }, userId);
				fates.set(partKey(owner, userId), { kind: 'delivered', messageUID, requestId: answer.requestId, sentTime, ...(alreadyDelivered ? { alreadyDelivered, repeated: repeatedKey(answer) } : {}) });
			}
		} catch (error) {
			const nodeError = error instanceof NodeOperationError ? error : new NodeApiError(ctx.getNode(), error as JsonObject, { itemIndex: first });
			const requestId = typeof nodeError.context.requestId === 'string' ? nodeError.context.requestId : undefined;
			for (const { owner, userId } of batch.parts) {
				if (nodeError.context.mayHaveBeenDelivered === false) record.forget(owner, userId);
				else record.set(owner, { outcome: 'mayHaveBeenDelivered', reason: nodeError.message, requestId }, userId);
				fates.set(partKey(owner, userId), { kind: 'failed', error: nodeError });
			}
			if (!ctx.continueOnFail() || stopSignal?.aborted) throw endRun(nodeError, progress(first));
		}
	}
	const [held] = state.notResent;
	if (held && !ctx.continueOnFail()) throw endRun(held.error, progress(held.itemIndex));
	return calls.map((call, itemIndex) => {
		if (call instanceof Error) return errorItem(ctx, call, itemIndex);
		if (call.dryRun) {
			const owners = ownerOf.get(itemIndex) ?? new Map<string, number>();
			const numbers = new Set((call.prepared.recipients?.userIds ?? []).map((userId) => requestOfPart.get(partKey(owners.get(userId) ?? itemIndex, userId)) ?? -1));
			// A request is shown whole once, on the first item it carries; the other items name it by number.
			const requests = [...numbers].sort((a, b) => a - b).flatMap((index) => {
				const { firstItem, ...shown } = dryRunRequests[index] ?? {};
				if (index < 0) return [];
				return [firstItem === itemIndex ? shown : { request: shown.request, shownOnItem: firstItem }];
			});
			return { json: dryRunJson(call, requests), pairedItem: { item: itemIndex } };
		}
		return itemOutput(run, call, itemIndex, ownerOf.get(itemIndex) ?? new Map(), fates);
	});
}

function dryRunJson(call: ItemCall, requests: IDataObject[]): IDataObject {
	const toUserIds = call.prepared.recipients?.userIds ?? [];
	return withWarnings({ dryRun: true, toUserIds, requests, ...call.summary }, call.warnings);
}

function itemOutput(run: Run, call: ItemCall, itemIndex: number, owners: Map<string, number>, fates: Map<string, Fate>): INodeExecutionData {
	const toUserIds = call.prepared.recipients?.userIds ?? [];
	const mine = toUserIds.map((userId) => ({ userId, fate: fates.get(partKey(owners.get(userId) ?? itemIndex, userId)) }));
	const failed = mine.find(({ fate }) => fate?.kind === 'failed');
	if (failed?.fate?.kind === 'failed') {
		const deliveredTo = mine.filter(({ fate }) => fate?.kind === 'delivered').map(({ userId }) => userId);
		const delivered = new Set(deliveredTo);
		return errorItem(run.ctx, failed.fate.error, itemIndex, { toUserIds, deliveredTo, notDeliveredTo: toUserIds.filter((userId) => !delivered.has(userId)) });
	}
	const delivered = mine.flatMap(({ userId, fate }) => (fate?.kind === 'delivered' ? [{ userId, fate }] : []));
	const messageUIDs = delivered.flatMap(({ userId, fate }) => (fate.messageUID ? [{ userId, messageUID: fate.messageUID }] : []));
	const requestIds = [...new Set(delivered.map(({ fate }) => fate.requestId))];
	const sentTimes = delivered.flatMap(({ fate }) => (fate.sentTime === undefined ? [] : [fate.sentTime]));
	const json: IDataObject = { code: run.connection.generation.successCode, toUserIds, messageUIDs, requestIds };
	if (sentTimes.length) json.sentTime = Math.min(...sentTimes);
	Object.assign(json, call.summary);
	const byRetried = [...new Set(delivered.flatMap(({ fate }) => (fate.executionId ? [fate.executionId] : [])))];
	const warnings = [...call.warnings];
	if (byRetried.length) {
		json.deliveredByExecution = byRetried.join(', ');
		warnings.unshift(`Not sent again to ${delivered.filter(({ fate }) => fate.executionId).length} of these recipients: execution ${byRetried.join(', ')} delivered to them, and this is n8n's Retry of it.`);
	}
	if (delivered.some(({ fate }) => fate.alreadyDelivered)) json.alreadyDelivered = true;
	// As for one request per item: RongCloud's code of the repeat, and what it means, first.
	const repeats = delivered.flatMap(({ fate }) => (fate.repeated ? [fate.repeated] : []));
	if (repeats.length) {
		json.code = repeats[0].code;
		warnings.unshift(...new Set(repeats.map(({ warning }) => warning)));
	}
	const missing = delivered.length - messageUIDs.length;
	if (missing > 0 && !json.alreadyDelivered) {
		warnings.push(`RongCloud answered code ${run.connection.generation.successCode} without a message ID for ${missing} of these recipients, so their messages cannot be traced from the workflow.`);
	}
	return { json: withWarnings(json, warnings), pairedItem: { item: itemIndex } };
}

/** The words of a run that stops: each item's recipients delivered so far, the items never reached. */
function describeProgress(run: Run, ownerOf: Map<number, Map<string, number>>, fates: Map<string, Fate>, failedIndex?: number): RunProgress {
	const delivered: DeliveredItem[] = [];
	const notAttempted: number[] = [];
	run.calls.forEach((call, itemIndex) => {
		if (call instanceof Error || call.dryRun) return;
		const owners = ownerOf.get(itemIndex) ?? new Map<string, number>();
		const userIds = call.prepared.recipients?.userIds ?? [];
		const known = userIds.map((userId) => fates.get(partKey(owners.get(userId) ?? itemIndex, userId)));
		const count = known.filter((fate) => fate?.kind === 'delivered').length;
		const byRetried = known.some((fate) => fate?.kind === 'delivered' && fate.executionId !== undefined);
		if (count > 0) {
			const label = `${count === userIds.length ? 'all' : `${count} of`} ${userIds.length} recipient${userIds.length === 1 ? '' : 's'}`;
			delivered.push({ itemIndex, label, ...(byRetried ? { byRetriedExecution: true } : {}) });
		} else if (known.every((fate) => fate === undefined) && itemIndex !== failedIndex) {
			notAttempted.push(itemIndex);
		}
	});
	return {
		delivered,
		failedIndex,
		notAttempted,
		notResent: run.state.notResent.map(({ itemIndex }) => itemIndex),
		done: 'delivered',
		inSubWorkflow: run.state.inSubWorkflow,
	};
}
