/* eslint-disable
	@n8n/community-nodes/no-dangerous-functions,
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * `npm start`: try the node without a RongCloud account.
 *
 * Brings up real n8n 2.41.1 on http://localhost:5678 with this package installed the way n8n
 * installs community packages, the project's RongCloud emulator as a local sandbox (its quota and
 * issued messages persist in `.e2e/sandbox/emulator-state.json`), two ready credentials pointing
 * at it, "RongCloud Sandbox" (id `rongcloud-sandbox`, RongCloud's v1 API, which every example uses)
 * and "RongCloud Sandbox (Nexconn v4)" (id `rongcloud-sandbox-v4`, API Version v4), the examples
 * imported (they ship with Dry Run on) and the owner account set up; prints the URL, the login and
 * the sandbox's App Key and App Secret (test values, for typing into a credential), and runs until
 * Ctrl-C. The first run installs Node 24 and n8n into the e2e cache
 * (about 5½ minutes and 3 GB; sqlite3 is built with g++, make and python3, checked before it
 * starts; see test/e2e/README.md). n8n listens on 127.0.0.1 only; its log is
 * `<dir>/n8n/logs/main.log`.
 *
 * Later runs keep what you did: workflows you changed, executions, and the credential if you
 * pointed it elsewhere (it is only re-pointed while it still targets a local sandbox). Examples
 * added to examples/ since are imported; delete `.e2e/sandbox/` to start over.
 * The emulator keeps RongCloud's quota (2 broadcast-family calls an hour, 3 a day); its 1008 answer
 * says how to go on: http://127.0.0.1:<emulator port>/sandbox/reset-quota (GET or POST) or
 * `npm run sandbox:reset-quota` make it forget the quota while everything runs, and
 * `npm start -- --reset-quota` does it at start (the messages it issued are kept, so they can
 * still be recalled).
 *
 * Environment: SANDBOX_PORT (n8n, default 5678), SANDBOX_EMULATOR_PORT (default 5680),
 * SANDBOX_DIR (default .e2e/sandbox), E2E_SKIP_BUILD=1 (pack dist/ as it is).
 *
 * For scripts, one line `SANDBOX READY {json}` is printed once everything is up.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { SANDBOX_RESET_PATH } from '../support/emulator-cli';
import { REPO_ROOT, startEmulatorProcess, type EmulatorHandle } from './emulator';
import { V4_CREDENTIAL } from './workflows';
import { CREDENTIAL_TYPE, exampleWorkflows, rongCloudCredential } from './harness';
import { cacheRoot, ensureN8nInstalls } from './install-n8n';
import { N8n, OWNER } from './n8n';
import { buildAndPack } from './package';
import { onInterrupt } from './proc';

export const SANDBOX_VERSION = '2.41.1';
export const SANDBOX_APP_KEY = 'sandbox-app-key';
export const SANDBOX_APP_SECRET = 'sandbox-app-secret';
export const SANDBOX_EMULATOR_PORT = 5680;

/** The sandbox's credentials: one per API generation, both on the sandbox emulator. */
const SANDBOX_CREDENTIALS = [
	{ id: 'rongcloud-sandbox', name: 'RongCloud Sandbox', data: {} },
	{ ...V4_CREDENTIAL, data: { apiVersion: 'v4' } },
];

function say(line: string): void {
	process.stdout.write(`${line}\n`);
}

function portFromEnv(name: string, fallback: number): number {
	const value = Number(process.env[name] ?? fallback);
	if (!Number.isInteger(value) || value <= 0 || value > 65535) throw new Error(`${name} must be a port number`);
	return value;
}

const RESET_QUOTA_FLAG = '--reset-quota';

/**
 * Forget the broadcast quota the emulator counted (it survives restarts, as RongCloud's does);
 * apps and issued messages stay, so earlier broadcasts can still be recalled.
 */
function resetQuota(statePath: string): string {
	if (!existsSync(statePath)) return 'no quota used yet';
	const state = JSON.parse(readFileSync(statePath, 'utf8')) as { quotaUsage?: Record<string, number[]> };
	const calls = Object.values(state.quotaUsage ?? {}).reduce((sum, times) => sum + times.length, 0);
	delete state.quotaUsage;
	writeFileSync(statePath, JSON.stringify(state, null, '\t'));
	return `the emulator forgot the ${calls} broadcast call(s) it had counted`;
}

/** The first run builds sqlite3 from source: say what is missing before minutes of installing. */
function missingBuildTools(): string[] {
	return ['g++', 'make', 'python3'].filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
}

