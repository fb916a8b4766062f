/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * The project's RongCloud emulator (test/support/emulator-cli.ts) as a child process of the
 * e2e suite: started with tsx on a free loopback port (see freePort), every request it receives appended to a
 * JSON-lines log that the scenarios read back.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { RecordedRequest } from '../support/emulator';
import type { QueuedFault } from '../support/emulator-cli';
import { freePort, ManagedProcess, waitFor } from './proc';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const EMULATOR_CLI = join(REPO_ROOT, 'test', 'support', 'emulator-cli.ts');

/** One request as the emulator logs it: the emulator's own record, read back from its JSON-lines log. */
export type EmulatorRequest = RecordedRequest;

export interface EmulatorOptions {
	appKey?: string;
	appSecret?: string;
	/** Start the app without the broadcast service (answers 1009, then 1008). */
	broadcastDisabled?: boolean;
	/** Keep quota and issued messages across restarts in this file. */
	statePath?: string;
	/** Listen on this port (default: a free one). */
	port?: number;
	/** Append the request log to this file (default: a new file in the folder given). */
	logFile?: string;
	/** Faults queued at start, as the emulator's `failNext` takes them. */
	faults?: QueuedFault[];
	/** The `npm start` sandbox's emulator: 1008 answers say how to reset the quota, which /sandbox/reset-quota does (emulator-cli.ts). */
	sandbox?: boolean;
}

export interface EmulatorHandle {
	baseUrl: string;
	port: number;
	appKey: string;
	appSecret: string;
	logFile: string;
	/** Every request received so far, in arrival order. */
	requests(): EmulatorRequest[];
	/** Wait until at least `count` requests arrived; returns all of them. */
	waitForRequests(count: number, timeoutMs?: number): Promise<EmulatorRequest[]>;
	stop(): Promise<void>;
}

export const DEFAULT_EMULATOR_APP_KEY = 'e2e-app-key';
export const DEFAULT_EMULATOR_APP_SECRET = 'e2e-app-secret';

export function emulatorAvailable(): boolean {
	return existsSync(EMULATOR_CLI);
}

export async function startEmulatorProcess(dir: string, options: EmulatorOptions = {}): Promise<EmulatorHandle> {
	if (!emulatorAvailable()) {
		throw new Error(`The RongCloud emulator is not in this checkout (${EMULATOR_CLI})`);
	}
	const appKey = options.appKey ?? DEFAULT_EMULATOR_APP_KEY;
	const appSecret = options.appSecret ?? DEFAULT_EMULATOR_APP_SECRET;
	const logFile = options.logFile ?? join(dir, `emulator-requests-${Date.now()}.jsonl`);
	const tsx = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
	const args = [tsx, EMULATOR_CLI, '--port', String(options.port ?? (await freePort())), '--app-key', appKey, '--app-secret', appSecret, '--log', logFile];
	if (options.broadcastDisabled) args.push('--broadcast-disabled');
	if (options.statePath) args.push('--state', options.statePath);
	if (options.faults?.length) args.push('--faults', JSON.stringify(options.faults));
	if (options.sandbox) args.push('--sandbox');
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!key.startsWith('RONGCLOUD_EMULATOR_')) env[key] = value;
	}
	const proc = new ManagedProcess('rongcloud emulator', process.execPath, args, {
		cwd: REPO_ROOT,
		env,
		logFile: join(dir, 'emulator.log'),
	});
	const match = await proc.waitForOutput(/^(\{.*"baseUrl".*\})$/m, 30_000);
	const info = JSON.parse(match[1]) as { baseUrl: string; port: number };
	const requests = (): EmulatorRequest[] => {
		if (!existsSync(logFile)) return [];
		return readFileSync(logFile, 'utf8')
			.split('\n')
			.filter((line) => line.trim() !== '')
			.map((line) => JSON.parse(line) as EmulatorRequest);
	};
	return {
		baseUrl: info.baseUrl,
		port: info.port,
		appKey,
		appSecret,
		logFile,
		requests,
		async waitForRequests(count, timeoutMs = 30_000) {
			return await waitFor(
				`${count} request(s) at the RongCloud emulator`,
				() => {
					const all = requests();
					return all.length >= count ? all : undefined;
				},
				timeoutMs,
				100,
			);
		},
		async stop() {
			await proc.stop('SIGTERM', 5000);
		},
	};
}

/**
 * Forget the broadcast quota an emulator started with `statePath` has counted, as RongCloud does
 * when the hour has passed; apps and issued messages stay. Only while that emulator is stopped:
 * it rewrites the file after every request.
 */
export function forgetQuota(statePath: string): void {
	const state = JSON.parse(readFileSync(statePath, 'utf8')) as { quotaUsage?: Record<string, number[]> };
	state.quotaUsage = {};
	writeFileSync(statePath, JSON.stringify(state, null, '\t'));
}
