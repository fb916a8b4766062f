import * as workflow from 'n8n-workflow';

/**
 * Waits `ms`, ending at once (rejecting) when the execution is stopped (n8n's Stop). n8n's rules for
 * community nodes forbid timers of the node's own; these are n8n-workflow's waits: 1.x has
 * sleepWithAbort, 2.x's sleep takes the signal itself. Both clear their timer when the signal
 * fires, so no timer outlives a stop.
 */
export async function waitFor(ms: number, stop?: AbortSignal): Promise<void> {
	const { sleepWithAbort } = workflow as { sleepWithAbort?: (ms: number, signal?: AbortSignal) => Promise<void> };
	if (stop && sleepWithAbort) {
		// 1.x's sleepWithAbort leaves its listener on the signal until the signal fires: a wait for
		// another Retry looks every 20 ms, so it gets a signal of its own, which goes with the wait.
		const own = new AbortController();
		const forward = () => own.abort();
		if (stop.aborted) own.abort();
		else stop.addEventListener('abort', forward, { once: true });
		try {
			return await sleepWithAbort(ms, own.signal);
		} finally {
			stop.removeEventListener('abort', forward);
		}
	}
	return await (workflow.sleep as (ms: number, signal?: AbortSignal) => Promise<void>)(ms, stop);
}
