import type { IDataObject, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { NOT_DELIVERED } from '../transport/apiErrors';

/** An item RongCloud confirmed in this run, named by what identifies it there. */
export interface DeliveredItem {
	itemIndex: number;
	/** Such as `messageUID BVQK-8CSS-N3S5-U3ML`, or `push id push-1f2e`. */
	label: string;
}

/**
 * A messageUID or push id a later call (a recall) can use, and the only kind of answer value the
 * node outputs: text or a number, not empty. Text with a run of 40 hex digits is what a request
 * Signature looks like, while RongCloud's IDs are dashed groups (docs/rongcloud-server-api.md): a
 * server that echoes the signature as a messageUID gets the "no usable messageUID" warning
 * instead of its value in the output.
 */
export function isIdentifier(value: unknown): value is string | number {
	if (typeof value === 'number') return Number.isFinite(value);
	return typeof value === 'string' && value.trim() !== '' && !/[0-9a-f]{40}/i.test(value);
}

/** The key that names what an item's call produced: the operation's result key, or the recalled messageUID. */
export function deliveredItem(itemIndex: number, json: IDataObject, resultKeys: string[]): DeliveredItem {
	for (const key of [...resultKeys, 'messageUID']) {
		const value = json[key];
		if (isIdentifier(value)) return { itemIndex, label: `${key === 'id' ? 'push id' : key} ${value}` };
	}
	return { itemIndex, label: 'no messageUID in the answer' };
}

function itemList(indexes: number[]): string {
	return indexes.length === 1 ? `item ${indexes[0]}` : `items ${indexes.join(', ')}`;
}

/**
 * What the run as a whole did when item `failedIndex` stopped it: without these words a user who
 * re-runs the workflow would send the delivered items a second time to every user.
 */
export function describeRunProgress(
	delivered: DeliveredItem[],
	failedIndex: number,
	itemCount: number,
	done: 'delivered' | 'recalled' = 'delivered',
): { messageSuffix: string; description: (itemDescription: string, notDelivered: boolean) => string; context: IDataObject } {
	const notAttempted = Array.from({ length: itemCount - failedIndex - 1 }, (_, offset) => failedIndex + 1 + offset);
	const notAttemptedText = notAttempted.length ? ` Not attempted: ${itemList(notAttempted)}.` : '';
	const context: IDataObject = {};
	if (delivered.length) context.deliveredItems = delivered.map(({ itemIndex, label }) => ({ item: itemIndex, [done]: label }));
	if (notAttempted.length) context.notAttemptedItems = notAttempted;
	if (delivered.length === 0) {
		return { messageSuffix: '', description: (text) => `${text}${notAttemptedText}`, context };
	}
	const deliveredText = delivered.map(({ itemIndex, label }) => `item ${itemIndex} (${label})`).join(', ');
	return {
		messageSuffix: ` Already ${done} in this run: ${itemList(delivered.map((d) => d.itemIndex))}.`,
		// Only the node's own verdict is reworded: a server's quoted words may hold the same sentence.
		description: (text, notDelivered) =>
			`${notDelivered ? text.replace(NOT_DELIVERED, `Item ${failedIndex} was not ${done}.`) : text} Already ${done} in this run: ${deliveredText}.${notAttemptedText} Do not re-run the whole workflow: the ${done} items would be sent a second time. Send only the items that were not ${done}.`,
		context,
	};
}

/** The error that stops the run, told what the run had already delivered and what it never tried. */
export function withRunProgress<T extends NodeApiError | NodeOperationError>(error: T, progress: ReturnType<typeof describeRunProgress>): T {
	error.message = `${error.message}${progress.messageSuffix}`;
	error.description = progress.description(error.description ?? '', error.context.mayHaveBeenDelivered === false);
	Object.assign(error.context, progress.context);
	return error;
}
