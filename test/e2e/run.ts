/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * The end-to-end suite: real n8n, the project's package installed as a community package.
 *
 *   npm run test:e2e                      every scenario on every n8n version
 *   E2E_N8N_VERSIONS=2.41.1 npm run test:e2e
 *   E2E_SCENARIOS=cli-execute,webhook npm run test:e2e   (substring match on names)
 *   E2E_SKIP_BUILD=1 ...                  reuse dist/ as it is (still packs it)
 *   E2E_KEEP=1 ...                        keep every instance folder (they are kept on failure anyway)
 *
 * 1. installs n8n (install-n8n.ts; cached outside the repo), 2. `npm run build` and
 * `npm pack`, 3. runs each scenario of scenarios.ts on each n8n version in a fresh n8n, and
 * prints `PASS <version> <scenario>` / `FAIL <version> <scenario>` / `SKIP ...` lines, then
 * `N passed, N failed` (`, N skipped` when any); exits non-zero on any failure.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { EMULATOR_CLI, emulatorAvailable, startEmulatorProcess, type EmulatorHandle, type EmulatorOptions } from './emulator';
import { SkipError, skip, type PackageUnderTest, type Scenario, type ScenarioContext } from './harness';
import { ensureN8nInstalls, type N8nInstall } from './install-n8n';
import { N8n, type QueueServices } from './n8n';
import { buildAndPack } from './package';
import { tailOf } from './proc';
import { SCENARIOS } from './scenarios';
import { ensureQueueServicePackages, startPostgres, startRedis } from './services';

function say(line: string): void {
	process.stdout.write(`${line}\n`);
}

function listFromEnv(name: string): string[] | undefined {
	const value = process.env[name];
	if (!value || value.trim() === '') return undefined;
	return value
		.split(',')
		.map((v) => v.trim())
		.filter(Boolean);
}

