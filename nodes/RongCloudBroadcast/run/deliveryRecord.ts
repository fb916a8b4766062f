import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { deliveredByRetriedExecution } from './itemErrors';

/** What an earlier attempt did with an item. */
export type ItemOutcome =
	/** RongCloud confirmed it: `json` is the output item that attempt produced. */
	| { outcome: 'delivered'; json: IDataObject; executionId?: string }
	/**
	 * The request may have reached RongCloud (a timeout, a reset, a 5xx...), or, in a Retry of an
	 * execution whose record of this node did not survive, nobody can tell: never sent again on its own.
	 */
	| { outcome: 'mayHaveBeenDelivered'; reason: string; requestId?: string; executionId?: string; unknown?: boolean };

/** As saved: also what a Retry whose original left no record proved undelivered. */
type SavedOutcome = ItemOutcome | { outcome: 'notDelivered'; executionId?: string };

/**
 * Which attempts are retries of one another within one execution. n8n's Retry On Fail runs
 * `execute()` again with the very same execution data object and the very same input items, in its
 * 1.x and 2.x engines alike (so does the re-run after a first output item that carries an error).
 * As an AI Agent's tool the node gets a fresh context for each try of one tool call, but the same
 * arguments object as its input item's `json`; another tool call of the same agent run has other
 * arguments. So an item's record is found by the execution data object, then by the item's `json`
 * object and its index: every retry sees it, and no other run, loop iteration, tool call or
 * execution does.
 */
const records = new WeakMap<object, WeakMap<object, Map<string, ItemOutcome>>>();
const WITHOUT_EXECUTE_DATA = {};

/**
 * n8n's Retry of a failed execution (the execution list's Retry button, REST
 * `POST /executions/:id/retry`, in 1.x and 2.x) starts a new execution in mode `retry` from the
 * failed one's saved data: the failed node's input items and its last run are taken over, that
 * run's error and output are thrown away. What survives is the execution's context data, which n8n
 * saves with every finished execution, failed ones included, and which `getContext('node')` gives
 * the node. So each run of the node writes there, under its run index, what it did with each item;
 * a retried run reads what the original wrote. A process that dies mid-run saves nothing: a retry
 * then finds no record of a run that did happen, and sends nothing on a guess. A node the original
 * never reached wrote nothing either, and is told apart by n8n's run data (ranInRetriedExecution).
 */
const CONTEXT_KEY = 'rongCloudDeliveries';

interface SavedRun {
	/** The execution that started this run of the node. */
	executionId: string;
	items: Record<string, SavedOutcome>;
	/**
	 * Set when a Retry found no record of the original run: an item without an entry may have been
	 * sent by the original, not "never sent". Kept, so that a retry of this retry knows it too.
	 */
	unlistedMayHaveBeenSent?: boolean;
}

/** An item of a retried run whose original left no record: it may have been delivered, or never sent. */
const FATE_UNKNOWN: ItemOutcome = { outcome: 'mayHaveBeenDelivered', reason: '', unknown: true };

export class DeliveryRecord {
	private readonly byItem: WeakMap<object, Map<string, ItemOutcome>>;
	private readonly saved: SavedRun | undefined;
	/** This execution is n8n's Retry of another one. */
	private readonly isRetry: boolean;
	/** A Retry that found no record of the original run: items may have been sent, nobody can tell. */
	private readonly originalUnknown: boolean;
	private readonly executionId: string;

	constructor(
		ctx: IExecuteFunctions,
		private readonly items: INodeExecutionData[],
	) {
		const executeData: unknown = ctx.getExecuteData();
		// Without execution data the items alone tell the retries apart: guarded, never unguarded.
		const run = typeof executeData === 'object' && executeData !== null ? executeData : WITHOUT_EXECUTE_DATA;
		this.byItem = records.get(run) ?? new WeakMap();
		records.set(run, this.byItem);

		this.executionId = String(ctx.getExecutionId() ?? '');
		this.isRetry = ctx.getMode() === 'retry';
		const runs = savedRuns(ctx);
		// IExecuteFunctions has no getRunIndex(); the expression proxy knows it.
		const proxy = ctx.getWorkflowDataProxy(0);
		const key = String(proxy.$runIndex ?? 0);
		const existing = runs?.[key];
		if (runs && !isSavedRun(existing)) {
			const unknown = this.isRetry && !this.retriedExecutionLeftRecords(runs) && ranInRetriedExecution(ctx, proxy);
			runs[key] = { executionId: this.executionId, items: {}, ...(unknown ? { unlistedMayHaveBeenSent: true } : {}) };
		}
		this.saved = runs?.[key] as SavedRun | undefined;
		this.originalUnknown = this.isRetry && (this.saved === undefined || this.saved.unlistedMayHaveBeenSent === true);
	}

