import type { Operation } from '../shared/operation';
import type { DeliveryRecord } from './deliveryRecord';
import type { Fate } from './recipientClaims';
import { partKey, type Part } from './recipientGroups';
import { deliveredItem, itemList, recipientList, recipientsLabel, type DeliveredItem, type RunProgress } from './runProgress';
import type { Run } from './types';

/**
 * The words of a listed-user send that stops, recipient by recipient: an item's list may be split
 * over requests, so an item can be delivered to some of its recipients, refused for others and
 * never sent to the rest. The words name a few of each; the error's context keeps them all.
 */
export function describeProgress(run: Run, ownerOf: Map<number, Map<string, number>>, fates: Map<string, Fate>, failedIndex?: number, failed?: Part[]): RunProgress {
	const delivered: DeliveredItem[] = [];
	const notAttempted: number[] = [];
	const notAttemptedRecipients: Array<{ itemIndex: number; userIds: string[] }> = [];
	run.calls.forEach((call, itemIndex) => {
		if (call instanceof Error || call.dryRun) return;
		const owners = ownerOf.get(itemIndex) ?? new Map<string, number>();
		const userIds = call.prepared.recipients?.userIds ?? [];
		const fateOf = (userId: string) => fates.get(partKey(owners.get(userId) ?? itemIndex, userId));
		const deliveredTo = userIds.filter((userId) => fateOf(userId)?.kind === 'delivered');
		const untouched = userIds.filter((userId) => fateOf(userId) === undefined);
		if (deliveredTo.length > 0) {
			const byRetried = deliveredTo.some((userId) => {
				const fate = fateOf(userId);
				return fate?.kind === 'delivered' && fate.executionId !== undefined;
			});
			delivered.push({ itemIndex, label: recipientsLabel(deliveredTo, userIds.length), recipients: deliveredTo, ...(byRetried ? { byRetriedExecution: true } : {}) });
		}
		if (untouched.length === userIds.length && itemIndex !== failedIndex) notAttempted.push(itemIndex);
		else if (untouched.length > 0) notAttemptedRecipients.push({ itemIndex, userIds: untouched });
	});
	return {
		delivered,
		failedIndex,
		notAttempted,
		notAttemptedRecipients,
		...(failed?.length ? { failedRequest: failedRequestWords(failed) } : {}),
		notResent: run.state.notResent.map(({ itemIndex }) => itemIndex),
		done: 'delivered',
		inSubWorkflow: run.state.inSubWorkflow,
	};
}

/** The request that failed, in words: which recipients of which items it carried. */
function failedRequestWords(parts: Part[]): { words: string; userIds: string[] } {
	const userIds = parts.map(({ userId }) => userId);
	const owners = [...new Set(parts.map(({ owner }) => owner))];
	const to = `${userIds.length} recipient${userIds.length === 1 ? '' : 's'} (${recipientList(userIds)}) of ${itemList(owners)}`;
	return { words: `This request, to ${to}, was not delivered.`, userIds };
}

/**
 * What earlier attempts and this one delivered, item by item and, for a listed-user send,
 * recipient by recipient: for a run that stops before it sends (Retry On Fail's next try cannot
 * read the credential), whose words must still say what the earlier tries delivered.
 */
export function deliveredSoFar(record: DeliveryRecord, operation: Operation): DeliveredItem[] {
	const items = record.delivered().map(({ itemIndex, json }) => deliveredItem(itemIndex, json, operation));
	const recipients = record.deliveredRecipients().map(({ itemIndex, userIds, byRetriedExecution }) => ({
		itemIndex,
		label: recipientsLabel(userIds),
		recipients: userIds,
		...(byRetriedExecution ? { byRetriedExecution } : {}),
	}));
	return [...items, ...recipients].sort((a, b) => a.itemIndex - b.itemIndex);
}
