import type { ItemOutcome } from './itemOutcome';

/**
 * What the Retries of one failed execution did, shared in this n8n process. n8n lets the same
 * execution be retried again (its list offers Retry until one succeeds; its REST API always), and
 * each Retry starts from that execution's saved data, which never learns what another Retry sent:
 * a second Retry, or two at once, would send those items again. All executions of a regular n8n
 * run in one process (in queue mode, each worker's), so Retries of the same execution meet here:
 * each writes what it is sending before the request leaves, each reads what the others wrote.
 * It lives as long as the process: after a restart, or on another queue worker, a Retry sees only
 * what the execution it retries saved (README, "Retry a failed execution").
 */
interface Chain {
	runs: Map<string, Map<string, ItemOutcome>>;
	/** What its entries take in memory, as `entryBytes` estimates it. */
	bytes: number;
}

/**
 * The chains kept, the least recently used dropped first once there are more than MAX_CHAINS or
 * their entries take more than about MAX_BYTES: a chain dropped is as if n8n had restarted for it.
 * Measured (CONTRIBUTING.md, "The shared record of Retries"): a Retry of a three-item send keeps a
 * chain of about 1.5 KB, a listed-user send about 240 bytes per recipient; so the bound holds
 * 10,000 chains of small sends in about 15 MB, and no more than about 32 MB of large ones. The
 * chain being written is never dropped for its own size.
 */
export const MAX_CHAINS = 10_000;
export const MAX_BYTES = 32 * 1024 * 1024;
const chains = new Map<string, Chain>();
let totalBytes = 0;

/** A chain's own cost in memory, without its entries. */
const CHAIN_BYTES = 500;
/** An entry's size in memory, estimated from its text: V8 keeps these one byte a character, plus a Map entry's own cost. */
const entryBytes = (itemKey: string, outcome: ItemOutcome) => 64 + itemKey.length + JSON.stringify(outcome).length;

/** Marks the chain as the most recently used, then drops the least recently used ones beyond the bound. */
function touch(key: string, chain: Chain): void {
	chains.delete(key);
	chains.set(key, chain);
	for (const [oldest, dropped] of chains) {
		if (oldest === key || (chains.size <= MAX_CHAINS && totalBytes <= MAX_BYTES)) break;
		chains.delete(oldest);
		totalBytes -= dropped.bytes;
	}
}

export interface SiblingRun {
	get(runKey: string, itemKey: string): ItemOutcome | undefined;
	set(runKey: string, itemKey: string, outcome: ItemOutcome): void;
	/** Drops an entry this execution wrote (its request provably never arrived). */
	forget(runKey: string, itemKey: string, executionId: string): void;
	/** An entry, of any run, that sent exactly this (an AI tool's call), written by another execution. */
	find(fingerprint: string, notBy: string): ItemOutcome | undefined;
}

/** The shared record of one chain of Retries (`key`: the workflow, the node and the chain's first execution). */
export function siblingRecords(key: string): SiblingRun {
	let chain = chains.get(key);
	if (!chain) {
		chain = { runs: new Map(), bytes: CHAIN_BYTES };
		totalBytes += CHAIN_BYTES;
	}
	touch(key, chain);
	const { runs } = chain;
	const resize = (delta: number) => {
		chain.bytes += delta;
		// A chain dropped while its Retry runs keeps its entries to itself: they no longer count.
		if (chains.get(key) === chain) totalBytes += delta;
	};
	return {
		get: (runKey, itemKey) => runs.get(runKey)?.get(itemKey),
		set: (runKey, itemKey, outcome) => {
			const run = runs.get(runKey) ?? new Map<string, ItemOutcome>();
			const old = run.get(itemKey);
			run.set(itemKey, outcome);
			runs.set(runKey, run);
			resize(entryBytes(itemKey, outcome) - (old ? entryBytes(itemKey, old) : 0));
			if (chains.get(key) === chain) touch(key, chain);
		},
		forget: (runKey, itemKey, executionId) => {
			const run = runs.get(runKey);
			const old = run?.get(itemKey);
			if (!old || old.executionId !== executionId) return;
			run?.delete(itemKey);
			resize(-entryBytes(itemKey, old));
		},
		find: (fingerprint, notBy) => {
			for (const run of runs.values()) {
				for (const outcome of run.values()) if (outcome.fingerprint === fingerprint && outcome.executionId !== notBy) return outcome;
			}
			return undefined;
		},
	};
}
