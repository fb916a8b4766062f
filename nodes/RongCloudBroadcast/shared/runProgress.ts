import type { IDataObject } from 'n8n-workflow';

import { NOT_DELIVERED } from './apiErrors';

/** An item RongCloud confirmed in this run, named by what identifies it there. */
export interface DeliveredItem {
	itemIndex: number;
	/** Such as `messageUID BVQK-8CSS-N3S5-U3ML`, or `push id push-1f2e`. */
	label: string;
}

/** The key that names what an item's call produced: the operation's result key, or the recalled messageUID. */
export function deliveredItem(itemIndex: number, json: IDataObject, resultKeys: string[]): DeliveredItem {
	for (const key of [...resultKeys, 'messageUID']) {
		if (typeof json[key] === 'string' && json[key] !== '') {
			return { itemIndex, label: `${key === 'id' ? 'push id' : key} ${json[key] as string}` };
		}
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
): { messageSuffix: string; description: (itemDescription: string) => string; context: IDataObject } {
	const notAttempted = Array.from({ length: itemCount - failedIndex - 1 }, (_, offset) => failedIndex + 1 + offset);
	const notAttemptedText = notAttempted.length ? ` Not attempted: ${itemList(notAttempted)}.` : '';
	const context: IDataObject = {};
	if (delivered.length) context.deliveredItems = delivered.map(({ itemIndex, label }) => ({ item: itemIndex, delivered: label }));
	if (notAttempted.length) context.notAttemptedItems = notAttempted;
	if (delivered.length === 0) {
		return { messageSuffix: '', description: (text) => `${text}${notAttemptedText}`, context };
	}
	const deliveredText = delivered.map(({ itemIndex, label }) => `item ${itemIndex} (${label})`).join(', ');
	return {
		messageSuffix: ` Already delivered in this run: ${itemList(delivered.map((d) => d.itemIndex))}.`,
		description: (text) =>
			`${text.replace(NOT_DELIVERED, `Item ${failedIndex} was not delivered.`)} Already delivered in this run: ${deliveredText}.${notAttemptedText} Do not re-run the whole workflow: the delivered items would go out a second time. Send only the items that were not delivered.`,
		context,
	};
}
