/** What one emulator knows between requests: its clock, its apps, their counters, the messages it issued. */
import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_DAY_OFFSET_MINUTES, MINUTE } from './constants';
import type { Delivery, EmulatorApp, EmulatorOptions, IssuedMessage, RecipientUsage } from './types';

export interface AppRuntime {
	/** nonce → time it was accepted. */
	nonces: Map<string, number>;
	quotaUsage: number[];
	disabledCalls: number[];
	onlineBroadcasts: number[];
	/** `path msgRandom` → time it was accepted (apps with idempotency). */
	msgRandoms: Map<string, number>;
	/** Messages to listed users accepted within the recipient window, v1 and v4 together. */
	recipientUsage: RecipientUsage[];
}

export interface EmulatorContext {
	readonly now: () => number;
	readonly dayOffsetMs: number;
	readonly apps: Map<string, EmulatorApp>;
	/** Counters per app key; `reset()` clears them. */
	readonly runtime: Map<string, AppRuntime>;
	/** Signatures of requests that passed the whole signature check, in order. */
	readonly acceptedSignatures: string[];
	readonly issued: IssuedMessage[];
	readonly deliveries: Delivery[];
}

export function createContext(options: EmulatorOptions): EmulatorContext {
	const context: EmulatorContext = {
		now: options.now ?? Date.now,
		dayOffsetMs: (options.dayOffsetMinutes ?? DEFAULT_DAY_OFFSET_MINUTES) * MINUTE,
		apps: new Map(),
		runtime: new Map(),
		acceptedSignatures: [],
		issued: [...(options.initialState?.issued ?? [])],
		deliveries: [],
	};
	const { apps } = context;
	for (const app of options.initialState?.apps ?? []) apps.set(app.appKey, { ...app });
	for (const app of options.apps ?? (apps.size ? [] : [{ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET }])) {
		apps.set(app.appKey, { ...app });
	}
	for (const [appKey, usage] of Object.entries(options.initialState?.quotaUsage ?? {})) {
		runtimeOf(context, appKey).quotaUsage.push(...usage);
	}
	for (const [appKey, usage] of Object.entries(options.initialState?.recipientUsage ?? {})) {
		runtimeOf(context, appKey).recipientUsage.push(...usage.map((entry) => ({ ...entry })));
	}
	return context;
}

export function runtimeOf(context: EmulatorContext, appKey: string): AppRuntime {
	let state = context.runtime.get(appKey);
	if (!state) {
		state = { nonces: new Map(), quotaUsage: [], disabledCalls: [], onlineBroadcasts: [], msgRandoms: new Map(), recipientUsage: [] };
		context.runtime.set(appKey, state);
	}
	return state;
}

export function issue(context: EmulatorContext, app: EmulatorApp, path: string, uid: string): void {
	context.issued.push({ appKey: app.appKey, path, uid, sentAt: context.now() });
}
