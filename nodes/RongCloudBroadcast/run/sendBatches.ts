import type { IDataObject, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ENDPOINTS } from '../shared/endpoints';
import { describeDryRun } from '../transport/dryRun';
import { rongCloudApiRequest } from '../transport/request';
import { errorItem, executionStopped } from './itemErrors';
import { withWarnings } from './itemOutput';
import { paceRequest } from './pacing';
import { claim, recordAnswer, recordFailure, requestFor, settleSiblings, unclaimed, type Fate } from './recipientClaims';
import { groupItems, partKey, requestsOf, type Batch, type Part } from './recipientGroups';
import { describeProgress } from './recipientProgress';
import { endRun, type RunProgress } from './runProgress';
import type { ItemCall, Run } from './types';

/**
 * Listed-user sends: items that send the same message are combined into requests of at most the
 * endpoint's number of recipients (a longer list is split), each recipient once, paced to the
 * app's rate. The record keeps each recipient's fate under the item that first listed it, so no
 * retry sends a recipient twice; the output has one item per input item, naming its recipients'
 * requests and what RongCloud answered.
 */

export async function sendBatches(run: Run): Promise<INodeExecutionData[]> {
	const { ctx, operation, calls, connection, state, stopSignal } = run;
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
		// Each request as on the first attempt, less its recipients already done: a request sent again keeps its key.
		for (const batch of requestsOf(group, size)) {
			const parts = unclaimed(run, batch, fates, true);
			if (parts.length) batches.push({ ...batch, parts });
		}
	}

	let next = 0;
	const progress = (failedIndex?: number, failed?: Part[]): RunProgress => {
		// The recipients still to go, read once more: another Retry of the same execution may be
		// sending them, or have delivered them, while this one waited; they were never "not attempted".
		for (const { template, parts } of batches.slice(next)) {
			unclaimed(run, { template, parts: parts.filter((part) => !fates.has(partKey(part.owner, part.userId))) }, fates);
		}
		return describeProgress(run, ownerOf, fates, failedIndex, failed);
	};
	const app = `${connection.endpoints.primary}|${connection.appKey}`;
	// Batches are appended to while this runs: recipients another Retry began sending meanwhile come back at the end.
	for (; next < batches.length; next++) {
		const planned = batches[next];
		let answered: (() => void) | undefined;
		let pending: Part[] = [];
		try {
			if (stopSignal?.aborted) throw new Error('stopped');
			const settled = await settleSiblings(run, planned);
			// Another Retry of the same execution may have sent some of these while this one went on,
			// or begun sending some since the last look: those are deferred again, unless the wait ran out.
			pending = unclaimed(run, planned, fates, settled);
			if (pending.length === 0) continue;
			answered = await paceRequest(app, pending.length, planned.template.prepared.recipients?.perSecond ?? size, stopSignal);
		} catch {
			throw endRun(executionStopped(ctx, (pending[0] ?? planned.parts[0]).owner), progress());
		}
		const { parts, deferred } = claim(run, { template: planned.template, parts: pending }, fates);
		if (deferred.length) batches.push({ template: planned.template, parts: deferred });
		const batch = { template: planned.template, parts };
		if (batch.parts.length === 0) {
			answered();
			continue;
		}
		const first = batch.parts[0].owner;
		const sentTime = Date.now();
		try {
			const answer = await rongCloudApiRequest(ctx, connection, requestFor(run, batch), first).finally(answered);
			recordAnswer(run, batch, answer, sentTime, fates);
		} catch (error) {
			const nodeError = error instanceof NodeOperationError ? error : new NodeApiError(ctx.getNode(), error as JsonObject, { itemIndex: first });
			recordFailure(run, batch, nodeError, fates);
			if (!ctx.continueOnFail() || stopSignal?.aborted) throw endRun(nodeError, progress(first, batch.parts));
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
	// A loop, not Math.min(...): an item may list 100,000 recipients, near the limit of a spread call.
	if (sentTimes.length) json.sentTime = sentTimes.reduce((earliest, time) => Math.min(earliest, time));
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
