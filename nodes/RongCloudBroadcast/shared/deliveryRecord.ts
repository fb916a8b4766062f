import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** What one attempt of this node run did with an item. */
type ItemOutcome =
	/** RongCloud confirmed it: `json` is the output item that attempt produced. */
	| { outcome: 'delivered'; json: IDataObject }
	/** The request may have reached RongCloud (a timeout, a reset, a 5xx...): never sent again. */
	| { outcome: 'mayHaveBeenDelivered'; reason: string; requestId?: string };

/**
 * Which attempts are retries of one another. n8n's Retry On Fail runs `execute()` again with the
 * very same execution data object and the very same input items, in its 1.x and 2.x engines alike
 * (so does the re-run after a first output item that carries an error). As an AI Agent's tool the
 * node gets a fresh context for each try of one tool call, but the same arguments object as its
 * input item's `json`; another tool call of the same agent run has other arguments. So an item's
 * record is found by the execution data object, then by the item's `json` object and its index:
 * every retry sees it, and no other run, loop iteration, tool call or execution does.
 */
const records = new WeakMap<object, WeakMap<object, Map<number, ItemOutcome>>>();
const WITHOUT_EXECUTE_DATA = {};

export class DeliveryRecord {
	private readonly byItem: WeakMap<object, Map<number, ItemOutcome>>;

	constructor(
		ctx: IExecuteFunctions,
		private readonly items: INodeExecutionData[],
	) {
		const executeData: unknown = ctx.getExecuteData();
		// Without execution data the items alone tell the retries apart: guarded, never unguarded.
		const run = typeof executeData === 'object' && executeData !== null ? executeData : WITHOUT_EXECUTE_DATA;
		this.byItem = records.get(run) ?? new WeakMap();
		records.set(run, this.byItem);
	}

	/** What an earlier attempt did with this item; undefined: never sent, or provably not delivered. */
	get(itemIndex: number): ItemOutcome | undefined {
		return this.slot(itemIndex)?.get(itemIndex);
	}

	set(itemIndex: number, outcome: ItemOutcome): void {
		const json = this.items[itemIndex]?.json;
		if (typeof json !== 'object' || json === null) return;
		const slot = this.byItem.get(json) ?? new Map<number, ItemOutcome>();
		slot.set(itemIndex, outcome);
		this.byItem.set(json, slot);
	}

	/** The item provably never reached RongCloud: a retry may send it. */
	forget(itemIndex: number): void {
		this.slot(itemIndex)?.delete(itemIndex);
	}

	private slot(itemIndex: number): Map<number, ItemOutcome> | undefined {
		const json = this.items[itemIndex]?.json;
		return typeof json === 'object' && json !== null ? this.byItem.get(json) : undefined;
	}
}
