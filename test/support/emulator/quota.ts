/** The broadcast family's gate and shared quota (docs/rongcloud-server-api.md#the-endpoints, #error-codes). */
import {
	BROADCAST_QUOTA_PER_DAY,
	BROADCAST_QUOTA_PER_HOUR,
	DAY,
	HOUR,
	MINUTE,
	ONLINE_BROADCAST_PER_MINUTE,
	SERVICE_DISABLED_CALLS_PER_MINUTE,
} from './constants';
import { runtimeOf, type EmulatorContext } from './context';
import { Rejection } from './reply';
import type { EmulatorApp } from './types';

const dayIndex = (context: EmulatorContext, ms: number): number => Math.floor((ms + context.dayOffsetMs) / DAY);

/** The Broadcast Service gate alone: off answers 1009, and continuous calls turn into 1008 (#error-codes). */
export function checkServiceEnabled(context: EmulatorContext, app: EmulatorApp): void {
	if (app.broadcastEnabled !== false) return;
	const state = runtimeOf(context, app.appKey);
	const current = context.now();
	state.disabledCalls = state.disabledCalls.filter((at) => current - at < MINUTE);
	const tooMany = state.disabledCalls.length >= SERVICE_DISABLED_CALLS_PER_MINUTE;
	state.disabledCalls.push(current);
	if (tooMany) throw new Rejection(1008, 'Too many requests: the broadcast service is not enabled.');
	throw new Rejection(1009, 'The broadcast service is not enabled for this app key.');
}

/**
 * Broadcast-family gate. Checked before parameter validation (a rate limiter sits in front
 * of the handlers); only accepted calls are counted (see `consumeQuota`).
 *
 * One quota per app, whichever generation calls: v1 broadcast.json, recall.json and push.json share
 * it (docs/rongcloud-server-api.md), and so do v4 broadcast-all, broadcast/delete and both pushes.
 * v4's sources say only that the two pushes share theirs and leave open whether broadcast-all and
 * recall draw on the same one; the emulator takes the stricter reading.
 */
export function checkBroadcastService(context: EmulatorContext, app: EmulatorApp): void {
	checkServiceEnabled(context, app);
	const state = runtimeOf(context, app.appKey);
	const current = context.now();
	const lastHour = state.quotaUsage.filter((at) => current - at < HOUR).length;
	const today = state.quotaUsage.filter((at) => dayIndex(context, at) === dayIndex(context, current)).length;
	if (lastHour >= BROADCAST_QUOTA_PER_HOUR) {
		throw new Rejection(1008, `Rate limit: at most ${BROADCAST_QUOTA_PER_HOUR} calls per hour.`);
	}
	if (today >= BROADCAST_QUOTA_PER_DAY) {
		throw new Rejection(1008, `Rate limit: at most ${BROADCAST_QUOTA_PER_DAY} calls per day.`);
	}
}

export const consumeQuota = (context: EmulatorContext, app: EmulatorApp): void => {
	runtimeOf(context, app.appKey).quotaUsage.push(context.now());
};

/** Online broadcasts' own rate, v1 and v4 together: checked before validation, counted once accepted. */
export function checkOnlineBroadcastRate(context: EmulatorContext, app: EmulatorApp): void {
	const state = runtimeOf(context, app.appKey);
	const current = context.now();
	state.onlineBroadcasts = state.onlineBroadcasts.filter((at) => current - at < MINUTE);
	if (state.onlineBroadcasts.length >= ONLINE_BROADCAST_PER_MINUTE) {
		throw new Rejection(1008, `Rate limit: at most ${ONLINE_BROADCAST_PER_MINUTE} online broadcasts per minute.`);
	}
}

export const countOnlineBroadcast = (context: EmulatorContext, app: EmulatorApp): void => {
	runtimeOf(context, app.appKey).onlineBroadcasts.push(context.now());
};
