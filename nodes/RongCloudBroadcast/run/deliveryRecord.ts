import { randomBytes } from 'node:crypto';

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { deliveredByRetriedExecution } from './itemErrors';
import { isToolCall, type ItemOutcome } from './itemOutcome';
import { inheritedChain, isSavedRun, keyOf, savedRuns, type SavedRun } from './savedRuns';
import { readRetriedExecution, type RetriedExecution } from './retriedExecution';
import { siblingRecords, type SiblingRun } from './siblingRecords';

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

/** What a Retry found when this node first ran in it, kept so every later run of it reads the same. */
const RETRY_KEY = 'rongCloudRetry';

/** A Retry's view of the execution it retries, taken when this node first ran in it. */
interface RetryView {
	executionId: string;
	/** The run index of this node's first run in this execution: runs from here on are this execution's. */
	firstRunIndex: number;
	chain?: string;
	/** The runs of this node the retried execution may have begun without a saved record. */
	unknownRuns: 'none' | 'first' | 'all';
	/** Words for the item errors: why the retried execution's record is missing. */
	why?: string;
}

/** An item of a retried run whose original left no record: it may have been delivered, or never sent. */
const fateUnknown = (why: string | undefined): ItemOutcome => ({ outcome: 'mayHaveBeenDelivered', reason: why ?? '', unknown: true });

export class DeliveryRecord {
	private readonly byItem: WeakMap<object, Map<string, ItemOutcome>>;
	private readonly executionId: string;
	private readonly isRetry: boolean;
	/** As an AI tool, calls are matched by what they send (requestFingerprint), since n8n gives a retried agent's calls new run indexes. */
	readonly matchesByContent: boolean;
	private saved: SavedRun | undefined;
	private runs: Record<string, unknown> | undefined;
	private retry: RetryView | undefined;
	private siblings: SiblingRun | undefined;
	private runKey = '0';

