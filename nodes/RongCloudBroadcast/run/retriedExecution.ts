import type { IDataObject, IExecuteFunctions, IRunExecutionData } from 'n8n-workflow';

/**
 * What a Retry can learn about the execution it retries, beyond the records it inherited: where
 * that execution was when n8n last saved it, and whether it ended or died.
 *
 * A failed execution that ended is saved whole, context included: a run of this node it left no
 * record of is one it never reached. One that crashed (or was stopped) is stored as it was at its
 * last save, the start or, with Save Execution Progress, the end of its last node: whatever it did
 * after that is lost, and a run of this node it may have begun then cannot be told from one it
 * never began. Its stored row says which case this is (IExecuteFunctions.getExecutionDataById).
 */
export interface RetriedExecution {
	/** The retried execution's ID, where n8n lets the node know it. */
	id?: string;
	/**
	 * Which runs of this node, in the Retry, the retried execution may have begun without a saved
	 * record: none (it ended, its records are whole), the first (the one it was on when it stopped),
	 * or all (it stopped with nothing saved after its start: the Retry does everything again).
	 */
	unknownRuns: 'none' | 'first' | 'all';
	/** Why, in words, for the items that are not sent. */
	why?: string;
}

interface RecordedRun {
	executionId: string;
	items: Record<string, { executionId?: string }>;
}

type Proxy = ReturnType<IExecuteFunctions['getWorkflowDataProxy']>;

/**
 * n8n 2.x hands every node context the execution's lifecycle hooks, which carry the ID of the
 * execution a Retry retries; IExecuteFunctions itself does not offer it, and n8n 1.x has it nowhere.
 */
function retryOf(ctx: IExecuteFunctions): string | undefined {
	const { additionalData } = ctx as unknown as { additionalData?: { hooks?: { retryOf?: unknown } } };
	const id = additionalData?.hooks?.retryOf;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** The latest execution the inherited records name: n8n's execution IDs count up. */
function latestRecorded(runs: RecordedRun[]): string | undefined {
	const ids = runs.flatMap((run) => [run.executionId, ...Object.values(run.items).map((item) => item.executionId ?? run.executionId)]);
	const numeric = ids.every((id) => /^\d+$/.test(id));
	return ids.sort((a, b) => (numeric ? Number(a) - Number(b) : a.localeCompare(b))).at(-1);
}

/** Ended on its own: an error that is neither a crash nor a cancellation (n8n's Stop, a timeout, a shutdown). */
function endedOnItsOwn(row: IRunExecutionData): boolean {
	const error = row.resultData?.error as (IDataObject & { name?: unknown; message?: unknown }) | undefined;
	if (!error) return false;
	const said = `${String(error.name ?? '')} ${String(error.message ?? '')}`;
	return !/crash|cancel|did not finish/i.test(said);
}

export async function readRetriedExecution(ctx: IExecuteFunctions, inherited: RecordedRun[], proxy: Proxy, runIndex: number): Promise<RetriedExecution> {
	const nodeName = ctx.getNode().name;
	// As the retried execution left them: this is the node's first run in this execution.
	const ranHere = proxy.$(nodeName).isExecuted as boolean;
	const runsHere = Number((proxy.$node as Record<string, { runIndex?: unknown }>)[nodeName]?.runIndex ?? -1) + 1;
	// n8n writes an AI tool's own run before it runs it: the run now under way is not the retried execution's.
	const placeholder = runsHere === runIndex + 1;
	const earlierRuns = placeholder ? runsHere - 1 : runsHere;
	const id = retryOf(ctx) ?? latestRecorded(inherited);
	const who = id ? `execution ${id}` : 'the execution this one retries';

	let row: IRunExecutionData | undefined;
	if (id !== undefined) {
		try {
			row = await ctx.getExecutionDataById(id);
		} catch {
			row = undefined;
		}
	}
	if (row) {
		if (endedOnItsOwn(row)) return { id, unknownRuns: 'none' };
		const stopped = `${who} did not end on its own: n8n stopped it (Stop, a crash, a restart or a worker that died), and what it did after its last save is lost.`;
		const top = row.executionData?.nodeExecutionStack?.[0]?.node?.name;
		const savedRuns = row.resultData?.runData?.[nodeName]?.length ?? 0;
		if (row.resultData?.lastNodeExecuted === undefined || savedRuns > inherited.length) {
			return { id, unknownRuns: 'all', why: `${stopped} It left no record of this node's runs.` };
		}
		if (top === nodeName) return { id, unknownRuns: 'first', why: `${stopped} It was on this node when it stopped, and left no record of what it sent there.` };
		return { id, unknownRuns: 'none' };
	}
	// n8n 1.x without an earlier record: only the run data shows where the retried execution was.
	const dropped = ranHere && runsHere === 0;
	if (dropped || (earlierRuns > 0 && inherited.length === 0)) {
		return {
			id,
			unknownRuns: dropped ? 'first' : 'all',
			why: `${who} ran this node but left no record of what it sent: n8n stopped while the node was sending (a crash, a restart, a worker that died).`,
		};
	}
	return { id, unknownRuns: 'none' };
}
