/** Signing (docs/rongcloud-server-api.md#signing): the signature, and the checks the real server makes of it. */
import { createHash, randomBytes } from 'node:crypto';

import { MAX_NONCE_LENGTH, TIMESTAMP_TOLERANCE_MS } from './constants';
import { runtimeOf, type EmulatorContext } from './context';
import { Rejection } from './reply';
import type { EmulatorApp } from './types';

/** Lower-case hex SHA1(appSecret + nonce + timestamp): the documented signature. */
export function computeSignature(appSecret: string, nonce: string, timestamp: string): string {
	return createHash('sha1').update(appSecret + nonce + timestamp).digest('hex');
}

/** Headers for a correctly signed call; handy for tests and scripts that hit the emulator directly. */
export function signedHeaders(
	appKey: string,
	appSecret: string,
	options: { nonce?: string; timestamp?: string | number } = {},
): Record<string, string> {
	const nonce = options.nonce ?? randomBytes(8).toString('hex');
	const timestamp = String(options.timestamp ?? Date.now());
	return {
		'App-Key': appKey,
		Nonce: nonce,
		Timestamp: timestamp,
		Signature: computeSignature(appSecret, nonce, timestamp),
	};
}

/** A signing header as sent, plain or with the `RC-` prefix. */
export const header = (headers: Record<string, string>, name: string): string | undefined =>
	headers[name] ?? headers[`rc-${name}`];

/** Whether the signature matches a known app; no clock or replay checks, no side effects. */
export function signatureMatches(context: EmulatorContext, headers: Record<string, string>): boolean {
	const appKey = header(headers, 'app-key');
	const nonce = header(headers, 'nonce');
	const timestamp = header(headers, 'timestamp');
	const signature = header(headers, 'signature');
	const app = appKey === undefined ? undefined : context.apps.get(appKey);
	if (!app || nonce === undefined || timestamp === undefined || signature === undefined) return false;
	return signature === computeSignature(app.appSecret, nonce, timestamp);
}

/**
 * The full check the real server does; records the nonce on success (replay protection). v4's auth
 * page documents the Timestamp in milliseconds only (`v4`), where v1 takes seconds too.
 */
export function authenticate(context: EmulatorContext, headers: Record<string, string>, v4 = false): EmulatorApp {
	const appKey = header(headers, 'app-key');
	const nonce = header(headers, 'nonce');
	const timestamp = header(headers, 'timestamp');
	const signature = header(headers, 'signature');
	if (appKey === undefined || appKey === '') throw new Rejection(1004, 'App-Key header is missing.');
	const app = context.apps.get(appKey);
	if (!app) throw new Rejection(1001, `Unknown App-Key: ${appKey}.`);
	if (nonce === undefined || nonce === '') throw new Rejection(1004, 'Nonce header is missing.');
	if (timestamp === undefined || timestamp === '') throw new Rejection(1004, 'Timestamp header is missing.');
	if (signature === undefined || signature === '') throw new Rejection(1004, 'Signature header is missing.');
	if (nonce.length > MAX_NONCE_LENGTH) {
		throw new Rejection(1004, `Nonce is longer than ${MAX_NONCE_LENGTH} characters.`);
	}
	if (!/^\d+$/.test(timestamp)) throw new Rejection(1004, 'Timestamp must be digits (ms or s since the epoch).');
	if (v4 && timestamp.length < 13) throw new Rejection(1004, 'Timestamp must be in milliseconds on the v4 API.');
	// 13+ digits are milliseconds, fewer are seconds: the server accepts both.
	const timestampMs = timestamp.length >= 13 ? Number(timestamp) : Number(timestamp) * 1000;
	const current = context.now();
	if (Math.abs(current - timestampMs) > TIMESTAMP_TOLERANCE_MS) {
		throw new Rejection(1004, 'Timestamp is too far from the server time.');
	}
	if (signature !== computeSignature(app.appSecret, nonce, timestamp)) {
		throw new Rejection(1004, 'Signature verification failed.');
	}
	const state = runtimeOf(context, appKey);
	// Nonces older than twice the window can no longer pass the timestamp check anyway.
	for (const [seen, at] of state.nonces) if (current - at > 2 * TIMESTAMP_TOLERANCE_MS) state.nonces.delete(seen);
	if (state.nonces.has(nonce)) throw new Rejection(1004, 'Nonce has already been used (replay).');
	state.nonces.set(nonce, current);
	context.acceptedSignatures.push(signature);
	return app;
}
