import type { IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { rongCloudApiRequest } from '../transport/request';
import type { RongCloudRequest } from '../transport/types';
import { notResent, notResentOnRetry } from './itemErrors';
import { requestFingerprint, sentBySiblingNow, type ItemOutcome } from './itemOutcome';
import { repeatedKey } from './itemOutput';
import { partKey, type Batch, type Part } from './recipientGroups';
import { siblingWaitLimit, whileSiblingSends } from './siblingWait';
import type { ItemCall, Run } from './types';

/**
 * A listed-user send's record, recipient by recipient: what an earlier attempt (a try of this
 * execution, the execution this one retries, or another Retry of it running in this n8n process)
 * did with each one, and the claim a request makes on its recipients just before it leaves.
 */

/** What became of a recipient in this run. */
export type Fate =
	| { kind: 'delivered'; messageUID?: string; requestId: string; sentTime?: number; executionId?: string; alreadyDelivered?: boolean; repeated?: { code: number; warning: string } }
	| { kind: 'failed'; error: NodeApiError | NodeOperationError };

/** The batch's request as the credential's generation takes it, its recipients in toUserId. */
export function requestFor(run: Run, batch: Batch): RongCloudRequest {
	const { prepared, request } = batch.template;
	if (prepared.body.type !== 'form') throw new Error('A listed-user send is built as a form');
	const body = { type: 'form' as const, fields: { ...prepared.body.fields, toUserId: batch.parts.map(({ userId }) => userId) } };
	const wire = run.connection.generation.write(run.operation.endpoint, body);
	return { ...request, path: wire.path, body: wire.body };
}

/**
 * As an AI tool, a recipient is matched by what is sent to it (the request to that recipient
 * alone), as a single send is: n8n runs a retried agent's tool calls under new run indexes.
 */
export function fingerprintOf(run: Run, template: ItemCall, part: Part): string | undefined {
	return run.record.matchesByContent ? requestFingerprint(requestFor(run, { template, parts: [part] })) : undefined;
}

/** What an earlier attempt left for this recipient: its fate here, or undefined when it is to be sent. */
export function earlierFate(run: Run, template: ItemCall, part: Part): Fate | undefined {
	return fateOf(run, template, part, run.record.get(part.owner, part.userId, fingerprintOf(run, template, part)));
}

function fateOf(run: Run, template: ItemCall, part: Part, earlier: ItemOutcome | undefined): Fate | undefined {
	const { ctx, record, state } = run;
	if (earlier?.outcome === 'delivered') {
		const { json } = earlier;
		return {
			kind: 'delivered',
			messageUID: typeof json.messageUID === 'string' ? json.messageUID : undefined,
			requestId: String(json.requestId ?? ''),
			...(record.isFromRetriedExecution(earlier) ? { executionId: earlier.executionId } : {}),
		};
	}
	if (earlier?.outcome !== 'mayHaveBeenDelivered') return undefined;
	if (record.mayBeSentAgain(earlier, template.sendAgainOnRetry)) return undefined;
	const error = record.isFromRetriedExecution(earlier) ? notResentOnRetry(ctx, part.owner, earlier) : notResent(ctx, part.owner, earlier.reason, earlier.requestId);
	if (!state.notResent.some(({ itemIndex }) => itemIndex === part.owner)) state.notResent.push({ itemIndex: part.owner, error });
	return { kind: 'failed', error };
}

/** Whether another Retry of the same execution, in this n8n process, is sending to this recipient at this moment. */
const siblingSending = (run: Run, template: ItemCall, part: Part): boolean =>
	sentBySiblingNow(run.record.get(part.owner, part.userId, fingerprintOf(run, template, part)));

/**
 * The recipients of the batch that no attempt has dealt with; the fates of the others are kept in
 * `fates`. With `deferSiblings`, a recipient another Retry is sending to at this moment is kept in
 * the batch, its fate left open: `settleSiblings` waits for that request before this one leaves.
 */
export function unclaimed(run: Run, batch: Batch, fates: Map<string, Fate>, deferSiblings = false): Part[] {
	return batch.parts.filter((part) => {
		if (deferSiblings && siblingSending(run, batch.template, part)) return true;
		const fate = earlierFate(run, batch.template, part);
		if (fate) fates.set(partKey(part.owner, part.userId), fate);
		return fate === undefined;
	});
}

/**
 * Waits while another Retry of the same execution has a request to some of the batch's recipients
 * on its way (two Retries started at once meet on the same recipients), within siblingWaitLimit: the
 * recipients it delivered are then reported as its, not refused. Rejects when the execution is
 * stopped. False when the limit ran out with a request still on its way.
 */
export async function settleSiblings(run: Run, batch: Batch): Promise<boolean> {
	const sending = () => batch.parts.some((part) => siblingSending(run, batch.template, part));
	return await whileSiblingSends(sending, siblingWaitLimit(batch.template.request.timeout), run.stopSignal);
}

/**
 * Right before the request leaves: the recipients read again and claimed in the record (in flight),
 * in one step with nothing awaited between, so that another Retry of the same execution, reading
 * the shared record at any later moment, leaves them alone; and this one leaves alone those that
 * another Retry delivered while this one waited for its turn. Those another Retry began sending
 * meanwhile are neither claimed nor refused: they come back in `deferred`, to be settled and tried again.
 */
export function claim(run: Run, batch: Batch, fates: Map<string, Fate>): { parts: Part[]; deferred: Part[] } {
	const deferred = new Set(batch.parts.filter((part) => siblingSending(run, batch.template, part)));
	const parts = unclaimed(run, { template: batch.template, parts: batch.parts.filter((part) => !deferred.has(part)) }, fates);
	for (const part of parts) {
		const fingerprint = fingerprintOf(run, batch.template, part);
		run.record.set(part.owner, { outcome: 'mayHaveBeenDelivered', reason: 'the attempt ended while the request was on its way', inFlight: true, fingerprint }, part.userId);
	}
	return { parts, deferred: [...deferred] };
}

/** RongCloud took the request: each recipient delivered, with its messageUID where it answered one. */
export function recordAnswer(run: Run, batch: Batch, answer: Awaited<ReturnType<typeof rongCloudApiRequest>>, sentTime: number, fates: Map<string, Fate>): void {
	const messageUIDs = new Map((answer.recipients ?? []).map(({ userId, messageUID }) => [userId, messageUID]));
	const alreadyDelivered = answer.repeatedKeyWarning !== undefined;
	for (const part of batch.parts) {
		const messageUID = messageUIDs.get(part.userId);
		const json: IDataObject = { requestId: answer.requestId, sentTime, ...(messageUID ? { messageUID } : {}), ...(alreadyDelivered ? { alreadyDelivered } : {}) };
		run.record.set(part.owner, { outcome: 'delivered', json, fingerprint: fingerprintOf(run, batch.template, part) }, part.userId);
		fates.set(partKey(part.owner, part.userId), { kind: 'delivered', messageUID, requestId: answer.requestId, sentTime, ...(alreadyDelivered ? { alreadyDelivered, repeated: repeatedKey(answer) } : {}) });
	}
}

/** The request failed: its recipients forgotten when it provably never arrived, else kept as may have been delivered. */
export function recordFailure(run: Run, batch: Batch, error: NodeApiError | NodeOperationError, fates: Map<string, Fate>): void {
	const requestId = typeof error.context.requestId === 'string' ? error.context.requestId : undefined;
	for (const part of batch.parts) {
		if (error.context.mayHaveBeenDelivered === false) run.record.forget(part.owner, part.userId);
		else run.record.set(part.owner, { outcome: 'mayHaveBeenDelivered', reason: error.message, requestId, fingerprint: fingerprintOf(run, batch.template, part) }, part.userId);
		fates.set(partKey(part.owner, part.userId), { kind: 'failed', error });
	}
}
