import { waitFor } from './wait';

/**
 * Keeps an app's listed-user sends within RongCloud's rate (recipients a second), so that none is
 * refused for speed: before a request, wait until the recipients of the requests of the last second,
 * plus its own, fit the limit.
 *
 * A request counts from the moment its answer arrived, not from when it left: RongCloud counts a
 * request when it arrives, which is somewhere between the two, so measuring from the answer keeps
 * two requests a full second apart on RongCloud's side whatever the network does on the way.
 *
 * Module state on purpose: two runs (or two executions) sending with the same app in this process
 * share the app's one limit.
 */
interface Sent {
	answeredAt: number;
	recipients: number;
}

const WINDOW_MS = 1000;
const sentByApp = new Map<string, Sent[]>();

/** The clock and the wait, replaceable by tests (a fake clock instead of real seconds). */
export const pacingClock = {
	now: (): number => Date.now(),
	/** Ends at once when the execution is stopped (n8n's Stop), rejecting. */
	wait: async (ms: number, stop?: AbortSignal): Promise<void> => await waitFor(ms, stop),
};

/** How long a request of `recipients` must wait, at `limit` recipients a second, after these sends. */
export function waitBefore(sent: Sent[], recipients: number, limit: number, now: number): number {
	const recent = sent.filter(({ answeredAt }) => answeredAt > now - WINDOW_MS);
	let inWindow = recent.reduce((sum, { recipients: count }) => sum + count, 0);
	// A request larger than the limit (another run of the app may pace at a higher one) goes alone,
	// once the window is empty: it never fits otherwise, and would wait for ever.
	const fits = () => inWindow === 0 || inWindow + recipients <= limit;
	if (fits()) return 0;
	// Oldest first: the wait ends when enough of the window's recipients have left it. A request
	// still unanswered leaves it a second after its answer at the earliest: wait and look again.
	for (const { answeredAt, recipients: count } of [...recent].sort((a, b) => a.answeredAt - b.answeredAt)) {
		inWindow -= count;
		if (fits()) return (Number.isFinite(answeredAt) ? answeredAt : now) + WINDOW_MS - now;
	}
	return WINDOW_MS;
}

/** Waits, if need be, until a request of `recipients` fits the app's rate; then returns what to call when it is answered. */
export async function paceRequest(app: string, recipients: number, limit: number, stop?: AbortSignal): Promise<() => void> {
	for (;;) {
		const now = pacingClock.now();
		const sent = (sentByApp.get(app) ?? []).filter(({ answeredAt }) => answeredAt > now - WINDOW_MS);
		sentByApp.set(app, sent);
		const wait = waitBefore(sent, recipients, limit, now);
		if (wait <= 0) break;
		await pacingClock.wait(wait, stop);
	}
	// Counted from now until its answer arrives: another run of this process waits for it too.
	const entry: Sent = { answeredAt: Number.POSITIVE_INFINITY, recipients };
	sentByApp.set(app, [...(sentByApp.get(app) ?? []), entry]);
	return () => {
		entry.answeredAt = pacingClock.now();
	};
}
