/**
 * The rate of messages to listed users: so many recipients per second per app (100 documented,
 * `recipientsPerSecond` for an app whose limit was raised), v1 publish.json and v4 message/send
 * together, over a sliding window by arrival time.
 */
import { RECIPIENT_WINDOW_MS, RECIPIENTS_PER_SECOND } from './constants';
import { runtimeOf, type EmulatorContext } from './context';
import { Rejection } from './reply';
import type { EmulatorApp } from './types';

/** Counts `count` recipients at `at`, or refuses the whole request (nothing is delivered) with 429/1008. */
export function takeRecipients(context: EmulatorContext, app: EmulatorApp, at: number, count: number): void {
	const limit = app.recipientsPerSecond ?? RECIPIENTS_PER_SECOND;
	const state = runtimeOf(context, app.appKey);
	state.recipientUsage = state.recipientUsage.filter((entry) => at - entry.at < RECIPIENT_WINDOW_MS);
	const used = state.recipientUsage.reduce((sum, entry) => sum + entry.count, 0);
	if (used + count > limit) {
		throw new Rejection(
			1008,
			`Rate limit: at most ${limit} recipients per second; ${used} in the last second, this request has ${count}. Nothing was sent.`,
		);
	}
	state.recipientUsage.push({ at, count });
}
