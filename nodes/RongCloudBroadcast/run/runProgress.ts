import type { IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Operation } from '../shared/operation';
import { isIdentifier } from '../transport/answer';
import { NOT_DELIVERED } from '../transport/apiErrors';

/** An item RongCloud confirmed in this run, named by what identifies it there. */
export interface DeliveredItem {
	itemIndex: number;
	/** Such as `messageUID BVQK-8CSS-N3S5-U3ML`, or `push id push-1f2e, messageUID BVQK-8CSS-N3S5-U3ML`. */
	label: string;
	/** Delivered by the execution this one retries (n8n's Retry), not by this run. */
	byRetriedExecution?: boolean;
	/** A listed-user send: the item's recipients delivered, every one (the words name a few). */
	recipients?: string[];
}

/** The output fields that name a success, in the order the words give them, each with its word. */
const IDENTIFYING_FIELDS: Array<[key: string, label: string]> = [
	['id', 'push id'],
	['messageUID', 'messageUID'],
];

/** How an answer field is called in words: a push's id is its "push id". */
export function identifierLabel(key: string): string {
	return IDENTIFYING_FIELDS.find(([field]) => field === key)?.[1] ?? key;
}

/**
 * What names an item's call: the output fields that identify it (a push's id and the messageUID of
 * the system message it carried, which a recall needs; a recall's recalled messageUID).
 */
export function deliveredItem(itemIndex: number, json: IDataObject, operation: Operation): DeliveredItem {
	const byRetriedExecution = json.deliveredByExecution !== undefined;
	const by = byRetriedExecution ? `, by execution ${String(json.deliveredByExecution)}` : '';
	const named = (label: string): DeliveredItem => ({ itemIndex, label: `${label}${by}`, ...(byRetriedExecution ? { byRetriedExecution } : {}) });
	if (json.alreadyDelivered === true) return named('by an earlier request with its Idempotency Key');
	const names = IDENTIFYING_FIELDS.filter(([key]) => isIdentifier(json[key])).map(([key, label]) => `${label} ${String(json[key])}`);
	const [expected = 'messageUID'] = Object.keys(operation.results);
	return named(names.length ? names.join(', ') : `no ${identifierLabel(expected)} in the ${operation.recalls ? 'output' : 'answer'}`);
}

/** Up to this many items are named one by one; longer lists are told as a count and ranges. */
const NAMED_ITEMS = 5;
const NAMED_RANGES = 8;

/**
 * Items in words that do not grow with the run: "item 3", "items 0, 2", or "150 items (0 to 149)".
 * The error's context keeps every index; these words are what n8n's execution list, an error
 * workflow's mail and an AI Agent show.
 */
export function itemList(indexes: number[]): string {
	if (indexes.length === 1) return `item ${indexes[0]}`;
	if (indexes.length <= NAMED_ITEMS) return `items ${indexes.join(', ')}`;
	const ranges: Array<[number, number]> = [];
	for (const index of [...indexes].sort((a, b) => a - b)) {
		const last = ranges.at(-1);
		if (last && index === last[1] + 1) last[1] = index;
		else ranges.push([index, index]);
	}
	const shown = ranges.slice(0, NAMED_RANGES).map(([from, to]) => (from === to ? String(from) : `${from} to ${to}`));
	const more = ranges.length > NAMED_RANGES ? ` and ${ranges.length - NAMED_RANGES} more ranges` : '';
	return `${indexes.length} items (${shown.join(', ')}${more})`;
}

/** Up to this many recipients are named one by one; the rest are counted. */
const NAMED_RECIPIENTS = 3;

/** Recipients in words that do not grow with the list: "u1, u2", or "u0, u1, u2 and 97 more". */
export function recipientList(userIds: string[]): string {
	const named = userIds.slice(0, NAMED_RECIPIENTS).join(', ');
	return userIds.length > NAMED_RECIPIENTS ? `${named} and ${userIds.length - NAMED_RECIPIENTS} more` : named;
}

/** "recipient u5", "3 recipients: u1, u2, u3", "100 of 250 recipients: u0, u1, u2 and 97 more". */
export function recipientsLabel(userIds: string[], of?: number): string {
	if (userIds.length === 1 && (of ?? 1) === 1) return `recipient ${userIds[0]}`;
	const count = of === undefined ? `${userIds.length}` : userIds.length === of ? `all ${of}` : `${userIds.length} of ${of}`;
	return `${count} recipients: ${recipientList(userIds)}`;
}

/** What a success did to the message, in the words of a run. */
export type Done = 'delivered' | 'recalled';

export const doneBy = (operation: Operation): Done => (operation.recalls ? 'recalled' : 'delivered');

/** What the run as a whole had done when it stopped. */
export interface RunProgress {
	delivered: DeliveredItem[];
	/** The item whose error stops the run; undefined when the run stopped before or after its items. */
	failedIndex?: number;
	/** Items never sent: after the failed item, or all that were left when the execution was stopped. */
	notAttempted: number[];
	/** Items not sent again since an earlier attempt may have delivered them. */
	notResent: number[];
	/** A listed-user send: the recipients of items partly sent that no request carried. */
	notAttemptedRecipients?: Array<{ itemIndex: number; userIds: string[] }>;
	/** A listed-user send: the request that failed, its words in place of "Item N was not delivered." */
	failedRequest?: { words: string; userIds: string[] };
	done: Done;
	/**
	 * The node runs in a sub-workflow (n8n's mode `integrated`): a Retry of the calling workflow's
	 * execution starts the sub-workflow anew, with nothing of this run, and would send everything again.
	 */
	inSubWorkflow?: boolean;
}

