/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * Run the RongCloud emulator as its own process (for the e2e suite and the `npm start` sandbox):
 *
 *   npx tsx test/support/emulator-cli.ts [--port 0] [--app-key K] [--app-secret S]
 *       [--broadcast-disabled] [--state state.json] [--log requests.jsonl] [--faults '[...]']
 *       [--recipients-per-second 100] [--v4-id-name messageId|messageUID] [--sandbox]
 *
 * Each option can also come from the environment: RONGCLOUD_EMULATOR_PORT, _APP_KEY,
 * _APP_SECRET, _BROADCAST_DISABLED=1, _STATE, _LOG, _RECIPIENTS_PER_SECOND, _V4_ID_NAME, _SANDBOX=1
 * (argv wins). _RECIPIENTS_PER_SECOND and _V4_ID_NAME are the app's EmulatorApp settings of the same names.
 * `--sandbox` is the `npm start` sandbox's: every 1008 answer ends with how to reset the quota, and
 * GET or POST `/sandbox/reset-quota` forgets it (and the rate counters) while the emulator runs,
 * keeping the issued messages, so they can still be recalled.
 *
 * When listening it prints exactly one JSON line on stdout, `{"baseUrl":...,"port":...,...}`,
 * so a parent process can read the address. With `--log`, every recorded request is
 * appended to that file as one JSON line once it is final (answered, hung or reset), so
 * another process can assert on what arrived. With `--state`, apps, quota usage and issued
 * messageUIDs are loaded from that JSON file at start and written back after every request:
 * the quota survives a restart like the real one does. `--faults` takes a JSON array of
 * `{ "fault": {...}, "times": N, "path": "...", "skip": N }`, each queued as `failNext` would.
 * SIGINT/SIGTERM close the server and exit 0.
 */
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import {
	DEFAULT_APP_KEY,
	DEFAULT_APP_SECRET,
	type EmulatorApp,
	type EmulatorState,
	type Fault,
	type FaultOptions,
	type RongCloudEmulator,
	startEmulator,
} from './emulator';

export interface CliConfig {
	port: number;
	appKey: string;
	appSecret: string;
	broadcastEnabled: boolean;
	statePath?: string;
	logPath?: string;
	faults: QueuedFault[];
	recipientsPerSecond?: number;
	v4IdName?: EmulatorApp['v4IdName'];
	/** The sandbox's rate-limit note and quota reset (see the top of this file). */
	sandbox?: true;
}

/** Where the sandbox emulator forgets its quota, by GET or POST. */
export const SANDBOX_RESET_PATH = '/sandbox/reset-quota';

/** The words every 1008 answer of the sandbox emulator ends with. */
export const sandboxRateLimitNote = (baseUrl: string): string =>
	`Sandbox: reset the quota at ${baseUrl}${SANDBOX_RESET_PATH} (or npm run sandbox:reset-quota)`;

export type QueuedFault = FaultOptions & { fault: Fault };

