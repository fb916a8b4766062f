/** `msgRandom`, the idempotency key (docs/rongcloud-server-api.md#form-fields-of-messagebroadcastjson). */
import { IDEMPOTENCY_WINDOW_MS } from './constants';
import { runtimeOf, type EmulatorContext } from './context';
import { Rejection } from './reply';
import type { EmulatorApp } from './types';

const MAX_LONG = 2n ** 63n - 1n;

export function checkMsgRandom(form: Record<string, string>): void {
	const value = form.msgRandom;
	if (value === undefined) return;
	if (!/^-?\d{1,19}$/.test(value) || BigInt(value) > MAX_LONG || BigInt(value) < -MAX_LONG - 1n) {
		throw new Rejection(1002, 'msgRandom must be a whole number (a Long).');
	}
}

/** With idempotency on, a msgRandom accepted within the last minute is refused; nothing is sent again. */
export function checkRepeatedMsgRandom(context: EmulatorContext, app: EmulatorApp, path: string, form: Record<string, string>): void {
	if (!app.idempotency || form.msgRandom === undefined) return;
	const state = runtimeOf(context, app.appKey);
	const current = context.now();
	for (const [key, at] of state.msgRandoms) if (current - at >= IDEMPOTENCY_WINDOW_MS) state.msgRandoms.delete(key);
	if (state.msgRandoms.has(`${path} ${form.msgRandom}`)) {
		throw new Rejection(1002, `msgRandom ${form.msgRandom} was already used within 1 minute; the message was not sent again.`);
	}
}

export function rememberMsgRandom(context: EmulatorContext, app: EmulatorApp, path: string, form: Record<string, string>): void {
	if (app.idempotency && form.msgRandom !== undefined) runtimeOf(context, app.appKey).msgRandoms.set(`${path} ${form.msgRandom}`, context.now());
}