/** Items after `failedIndex`, which the run never tried. */
export function itemsAfter(failedIndex: number, itemCount: number): number[] {
	return Array.from({ length: Math.max(0, itemCount - failedIndex - 1) }, (_, offset) => failedIndex + 1 + offset);
}

/**
 * What the run as a whole did when it stopped: without these words a user who re-runs the
 * workflow would send the delivered items a second time to every user.
 */
export function describeRunProgress({ delivered, failedIndex, notAttempted, notResent, notAttemptedRecipients = [], failedRequest, done, inSubWorkflow }: RunProgress): {
	messageSuffix: string;
	description: (itemDescription: string, ownVerdict: boolean) => string;
	context: IDataObject;
} {
	const notAttemptedWords = [
		...(notAttempted.length ? [itemList(notAttempted)] : []),
		...notAttemptedRecipients.map(({ itemIndex, userIds }) => `${userIds.length} recipient${userIds.length === 1 ? '' : 's'} of item ${itemIndex} (${recipientList(userIds)})`),
	];
	const notAttemptedText = notAttemptedWords.length ? ` Not attempted: ${notAttemptedWords.join('; ')}.` : '';
	const others = notResent.filter((itemIndex) => itemIndex !== failedIndex);
	const notResentText = others.length ? ` Not sent again, since an earlier attempt may have delivered them: ${itemList(others)}.` : '';
	const context: IDataObject = {};
	if (delivered.length) {
		context.deliveredItems = delivered.map(({ itemIndex, label, recipients }) => ({ item: itemIndex, [done]: label, ...(recipients ? { deliveredTo: recipients } : {}) }));
	}
	if (notAttempted.length) context.notAttemptedItems = notAttempted;
	if (notAttemptedRecipients.length) context.notAttemptedRecipients = notAttemptedRecipients.map(({ itemIndex, userIds }) => ({ item: itemIndex, userIds }));
	if (failedRequest) context.notDeliveredTo = failedRequest.userIds;
	if (others.length) context.notResentItems = others;
	// The item's own words say "Nothing was delivered" (or sent): true of the item, not of the run.
	// Only the node's own verdict is reworded: a server's quoted words may hold the same sentence.
	const ownWords = (text: string, ownVerdict: boolean) =>
		!ownVerdict
			? text
			: failedIndex === undefined
			? text.replace(NOT_DELIVERED, 'Nothing was sent in this attempt.').replace('Nothing was sent.', 'Nothing was sent in this attempt.')
			: text.replace(NOT_DELIVERED, failedRequest?.words ?? `Item ${failedIndex} was not ${done}.`);
	if (delivered.length === 0) {
		return { messageSuffix: '', description: (text) => `${text}${notResentText}${notAttemptedText}`, context };
	}
	const named = delivered.slice(0, NAMED_ITEMS).map(({ itemIndex, label }) => `item ${itemIndex} (${label})`);
	const deliveredText =
		delivered.length > NAMED_ITEMS
			? `${itemList(delivered.map((d) => d.itemIndex))}, such as ${named.join(', ')}; every one with its ID is in this error's deliveredItems`
			: named.join(', ');
	const already = `Already ${done} ${delivered.some((d) => d.byRetriedExecution) ? 'by this execution or the one it retries' : 'in this run'}`;
	return {
		messageSuffix: ` ${already}: ${itemList(delivered.map((d) => d.itemIndex))}.`,
		description: (text, ownVerdict) =>
			`${ownWords(text, ownVerdict)} ${already}: ${deliveredText}.${notResentText}${notAttemptedText} Do not re-run the whole workflow: the ${done} items would be sent a second time. Send only the items that were not ${done}; ${
				inSubWorkflow
					? `this node runs in a sub-workflow, so retry the sub-workflow's own execution, never the calling workflow's: that one starts the sub-workflow anew, and the node would send every item again.`
					: `n8n's Retry of this execution does that, since the node remembers what it ${done}.`
			}`,
		context,
	};
}

/** The error that stops the run, told what the run had already delivered and what it never tried. */
export function withRunProgress<T extends NodeApiError | NodeOperationError>(error: T, progress: ReturnType<typeof describeRunProgress>): T {
	error.message = `${error.message}${progress.messageSuffix}`;
	// An error that may have been delivered carries no verdict of "nothing delivered" to reword.
	error.description = progress.description(error.description ?? '', error.context.mayHaveBeenDelivered !== true);
	Object.assign(error.context, progress.context);
	return error;
}

/** The error that ends the run, with what the run did; marked so that nothing adds to it again. */
export function endRun<T extends NodeApiError | NodeOperationError>(error: T, progress: RunProgress): T {
	const told = withRunProgress(error, describeRunProgress(progress));
	told.context.runProgress = true;
	return told;
}
