import { waitFor } from './wait';

/**
 * Two of n8n's Retries of one failed execution started at once meet on the same items. The one that
 * finds the other sending an item (its claim in flight in the shared record, siblingRecords.ts)
 * waits for that request to end, then reports the other's delivery, or sends the item itself when
 * the request provably never arrived, instead of refusing an item that is being delivered.
 */

/** How often a Retry looks again at an item another Retry is sending. */
const SIBLING_POLL_MS = 20;

/**
 * How long a Retry waits for another Retry's request before it gives up and refuses the item in
 * words: the request's Timeout on the primary host and again on the backup, and some slack.
 */
export const siblingWaitLimit = (requestTimeout: number): number => 2 * requestTimeout + 5000;

/**
 * Waits while `sending()` says another Retry has the request on its way, at most `limitMs`; rejects
 * at once when the execution is stopped. True when the other Retry was no longer sending at the last
 * look, false when the limit ran out first. The caller's own `await` lets the other Retry move
 * before it reads the record again: it may find a new claim there, and must wait for that one too.
 */
export async function whileSiblingSends(sending: () => boolean, limitMs: number, stop?: AbortSignal): Promise<boolean> {
	const deadline = Date.now() + limitMs;
	for (;;) {
		if (!sending()) return true;
		if (Date.now() >= deadline) return false;
		await waitFor(SIBLING_POLL_MS, stop);
	}
}
