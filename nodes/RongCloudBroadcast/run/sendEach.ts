import type { INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { describeDryRun } from '../transport/dryRun';
import { rongCloudApiRequest } from '../transport/request';
import { requestFingerprint, sentBySiblingNow } from './itemOutcome';
import { errorItem, executionStopped, notResent, notResentOnRetry } from './itemErrors';
import { successJson, withWarnings } from './itemOutput';
import { siblingWaitLimit, whileSiblingSends } from './siblingWait';
import { deliveredItem, doneBy, endRun, itemsAfter, type RunProgress } from './runProgress';
import type { Run } from './types';

/**
 * One request per item, in item order: each is sent, shown (Dry Run), or answered from an earlier
 * attempt: a try of this execution (Retry On Fail) or the execution this one retries (n8n's Retry).
 */
export async function sendEach(run: Run): Promise<INodeExecutionData[]> {
	const { ctx, operation, items, calls, connection, record, state, stopSignal } = run;
	const done = doneBy(operation);
	const progress = (failedIndex: number | undefined, notAttempted: number[]): RunProgress => ({
		delivered: state.delivered,
		failedIndex,
		notAttempted,
		notResent: state.notResent.map(({ itemIndex }) => itemIndex),
		done,
		inSubWorkflow: state.inSubWorkflow,
	});

	// n8n's Stop before item `from`: what earlier attempts and this one did with each item, and what was never sent.
	const stoppedProgress = (from: number): RunProgress => {
		const later = Array.from({ length: items.length - from }, (_, offset) => from + offset);
		const fate = (itemIndex: number) => record.get(itemIndex)?.outcome;
		return {
			...progress(undefined, later.filter((itemIndex) => fate(itemIndex) === undefined)),
			delivered: record.delivered().map(({ itemIndex, json }) => deliveredItem(itemIndex, json, operation)),
			notResent: [...state.notResent.map(({ itemIndex }) => itemIndex), ...later.filter((itemIndex) => fate(itemIndex) === 'mayHaveBeenDelivered')],
		};
	};

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const pairedItem = { item: itemIndex };
		const call = calls[itemIndex];
		if (call instanceof Error) {
			output.push(errorItem(ctx, call, itemIndex));
			continue;
		}
		if (call.dryRun) {
			const json = withWarnings({ ...describeDryRun(connection.appKey, connection.endpoints, call.request), ...call.summary }, call.warnings);
			output.push({ json, pairedItem });
			continue;
		}
		if (stopSignal?.aborted) throw endRun(executionStopped(ctx, itemIndex), stoppedProgress(itemIndex));
		const fingerprint = record.matchesByContent ? requestFingerprint(call.request) : undefined;
		let earlier = record.get(itemIndex, undefined, fingerprint);
		if (sentBySiblingNow(earlier)) {
			try {
				await whileSiblingSends(() => sentBySiblingNow(record.get(itemIndex, undefined, fingerprint)), siblingWaitLimit(call.request.timeout), stopSignal);
			} catch {
				throw endRun(executionStopped(ctx, itemIndex), stoppedProgress(itemIndex));
			}
			earlier = record.get(itemIndex, undefined, fingerprint);
		}
		if (earlier?.outcome === 'delivered') {
			const json = record.outputOf(earlier);
			state.delivered.push(deliveredItem(itemIndex, json, operation));
			output.push({ json, pairedItem });
			continue;
		}
		if (earlier?.outcome === 'mayHaveBeenDelivered' && !record.mayBeSentAgain(earlier, call.sendAgainOnRetry)) {
			const error = record.isFromRetriedExecution(earlier)
				? notResentOnRetry(ctx, itemIndex, earlier)
				: notResent(ctx, itemIndex, earlier.reason, earlier.requestId);
			// The other items are still sent: this one's doubt is no reason to hold back those never sent.
			if (ctx.continueOnFail()) output.push(errorItem(ctx, error, itemIndex));
			else state.notResent.push({ itemIndex, error });
			continue;
		}
		try {
			// Recorded before the request leaves: whatever ends this attempt, a retry will not re-send it.
			record.set(itemIndex, { outcome: 'mayHaveBeenDelivered', reason: 'the attempt ended while the request was on its way', inFlight: true, fingerprint });
			const sentTime = Date.now();
			const answer = await rongCloudApiRequest(ctx, connection, call.request, itemIndex);
			const json = successJson(operation, connection, call, answer, sentTime);
			record.set(itemIndex, { outcome: 'delivered', json, fingerprint });
			state.delivered.push(deliveredItem(itemIndex, json, operation));
			output.push({ json, pairedItem });
		} catch (error) {
			// The transport already throws NodeApiError, which this constructor returns unchanged.
			const nodeError =
				error instanceof NodeOperationError ? error : new NodeApiError(ctx.getNode(), error as JsonObject, { itemIndex });
			if (nodeError.context.mayHaveBeenDelivered === false) {
				record.forget(itemIndex);
			} else {
				const requestId = typeof nodeError.context.requestId === 'string' ? nodeError.context.requestId : undefined;
				record.set(itemIndex, { outcome: 'mayHaveBeenDelivered', reason: nodeError.message, requestId, fingerprint });
			}
			if (!ctx.continueOnFail() || stopSignal?.aborted) {
				throw endRun(nodeError, progress(itemIndex, itemsAfter(itemIndex, items.length)));
			}
			output.push(errorItem(ctx, nodeError, itemIndex));
		}
	}
	const [first] = state.notResent;
	if (first) throw endRun(first.error, progress(first.itemIndex, []));
	return output;
}
