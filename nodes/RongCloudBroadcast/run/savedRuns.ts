import type { IDataObject } from 'n8n-workflow';

import type { ItemOutcome } from './itemOutcome';

/**
 * n8n's Retry of a failed execution (the execution list's Retry button, REST
 * `POST /executions/:id/retry`, in 1.x and 2.x) starts a new execution in mode `retry` from the
 * failed one's saved data: its context data, its run data with a failed last run dropped, the input
 * of the node it stopped at. n8n saves the context at the start and end of an execution and, with
 * Save Execution Progress, after each node, never in the middle of one. So each run of the node
 * writes there, under its run index, what it did with each item; a retried run reads what the
 * retried execution wrote; and what that execution may have done after its last save (it crashed,
 * or was stopped) is read from its stored row (retriedExecution.ts).
 */
const CONTEXT_KEY = 'rongCloudDeliveries';

/** As saved: also what a Retry whose original left no record proved undelivered. */
export type SavedOutcome = ItemOutcome | { outcome: 'notDelivered'; executionId?: string };

/** One run of the node as its context keeps it. */
export interface SavedRun {
	/** The execution that started this run of the node. */
	executionId: string;
	/**
	 * The chain of Retries this run belongs to: named when the first execution of the chain ran it,
	 * and handed on to every Retry with the saved data (its ID and a random part, so that an
	 * execution ID a test or a new database gives out again starts a chain of its own).
	 */
	chain?: string;
	items: Record<string, SavedOutcome>;
	/**
	 * Set when a Retry could not tell what the retried execution did in this run: an item without
	 * an entry may have been sent, not "never sent". Kept, so that a retry of this retry knows it too.
	 */
	unlistedMayHaveBeenSent?: boolean;
}


/** The chain of Retries, as the runs an earlier execution saved name it. */
export function inheritedChain(runs: Record<string, unknown>, executionId: string): string | undefined {
	for (const run of Object.values(runs)) {
		if (isSavedRun(run) && run.executionId !== executionId) return run.chain ?? run.executionId;
	}
	return undefined;
}

/** An item's key in the record; a recipient of a listed-user send is kept under its item. */
export function keyOf(itemIndex: number, recipient?: string): string {
	return recipient === undefined ? String(itemIndex) : `${itemIndex}:${recipient}`;
}

export function isSavedRun(value: unknown): value is SavedRun {
	return typeof value === 'object' && value !== null && typeof (value as SavedRun).items === 'object' && (value as SavedRun).items !== null;
}

/** The node's saved runs in the execution's context data. */
export function savedRuns(context: IDataObject): Record<string, unknown> {
	const runs = context[CONTEXT_KEY];
	if (typeof runs === 'object' && runs !== null && !Array.isArray(runs)) return runs as Record<string, unknown>;
	const fresh: IDataObject = {};
	context[CONTEXT_KEY] = fresh;
	return fresh;
}