export function parseCliConfig(argv: string[], env: NodeJS.ProcessEnv): CliConfig {
	const { values } = parseArgs({
		args: argv,
		options: {
			port: { type: 'string' },
			'app-key': { type: 'string' },
			'app-secret': { type: 'string' },
			'broadcast-disabled': { type: 'boolean' },
			state: { type: 'string' },
			log: { type: 'string' },
			faults: { type: 'string' },
			'recipients-per-second': { type: 'string' },
			'v4-id-name': { type: 'string' },
			sandbox: { type: 'boolean' },
		},
		strict: true,
	});
	const portText = values.port ?? env.RONGCLOUD_EMULATOR_PORT ?? '0';
	const port = Number(portText);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${portText}`);
	const disabledEnv = env.RONGCLOUD_EMULATOR_BROADCAST_DISABLED;
	const rateText = values['recipients-per-second'] ?? env.RONGCLOUD_EMULATOR_RECIPIENTS_PER_SECOND;
	const recipientsPerSecond = rateText === undefined ? undefined : Number(rateText);
	if (recipientsPerSecond !== undefined && !(Number.isInteger(recipientsPerSecond) && recipientsPerSecond > 0)) {
		throw new Error(`Invalid recipients per second: ${rateText}`);
	}
	const v4IdName = values['v4-id-name'] ?? env.RONGCLOUD_EMULATOR_V4_ID_NAME;
	if (v4IdName !== undefined && v4IdName !== 'messageId' && v4IdName !== 'messageUID') {
		throw new Error(`Invalid v4 id name: ${v4IdName} (messageId or messageUID)`);
	}
	return {
		port,
		appKey: values['app-key'] ?? env.RONGCLOUD_EMULATOR_APP_KEY ?? DEFAULT_APP_KEY,
		appSecret: values['app-secret'] ?? env.RONGCLOUD_EMULATOR_APP_SECRET ?? DEFAULT_APP_SECRET,
		broadcastEnabled: !(values['broadcast-disabled'] ?? (disabledEnv === '1' || disabledEnv === 'true')),
		statePath: values.state ?? env.RONGCLOUD_EMULATOR_STATE,
		logPath: values.log ?? env.RONGCLOUD_EMULATOR_LOG,
		faults: JSON.parse(values.faults ?? env.RONGCLOUD_EMULATOR_FAULTS ?? '[]') as QueuedFault[],
		recipientsPerSecond,
		v4IdName,
		// Left out when off, so a config without it reads as before.
		sandbox: values.sandbox || env.RONGCLOUD_EMULATOR_SANDBOX === '1' ? true : undefined,
	};
}

function loadState(path: string | undefined): EmulatorState | undefined {
	if (!path || !existsSync(path)) return undefined;
	return JSON.parse(readFileSync(path, 'utf8')) as EmulatorState;
}

/** Write-then-rename so a reader never sees half a file. */
function saveState(path: string, state: EmulatorState): void {
	const temporary = `${path}.${process.pid}.tmp`;
	writeFileSync(temporary, JSON.stringify(state, null, '\t'));
	renameSync(temporary, path);
}

export async function runCli(config: CliConfig): Promise<RongCloudEmulator> {
	const initialState = loadState(config.statePath);
	const app: EmulatorApp = {
		appKey: config.appKey,
		appSecret: config.appSecret,
		broadcastEnabled: config.broadcastEnabled,
		...(config.recipientsPerSecond === undefined ? {} : { recipientsPerSecond: config.recipientsPerSecond }),
		...(config.v4IdName === undefined ? {} : { v4IdName: config.v4IdName }),
	};
	// The app given on the command line wins over one of the same key in the state file.
	const apps = [...(initialState?.apps ?? []).filter((a) => a.appKey !== app.appKey), app];
	// onRequest reads it only once requests arrive, i.e. after startEmulator has returned.
	const emulator: RongCloudEmulator = await startEmulator({
		port: config.port,
		apps,
		initialState,
		...(config.sandbox
			? {
					rateLimitNote: sandboxRateLimitNote,
					controls: {
						[SANDBOX_RESET_PATH]: (running: RongCloudEmulator) => {
							const forgotten = running.forgetQuota();
							if (config.statePath) saveState(config.statePath, running.exportState());
							return { reset: true, forgotten, message: `The sandbox forgot the ${forgotten} quota call(s) it had counted; issued messages are kept.` };
						},
					},
				}
			: {}),
		onRequest(request) {
			if (config.logPath) appendFileSync(config.logPath, `${JSON.stringify(request)}\n`);
			if (config.statePath) saveState(config.statePath, emulator.exportState());
		},
	});
	if (config.statePath) saveState(config.statePath, emulator.exportState());
	for (const { fault, ...options } of config.faults) emulator.failNext(fault, options);
	return emulator;
}

async function main(): Promise<void> {
	const config = parseCliConfig(process.argv.slice(2), process.env);
	const emulator = await runCli(config);
	process.stdout.write(
		`${JSON.stringify({
			baseUrl: emulator.baseUrl,
			port: emulator.port,
			appKey: config.appKey,
			pid: process.pid,
		})}\n`,
	);
	const stop = (): void => {
		void emulator.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
		process.exit(1);
	});
}
