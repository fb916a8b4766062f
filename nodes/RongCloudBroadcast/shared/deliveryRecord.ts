import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** What one attempt of this node run did with an item. */
export type ItemOutcome =
	/** RongCloud confirmed it: `json` is the output item that attempt produced. */
	| { outcome: 'delivered'; json: IDataObject }
	/** The request may have reached RongCloud (a timeout, a reset, a 5xx...): never sent again. */
	| { outcome: 'mayHaveBeenDelivered'; reason: string; requestId?: string };

/**
 * n8n's Settings → Retry On Fail runs `execute()` again with the very same execution data object,
 * in its 1.x and 2.x engines alike; so does the re-run it makes when the first output item of a
 * Continue On Fail run carries an error. Keyed by that object, the record of what was sent lives
 * exactly as long as the node's run: every retry sees it, no other run or execution does.
 */
const records = new WeakMap<object, Map<number, ItemOutcome>>();

/** Item index → what an earlier attempt of this run did with it (nothing recorded: never sent, or provably not delivered). */
export function deliveryRecord(ctx: IExecuteFunctions): Map<number, ItemOutcome> {
	const key: unknown = ctx.getExecuteData();
	if (typeof key !== 'object' || key === null) return new Map();
	let record = records.get(key);
	if (!record) {
		record = new Map();
		records.set(key, record);
	}
	return record;
}