interface Outcome {
	status: 'PASS' | 'FAIL' | 'SKIP';
	detail?: string;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} timed out after ${Math.round(ms / 1000)} s`)), ms);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/** What scenarios measured (ScenarioContext.report), printed together after the last scenario. */
const reports: string[] = [];

async function runScenario(install: N8nInstall, scenario: Scenario, pkg: PackageUnderTest, runDir: string): Promise<Outcome> {
	const label = `n8n ${install.version}`;
	const workDir = mkdtempSync(join(runDir, `${install.version}-${scenario.name}-`));
	// Readable by the postgres user (queue mode runs PostgreSQL as that user).
	chmodSync(workDir, 0o755);
	const cleanups: Array<() => Promise<void>> = [];
	let n8n: N8n | undefined;
	let failed = true;
	const log = (line: string): void => say(`  [${scenario.name}] [${label}] ${line}`);
	try {
		const body = async (): Promise<void> => {
			let queue: QueueServices | undefined;
			const unsupported = scenario.skipOn?.(install);
			if (unsupported) skip(unsupported);
			if (scenario.emulator && !emulatorAvailable()) {
				// Hook: the emulator (test/support/emulator-cli.ts) is written separately; without it
				// the scenarios that need it cannot run.
				skip(`the RongCloud emulator is not in this checkout (${EMULATOR_CLI})`);
			}
			if (scenario.queue) {
				ensureQueueServicePackages(log);
				const postgres = await startPostgres(join(workDir, 'postgres'), log);
				cleanups.push(() => postgres.stop());
				const redis = await startRedis(join(workDir, 'redis'), log);
				cleanups.push(() => redis.stop());
				queue = { postgres, redis };
			}
			n8n = await N8n.create(install, {
				name: scenario.name,
				parentDir: workDir,
				queue,
				env: scenario.env,
				log: (line) => say(`  [${scenario.name}] ${line}`),
			});
			const instance = n8n;
			if (scenario.installPackage !== false) await instance.installPackageTarball(pkg.tarball);
			const emulators: EmulatorHandle[] = [];
			const startEmulator = async (options?: EmulatorOptions): Promise<EmulatorHandle> => {
				const handle = await startEmulatorProcess(workDir, options);
				emulators.push(handle);
				cleanups.push(() => handle.stop());
				log(`RongCloud emulator on ${handle.baseUrl}`);
				return handle;
			};
			if (scenario.emulator) {
				await startEmulator(scenario.emulator === true ? undefined : scenario.emulator);
			}
			const ctx: ScenarioContext = {
				install,
				version: install.version,
				major: install.major,
				n8n: instance,
				get emulator(): EmulatorHandle {
					if (emulators.length === 0) throw new Error(`scenario ${scenario.name} did not ask for an emulator`);
					return emulators[0];
				},
				startEmulator,
				pkg,
				workDir,
				log,
				report: (line) => {
					log(`REPORT ${line}`);
					reports.push(`${install.version} ${scenario.name}: ${line}`);
				},
				skip,
			};
			await scenario.run(ctx);
			const attempts = instance.blockedNetworkAttempts();
			if (attempts.length > 0) {
				const hosts = [...new Set(attempts.map((a) => `${a.kind} ${a.host}${a.port ? `:${a.port}` : ''}`))];
				throw new Error(`n8n tried to reach the network: ${hosts.join(', ')}\n  first at: ${attempts[0].stack}`);
			}
		};
		await withTimeout(body(), scenario.timeoutMs ?? 180_000, `${scenario.name} on ${label}`);
		failed = false;
		return { status: 'PASS' };
	} catch (error) {
		if (error instanceof SkipError) {
			failed = false;
			return { status: 'SKIP', detail: error.message };
		}
		const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
		return { status: 'FAIL', detail: message };
	} finally {
		const instance = n8n as N8n | undefined;
		if (instance) {
			if (failed) {
				const main = instance.mainProcess();
				if (main) say(`  [${scenario.name}] [${label}] last lines of ${main.logFile}:\n${tailOf(main.text(), 25)}`);
				await instance.stop();
			} else {
				await instance.dispose();
			}
		}
		for (const cleanup of cleanups.reverse()) {
			await cleanup().catch((error: unknown) => log(`cleanup failed: ${String(error)}`));
		}
		if (failed || process.env.E2E_KEEP === '1') {
			say(`  [${scenario.name}] [${label}] files kept in ${workDir}`);
		} else {
			rmSync(workDir, { recursive: true, force: true });
		}
	}
}

async function main(): Promise<number> {
	const started = Date.now();
	const versions = listFromEnv('E2E_N8N_VERSIONS');
	const only = listFromEnv('E2E_SCENARIOS');
	const scenarios = SCENARIOS.filter((s) => !only || only.some((o) => s.name.includes(o)));
	if (scenarios.length === 0) throw new Error(`No scenario matches E2E_SCENARIOS=${only?.join(',')}`);

	const installs = await ensureN8nInstalls({ versions });
	const runDir = mkdtempSync(join(tmpdir(), 'n8n-rongcloud-e2e-'));
	chmodSync(runDir, 0o755);
	const pkg = buildAndPack(runDir, say);

	let passed = 0;
	let failed = 0;
	let skipped = 0;
	for (const install of installs) {
		say(`[e2e] === n8n ${install.version} on Node ${install.nodeVersion} (${install.dir})`);
		for (const scenario of scenarios) {
			if (scenario.majors && !scenario.majors.includes(install.major)) continue;
			say(`[e2e] --- n8n ${install.version}: ${scenario.name}`);
			const t0 = Date.now();
			let outcome = await runScenario(install, scenario, pkg, runDir);
			for (let attempt = 2; outcome.status === 'FAIL' && attempt <= (scenario.attempts ?? 1); attempt++) {
				const first = (outcome.detail ?? '').split('\n')[0];
				say(`RETRY ${install.version} ${scenario.name}: attempt ${attempt - 1} failed (${first}); attempt ${attempt} in a fresh n8n`);
				reports.push(`${install.version} ${scenario.name}: attempt ${attempt - 1} failed (${first}), attempt ${attempt} follows`);
				outcome = await runScenario(install, scenario, pkg, runDir);
			}
			const seconds = ((Date.now() - t0) / 1000).toFixed(1);
			if (outcome.status === 'PASS') passed++;
			else if (outcome.status === 'FAIL') failed++;
			else skipped++;
			say(`${outcome.status} ${install.version} ${scenario.name} (${seconds} s)${outcome.detail ? `: ${outcome.detail}` : ''}`);
		}
	}
	if (failed === 0 && process.env.E2E_KEEP !== '1') rmSync(runDir, { recursive: true, force: true });
	if (reports.length > 0) {
		say('[e2e] report (figures, not verdicts):');
		for (const line of reports) say(`  ${line}`);
	}
	say(`[e2e] finished in ${Math.round((Date.now() - started) / 1000)} s`);
	say(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
	return failed === 0 ? 0 : 1;
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		say(`[e2e] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		say('0 passed, 1 failed');
		process.exit(1);
	},
);