	private constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly items: INodeExecutionData[],
	) {
		const executeData: unknown = ctx.getExecuteData();
		// Without execution data the items alone tell the retries apart: guarded, never unguarded.
		const run = typeof executeData === 'object' && executeData !== null ? executeData : WITHOUT_EXECUTE_DATA;
		this.byItem = records.get(run) ?? new WeakMap();
		records.set(run, this.byItem);
		this.executionId = String(ctx.getExecutionId() ?? '');
		this.isRetry = ctx.getMode() === 'retry';
		this.matchesByContent = isToolCall(ctx);
	}

	/** The record of this run of the node, with what earlier attempts and executions left. */
	static async open(ctx: IExecuteFunctions, items: INodeExecutionData[]): Promise<DeliveryRecord> {
		const record = new DeliveryRecord(ctx, items);
		await record.load();
		return record;
	}

	private async load(): Promise<void> {
		const { ctx } = this;
		let context: IDataObject | undefined;
		try {
			context = ctx.getContext('node');
		} catch {
			context = undefined;
		}
		// IExecuteFunctions has no getRunIndex(); the expression proxy knows it.
		const proxy = ctx.getWorkflowDataProxy(0);
		const runIndex = Number(proxy.$runIndex ?? 0);
		this.runKey = String(runIndex);
		if (!context) return;
		this.runs = savedRuns(context);
		if (this.isRetry) this.retry = await this.retryView(context, runIndex, proxy);
		const chain = this.retry?.chain ?? inheritedChain(this.runs, this.executionId) ?? `${this.executionId}:${randomBytes(6).toString('hex')}`;
		const existing = this.runs[this.runKey];
		if (!isSavedRun(existing)) {
			const unknown = this.retry !== undefined && this.unknownRun(runIndex);
			this.runs[this.runKey] = { executionId: this.executionId, chain, items: {}, ...(unknown ? { unlistedMayHaveBeenSent: true } : {}) };
		}
		this.saved = this.runs[this.runKey] as SavedRun;
		// Only Retries meet there: an execution that is no Retry has none to meet.
		if (this.isRetry) this.siblings = siblingRecords(`${ctx.getWorkflow().id ?? ''}|${ctx.getNode().name}|${chain}`);
	}

	/**
	 * What the execution this one retries left, read when this node first runs in this execution
	 * and kept in its context: later runs of the node here (a loop's next pass, the next tool call)
	 * must read the same view, not run data this execution has since added to.
	 */
	private async retryView(context: IDataObject, runIndex: number, proxy: ReturnType<IExecuteFunctions['getWorkflowDataProxy']>): Promise<RetryView> {
		const kept = context[RETRY_KEY] as RetryView | undefined;
		if (kept?.executionId === this.executionId) return kept;
		const runs = this.runs ?? {};
		const inherited = Object.entries(runs).filter(([, run]) => isSavedRun(run) && run.executionId !== this.executionId);
		const retried: RetriedExecution = await readRetriedExecution(this.ctx, inherited.map(([, run]) => run as SavedRun), proxy, runIndex);
		const view: RetryView = {
			executionId: this.executionId,
			firstRunIndex: runIndex,
			chain: inheritedChain(runs, this.executionId) ?? retried.id,
			unknownRuns: retried.unknownRuns,
			why: retried.why,
		};
		context[RETRY_KEY] = view;
		return view;
	}

	/** Whether, in this Retry, a run of the node the retried execution left no record of may still have been sent by it. */
	private unknownRun(runIndex: number): boolean {
		const view = this.retry;
		if (!view || view.unknownRuns === 'none') return false;
		// An inherited record of an earlier execution for this very run says what it did.
		const existing = this.runs?.[String(runIndex)];
		if (isSavedRun(existing) && existing.executionId !== this.executionId) return existing.unlistedMayHaveBeenSent === true;
		return view.unknownRuns === 'all' || runIndex === view.firstRunIndex;
	}

	/**
	 * What an earlier attempt did with this item (or, for a listed-user send, with this recipient of
	 * it): a try of this execution, the execution this one retries, or another Retry of the same
	 * execution running in this n8n process. Undefined: never sent, or provably not delivered.
	 * `fingerprint`: as an AI tool, a call is matched by what it sends, since n8n runs a retried
	 * agent's tool calls under new run indexes.
	 */
	get(itemIndex: number, recipient?: string, fingerprint?: string): ItemOutcome | undefined {
		const key = keyOf(itemIndex, recipient);
		const thisExecution = this.slot(itemIndex)?.get(key);
		if (thisExecution || !this.isRetry) return thisExecution;
		// As an AI tool, what sits at the same place may be another call (two Retries' models need not ask the same): only what sent exactly this is it.
		const same = (outcome: { fingerprint?: string }) => !this.matchesByContent || fingerprint === undefined || outcome.fingerprint === fingerprint;
		const saved = this.saved?.items[key];
		const bySaved = saved && saved.outcome !== 'notDelivered' && saved.executionId !== this.executionId && same(saved) ? saved : undefined;
		const retried = bySaved ?? (this.matchesByContent && fingerprint !== undefined ? this.savedCall(fingerprint) : undefined);
		if (retried?.outcome === 'delivered') return retried;
		// A fate the retried execution left open may since have been settled, or be being settled, by
		// another Retry of it: that is newer, and two Retries must not both send it (Send Again on Retry).
		const atPlace = this.siblings?.get(this.runKey, key);
		const sibling =
			(atPlace && atPlace.executionId !== this.executionId && same(atPlace) ? atPlace : undefined) ??
			(this.matchesByContent && fingerprint !== undefined ? this.siblings?.find(fingerprint, this.executionId) : undefined);
		if (sibling && sibling.executionId !== retried?.executionId) return { ...sibling, bySibling: true };
		if (retried) return retried;
		if (saved?.outcome === 'notDelivered') return undefined;
		return this.saved?.unlistedMayHaveBeenSent === true ? fateUnknown(this.retry?.why) : undefined;
	}

	/** A tool call of an earlier execution (any run of the node, as saved) that sent exactly this. */
	private savedCall(fingerprint: string): ItemOutcome | undefined {
		for (const run of Object.values(this.runs ?? {})) {
			if (!isSavedRun(run) || run.executionId === this.executionId) continue;
			const found = Object.values(run.items).find((outcome) => outcome.outcome !== 'notDelivered' && outcome.fingerprint === fingerprint);
			if (found && found.outcome !== 'notDelivered') return found;
		}
		return undefined;
	}

	/**
	 * Whether Send Again on Retry lets this Retry send an item despite `earlier`: only a fate the
	 * retried execution left open, which the user could check before retrying; never what another
	 * Retry beside this one is sending or left open, which nobody has checked.
	 */
	mayBeSentAgain(earlier: ItemOutcome, sendAgainOnRetry: boolean): boolean {
		return sendAgainOnRetry && earlier.outcome === 'mayHaveBeenDelivered' && this.isFromRetriedExecution(earlier) && earlier.bySibling !== true;
	}

	/** Whether the outcome is an earlier execution's (the one retried, or a sibling Retry), not a try of this one. */
	isFromRetriedExecution(outcome: ItemOutcome): boolean {
		return outcome.outcome === 'mayHaveBeenDelivered' && outcome.unknown === true ? true : outcome.executionId !== this.executionId;
	}

	set(itemIndex: number, outcome: ItemOutcome, recipient?: string): void {
		const key = keyOf(itemIndex, recipient);
		const stamped = { ...outcome, executionId: outcome.executionId ?? this.executionId };
		if (this.saved) this.saved.items[key] = stamped;
		this.siblings?.set(this.runKey, key, stamped);
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
		this.siblings?.forget(this.runKey, key, this.executionId);
		// In a Retry that could not tell what was sent, "no entry" means "unknown": keep a marker instead.
		if (this.saved) {
			if (this.saved.unlistedMayHaveBeenSent === true) this.saved.items[key] = { outcome: 'notDelivered', executionId: this.executionId };
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

	/** Every recipient of a listed-user send that an earlier attempt, or this one, got delivered, by item. */
	deliveredRecipients(): Array<{ itemIndex: number; userIds: string[]; byRetriedExecution: boolean }> {
		const keys = new Set(Object.keys(this.saved?.items ?? {}));
		this.items.forEach((_item, itemIndex) => this.slot(itemIndex)?.forEach((_outcome, key) => keys.add(key)));
		const byItem = new Map<number, { itemIndex: number; userIds: string[]; byRetriedExecution: boolean }>();
		for (const key of keys) {
			// A recipient's key is `<item>:<user ID>`; the user ID may hold a colon, the index cannot.
			const colon = key.indexOf(':');
			if (colon < 0) continue;
			const itemIndex = Number(key.slice(0, colon));
			const userId = key.slice(colon + 1);
			const outcome = this.get(itemIndex, userId);
			if (outcome?.outcome !== 'delivered') continue;
			const entry = byItem.get(itemIndex) ?? { itemIndex, userIds: [], byRetriedExecution: false };
			entry.userIds.push(userId);
			entry.byRetriedExecution ||= this.isFromRetriedExecution(outcome);
			byItem.set(itemIndex, entry);
		}
		return [...byItem.values()].sort((a, b) => a.itemIndex - b.itemIndex);
	}

	/** The output item of a delivered item: marked as the retried execution's when it was. */
	outputOf(outcome: Extract<ItemOutcome, { outcome: 'delivered' }>): IDataObject {
		return this.isFromRetriedExecution(outcome) ? deliveredByRetriedExecution(outcome.json, outcome.executionId, outcome.bySibling === true) : { ...outcome.json };
	}

	private slot(itemIndex: number): Map<string, ItemOutcome> | undefined {
		const json = this.items[itemIndex]?.json;
		return typeof json === 'object' && json !== null ? this.byItem.get(json) : undefined;
	}
}