	/**
	 * The retried execution's records survived (it ended and was saved): a run of this node it left
	 * none for is one it never reached, such as a later pass of a loop or another tool call.
	 */
	private retriedExecutionLeftRecords(runs: Record<string, unknown>): boolean {
		return Object.values(runs).some((run) => isSavedRun(run) && run.executionId !== this.executionId && run.unlistedMayHaveBeenSent !== true);
	}

	/**
	 * What an earlier attempt did with this item (or, for a listed-user send, with this recipient of
	 * it): a try of this execution, or the execution this one retries. Undefined: never sent, or
	 * provably not delivered.
	 */
	get(itemIndex: number, recipient?: string): ItemOutcome | undefined {
		const key = keyOf(itemIndex, recipient);
		const thisExecution = this.slot(itemIndex)?.get(key);
		if (thisExecution || !this.isRetry) return thisExecution;
		const saved = this.saved?.items[key] ?? (this.originalUnknown ? FATE_UNKNOWN : undefined);
		return saved?.outcome === 'notDelivered' ? undefined : saved;
	}

	/** Whether the outcome is the retried execution's (or unknown), not a try of this one. */
	isFromRetriedExecution(outcome: ItemOutcome): boolean {
		return outcome.outcome === 'mayHaveBeenDelivered' && outcome.unknown === true ? true : outcome.executionId !== this.executionId;
	}

	set(itemIndex: number, outcome: ItemOutcome, recipient?: string): void {
		const key = keyOf(itemIndex, recipient);
		const stamped = { ...outcome, executionId: outcome.executionId ?? this.executionId };
		if (this.saved) this.saved.items[key] = stamped;
		const json = this.items[itemIndex]?.json;
		if (typeof json !== 'object' || json === null) return;
		const slot = this.byItem.get(json) ?? new Map<string, ItemOutcome>();
		slot.set(key, stamped);
		this.byItem.set(json, slot);
	}

	/** The item (or this recipient of it) provably never reached RongCloud: a retry may send it. */
	forget(itemIndex: number, recipient?: string): void {
		const key = keyOf(itemIndex, recipient);
		this.slot(itemIndex)?.delete(key);
		// In a Retry whose original left no record, "no entry" means "unknown": keep a marker instead.
		if (this.saved) {
			if (this.originalUnknown) this.saved.items[key] = { outcome: 'notDelivered', executionId: this.executionId };
			else delete this.saved.items[key];
		}
	}

	/** Every item that an earlier attempt, or this one, got delivered: its output item as it stands now. */
	delivered(): Array<{ itemIndex: number; json: IDataObject }> {
		return this.items.flatMap((_item, itemIndex) => {
			const outcome = this.get(itemIndex);
			return outcome?.outcome === 'delivered' ? [{ itemIndex, json: this.outputOf(outcome) }] : [];
		});
	}

	/** The output item of a delivered item: marked as the retried execution's when it was. */
	outputOf(outcome: Extract<ItemOutcome, { outcome: 'delivered' }>): IDataObject {
		return this.isFromRetriedExecution(outcome) ? deliveredByRetriedExecution(outcome.json, outcome.executionId) : { ...outcome.json };
	}

	private slot(itemIndex: number): Map<string, ItemOutcome> | undefined {
		const json = this.items[itemIndex]?.json;
		return typeof json === 'object' && json !== null ? this.byItem.get(json) : undefined;
	}
}

/**
 * Whether the execution this one retries ran this node, though it left no record: the node has a
 * place in the run data (n8n creates it when a node's run ends, and its crash recovery when a node
 * started but never ended; the Retry then drops that failed run and leaves the place). A node the
 * retried execution never reached (an earlier node failed) has none, and its items were never sent.
 * Anything unexpected counts as "ran": then nothing is sent on a guess.
 */
function ranInRetriedExecution(ctx: IExecuteFunctions, proxy: ReturnType<IExecuteFunctions['getWorkflowDataProxy']>): boolean {
	try {
		const self = (proxy.$ as (name: string) => { isExecuted?: unknown })(ctx.getNode().name);
		return self.isExecuted !== false;
	} catch {
		return true;
	}
}

/** An item's key in the record; a recipient of a listed-user send is kept under its item. */
function keyOf(itemIndex: number, recipient?: string): string {
	return recipient === undefined ? String(itemIndex) : `${itemIndex}:${recipient}`;
}

function isSavedRun(value: unknown): value is SavedRun {
	return typeof value === 'object' && value !== null && typeof (value as SavedRun).items === 'object' && (value as SavedRun).items !== null;
}

/** The node's saved runs in the execution's context data; undefined where n8n gives the node none. */
function savedRuns(ctx: IExecuteFunctions): Record<string, unknown> | undefined {
	let context: IDataObject;
	try {
		context = ctx.getContext('node');
	} catch {
		return undefined;
	}
	const runs = context[CONTEXT_KEY];
	if (typeof runs === 'object' && runs !== null && !Array.isArray(runs)) return runs as Record<string, unknown>;
	const fresh: IDataObject = {};
	context[CONTEXT_KEY] = fresh;
	return fresh;
}