/** Ids of the workflows (or credentials) an n8n export printed to `file`. */
function exportedIds(file: string): Array<Record<string, unknown>> {
	if (!existsSync(file)) return [];
	const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
	return Array.isArray(parsed) ? (parsed as Array<Record<string, unknown>>) : [];
}

async function main(): Promise<void> {
	const started = Date.now();
	const port = portFromEnv('SANDBOX_PORT', 5678);
	const emulatorPort = portFromEnv('SANDBOX_EMULATOR_PORT', SANDBOX_EMULATOR_PORT);
	const dir = resolve(process.env.SANDBOX_DIR ?? join(REPO_ROOT, '.e2e', 'sandbox'));
	mkdirSync(dir, { recursive: true });
	const unknownArguments = process.argv.slice(2).filter((arg) => arg !== RESET_QUOTA_FLAG);
	if (unknownArguments.length > 0) throw new Error(`unknown argument ${unknownArguments.join(' ')} (the only one is ${RESET_QUOTA_FLAG})`);
	const installed = existsSync(join(cacheRoot(), `n8n-${SANDBOX_VERSION}`, '.e2e-install.json'));
	if (installed) {
		say(`[sandbox] n8n ${SANDBOX_VERSION}, installed in ${cacheRoot()}`);
	} else {
		say(`[sandbox] first run: installing Node 24 and n8n ${SANDBOX_VERSION} into ${cacheRoot()}: about 5½ minutes and 3 GB (later starts take seconds)`);
		const missing = missingBuildTools();
		if (missing.length > 0) {
			throw new Error(`the first run builds sqlite3 from source and needs g++, make and python3; missing: ${missing.join(', ')} (Debian/Ubuntu: apt-get install g++ make python3)`);
		}
	}
	const [install] = await ensureN8nInstalls({ versions: [SANDBOX_VERSION] });
	const packDir = join(dir, 'package');
	rmSync(packDir, { recursive: true, force: true });
	mkdirSync(packDir, { recursive: true });
	const pkg = buildAndPack(packDir, (line) => say(line.replace('[e2e]', '[sandbox]')));

	// Undefined until started: Ctrl-C may call shutdown() while either is still starting.
	let emulator: EmulatorHandle | undefined = undefined;
	let n8n: N8n | undefined = undefined;
	let stopping = false;
	const shutdown = async (code: number, why: string): Promise<never> => {
		if (!stopping) {
			stopping = true;
			say(`[sandbox] ${why}: stopping n8n and the RongCloud emulator`);
			await n8n?.stop().catch(() => undefined);
			await emulator?.stop().catch(() => undefined);
			say('[sandbox] stopped');
			process.exit(code);
		}
		return await new Promise<never>(() => undefined);
	};
	onInterrupt((signal) => void shutdown(0, signal));

	const statePath = join(dir, 'emulator-state.json');
	if (process.argv.includes(RESET_QUOTA_FLAG)) say(`[sandbox] ${RESET_QUOTA_FLAG}: ${resetQuota(statePath)}`);
	emulator = await startEmulatorProcess(dir, {
		port: emulatorPort,
		appKey: SANDBOX_APP_KEY,
		appSecret: SANDBOX_APP_SECRET,
		statePath,
		logFile: join(dir, 'emulator-requests.jsonl'),
		sandbox: true,
	});
	say(`[sandbox] RongCloud emulator on ${emulator.baseUrl} (state ${statePath})`);

	const url = `http://localhost:${port}`;
	n8n = await N8n.create(install, {
		name: 'sandbox',
		root: join(dir, 'n8n'),
		port,
		netGuard: false,
		log: (line) => say(`[sandbox] ${line}`),
		env: urlsFor(url, install.major),
	});
	const firstRun = !existsSync(join(n8n.userFolder, '.n8n', 'database.sqlite'));
	await n8n.installPackageTarball(pkg.tarball);

	// The credentials: created on the first run, re-pointed at this emulator while still a local sandbox.
	const credentialsFile = join(n8n.root, 'export-credentials.json');
	if (!firstRun) await n8n.cli(['export:credentials', '--all', '--decrypted', `--output=${credentialsFile}`]);
	const exported = exportedIds(credentialsFile);
	rmSync(credentialsFile, { force: true });
	const credentialActions: Record<string, string> = {};
	const toImport: Array<Record<string, unknown>> = [];
	for (const credential of SANDBOX_CREDENTIALS) {
		const stored = exported.find((c) => c.id === credential.id);
		const storedData = (stored?.data ?? {}) as Record<string, unknown>;
		const stillSandbox = !stored || (storedData.region === 'custom' && /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(String(storedData.baseUrl ?? '')));
		credentialActions[credential.id] = !stillSandbox ? 'kept (you pointed it elsewhere)' : stored ? 'pointed at the emulator' : 'created';
		if (stillSandbox) toImport.push(rongCloudCredential(emulator, credential));
	}
	if (toImport.length > 0) await n8n.importCredentials(toImport);
	const credentialAction = credentialActions['rongcloud-sandbox'];

	// The examples: every one not in n8n yet (your changes to imported ones are kept).
	const workflowsFile = join(n8n.root, 'export-workflows.json');
	if (!firstRun) await n8n.cli(['export:workflow', '--all', `--output=${workflowsFile}`]);
	const present = new Set(exportedIds(workflowsFile).map((w) => String(w.id)));
	rmSync(workflowsFile, { force: true });
	const examples = exampleWorkflows().filter((e) => !present.has(String(e.workflow.id)));
	if (examples.length > 0) await n8n.importWorkflow(examples.map((e) => e.workflow));

	await n8n.start();
	try {
		await n8n.setupOwner();
	} catch {
		await n8n.login();
	}
	const n8nProcess = n8n.mainProcess();
	void n8nProcess?.wait().then((code) => shutdown(1, `n8n exited (${code}); log ${n8nProcess.logFile}`));

	const resetQuotaUrl = `${emulator.baseUrl}${SANDBOX_RESET_PATH}`;
	const info = {
		url,
		email: OWNER.email,
		password: OWNER.password,
		emulator: emulator.baseUrl,
		appKey: SANDBOX_APP_KEY,
		appSecret: SANDBOX_APP_SECRET,
		resetQuotaUrl,
		credential: { id: 'rongcloud-sandbox', name: 'RongCloud Sandbox', type: CREDENTIAL_TYPE, action: credentialAction },
		credentials: SANDBOX_CREDENTIALS.map(({ id, name }) => ({ id, name, type: CREDENTIAL_TYPE, action: credentialActions[id] })),
		examplesImported: examples.map((e) => String(e.workflow.id)),
		firstRun,
		dir,
		n8nRoot: n8n.root,
		requestLog: emulator.logFile,
		n8nLog: n8nProcess?.logFile,
		statePath,
		seconds: Math.round((Date.now() - started) / 1000),
	};
	say('');
	say(`  n8n ${install.version} with ${pkg.name}@${pkg.version} is running: ${url} (it listens on 127.0.0.1 only: open it on this machine)`);
	say(`  Log in as ${OWNER.email} / ${OWNER.password}`);
	for (const { id, name } of SANDBOX_CREDENTIALS) {
		say(`  Credential "${name}" (${credentialActions[id]}) → local RongCloud emulator ${emulator.baseUrl}`);
	}
	say(`  The sandbox app (test values, not secrets; type them into a credential to try the dialog): App Key ${SANDBOX_APP_KEY}, App Secret ${SANDBOX_APP_SECRET}, Region Custom, Base URL ${emulator.baseUrl}`);
	say(`  Examples (already imported, with Dry Run on: turn it off in a node's Options to send): ${exampleWorkflows().map((e) => String(e.workflow.name)).join('; ')}${examples.length > 0 ? ` (${examples.length} imported now)` : ''}`);
	say(`  The emulator keeps RongCloud's quota across restarts: 2 broadcasts or recalls an hour, 3 a day, then code 1008.`);
	say(`  To reset the quota while it runs: open ${resetQuotaUrl} or run npm run sandbox:reset-quota (at start: npm start -- ${RESET_QUOTA_FLAG})`);
	say(`  n8n's log: ${n8nProcess?.logFile ?? join(n8n.root, 'logs', 'main.log')}`);
	say(`  Every request the emulator receives: ${emulator.logFile}`);
	say(`  Everything lives in ${dir} (delete it to start over). Ctrl-C stops n8n and the emulator.`);
	say('');
	say(`SANDBOX READY ${JSON.stringify(info)}`);
}

/** Editor and webhook URLs as the user types them (n8n's own defaults would say 127.0.0.1). */
function urlsFor(url: string, major: number): Record<string, string> {
	return {
		N8N_EDITOR_BASE_URL: `${url}/`,
		...(major >= 2 ? { N8N_WEBHOOK_URL: `${url}/` } : { WEBHOOK_URL: `${url}/` }),
	};
}

main().catch((error: unknown) => {
	say(`[sandbox] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
	process.exit(1);
});
