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
}

/** The chains kept, the least recently used dropped first: enough for the Retries a person makes. */
const MAX_CHAINS = 100;
const chains = new Map<string, Chain>();

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
	if (chain) chains.delete(key);
	else chain = { runs: new Map() };
	chains.set(key, chain);
	while (chains.size > MAX_CHAINS) chains.delete(chains.keys().next().value as string);
	const { runs } = chain;
	return {
		get: (runKey, itemKey) => runs.get(runKey)?.get(itemKey),
		set: (runKey, itemKey, outcome) => {
			const run = runs.get(runKey) ?? new Map<string, ItemOutcome>();
			run.set(itemKey, outcome);
			runs.set(runKey, run);
		},
		forget: (runKey, itemKey, executionId) => {
			const run = runs.get(runKey);
			if (run?.get(itemKey)?.executionId === executionId) run.delete(itemKey);
		},
		find: (fingerprint, notBy) => {
			for (const run of runs.values()) {
				for (const outcome of run.values()) if (outcome.fingerprint === fingerprint && outcome.executionId !== notBy) return outcome;
			}
			return undefined;
		},
	};
}
