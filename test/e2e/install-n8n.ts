/* eslint-disable
	@n8n/community-nodes/no-dangerous-functions,
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports,
	@n8n/community-nodes/require-node-api-error
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * Installs real n8n for the end-to-end suite into a cache folder outside the repository and
 * reuses it on later runs.
 *
 *   npx tsx test/e2e/install-n8n.ts [--only 2.41.1] [--force]
 *
 * Cache folder: `$N8N_E2E_CACHE`, default `~/.cache/n8n-nodes-rongcloud-e2e/`:
 *
 *   node24/            npm package `node@24`: the Node 24 binary and its C headers
 *   n8n-2.41.1/        n8n 2.x, run with Node 24 (n8n 2 requires Node >= 24)
 *   n8n-1.123.81/      the last n8n 1.x, run with the machine's Node (20)
 *
 * Each folder is complete only when its marker file `.e2e-install.json` exists; the marker is
 * written last, so an interrupted install is thrown away and redone on the next run.
 *
 * How (each step was found necessary on this machine, see test/e2e/README.md):
 * - `npm install n8n@X --ignore-scripts`: with scripts, the Kafka client's native build tries
 *   to download librdkafka and the install fails offline.
 * - then `npm rebuild sqlite3` with the matching Node on PATH and `npm_config_nodedir` set to
 *   that Node's headers (no header download), `build_from_source` so prebuild-install does not
 *   try GitHub first. sqlite3 is the only native module n8n needs to boot that ships no
 *   prebuilt binary; isolated-vm (n8n's `vm` expression engine) ships prebuilds for Node 22
 *   and 24 only, see n8n.ts for what that means on Node 20.
 * - n8n 1.x depends on `xlsx` from a tarball URL off the npm registry; an npm `override`
 *   points it at the registry republication `@e965/xlsx` (what n8n 2.x itself depends on).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync, createWriteStream } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface N8nTarget {
	/** Exact n8n version. */
	version: string;
	/** Which Node runs it: the npm package `node@<spec>`, or the Node running this script. */
	node: { kind: 'npm'; spec: string; folder: string } | { kind: 'system' };
	/** Extra `overrides` for the install folder's package.json. */
	overrides?: Record<string, string>;
}

/** The n8n versions the suite runs against, newest first. */
export const N8N_TARGETS: readonly N8nTarget[] = [
	{ version: '2.41.1', node: { kind: 'npm', spec: '24.21.0', folder: 'node24' } },
	{ version: '1.123.81', node: { kind: 'system' }, overrides: { xlsx: 'npm:@e965/xlsx@0.20.2' } },
];

export interface N8nInstall {
	version: string;
	major: number;
	/** The install folder (holds node_modules/n8n). */
	dir: string;
	/** Absolute path of the Node executable that runs this n8n. */
	nodeBin: string;
	/** `process.version`-style version of that Node, e.g. `v24.21.0`. */
	nodeVersion: string;
	/** n8n's CLI entry (run as `nodeBin n8nBin ...`). */
	n8nBin: string;
}

const MARKER = '.e2e-install.json';

interface Marker {
	version: string;
	nodeVersion: string;
	nodeBin: string;
	installedAt: string;
	seconds: number;
	megabytes: number;
}

export function cacheRoot(): string {
	const fromEnv = process.env.N8N_E2E_CACHE;
	return resolve(fromEnv && fromEnv.trim() !== '' ? fromEnv : join(homedir(), '.cache', 'n8n-nodes-rongcloud-e2e'));
}

type Log = (line: string) => void;
const defaultLog: Log = (line) => process.stdout.write(`[install] ${line}\n`);

/** The environment for npm children: nothing inherited from an outer `npm run` (its config, e.g. the project's ignore-scripts). */
function npmEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_/i.test(key) || key === 'INIT_CWD' || key === 'NODE_OPTIONS') continue;
		env[key] = value;
	}
	env.npm_config_update_notifier = 'false';
	env.npm_config_fund = 'false';
	env.npm_config_audit = 'false';
	return { ...env, ...extra };
}

function pathWith(binDir: string): string {
	return `${binDir}:${process.env.PATH ?? ''}`;
}

function npmCli(): { command: string; prefixArgs: string[] } {
	// The npm that came with the machine's Node; it runs fine under Node 24 too.
	const execPath = process.env.npm_execpath;
	if (execPath && execPath.endsWith('.js') && existsSync(execPath) && /npm-cli\.js$/.test(execPath)) {
		return { command: execPath, prefixArgs: [] };
	}
	return { command: 'npm', prefixArgs: [] };
}

function megabytes(dir: string): number {
	const out = spawnSync('du', ['-sm', dir], { encoding: 'utf8' });
	const value = Number.parseInt(out.stdout ?? '', 10);
	return Number.isFinite(value) ? value : -1;
}

function formatSeconds(ms: number): string {
	return `${Math.round(ms / 1000)} s`;
}

/**
 * Run a command with its output going to `logFile`; every 20 s print a progress line (elapsed time
 * and how many package tarballs npm fetched so far). Rejects with the log's tail on failure.
 */
async function runLogged(
	label: string,
	command: string,
	args: string[],
	options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string; log: Log; nodeBin?: string },
): Promise<void> {
	const started = Date.now();
	const out = createWriteStream(options.logFile, { flags: 'a' });
	out.write(`\n$ ${command} ${args.join(' ')}\n`);
	let fetched = 0;
	let tail: string[] = [];
	const child =
		options.nodeBin && command.endsWith('.js')
			? spawn(options.nodeBin, [command, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] })
			: spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
	const onData = (chunk: Buffer): void => {
		out.write(chunk);
		const text = chunk.toString('utf8');
		fetched += text.match(/fetch GET 200 \S+\.tgz/g)?.length ?? 0;
		tail = [...tail, ...text.split('\n')].slice(-40);
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	const timer = setInterval(() => {
		options.log(`${label}: still running, ${formatSeconds(Date.now() - started)}${fetched > 0 ? `, ${fetched} packages downloaded` : ''}`);
	}, 20_000);
	try {
		const code = await new Promise<number>((resolvePromise, reject) => {
			child.once('error', reject);
			child.once('close', (exitCode, signal) => resolvePromise(exitCode ?? (signal ? 128 : 1)));
		});
		if (code !== 0) {
			throw new Error(`${label} failed (exit ${code}); log: ${options.logFile}\n${tail.join('\n')}`);
		}
		options.log(`${label}: done in ${formatSeconds(Date.now() - started)}`);
	} finally {
		clearInterval(timer);
		await new Promise<void>((resolvePromise) => out.end(() => resolvePromise()));
	}
}

function readMarker(dir: string): Marker | undefined {
	const file = join(dir, MARKER);
	if (!existsSync(file)) return undefined;
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as Marker;
	} catch {
		return undefined;
	}
}

function nodeVersionOf(nodeBin: string): string {
	const out = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' });
	if (out.status !== 0) throw new Error(`${nodeBin} --version failed: ${out.stderr}`);
	return out.stdout.trim();
}

/** The folder to give node-gyp as `nodedir` (it holds include/node/node.h), or undefined. */
export function nodeHeadersDir(nodeBin: string): string | undefined {
	// A Node installed under <prefix>/bin/node keeps its headers in <prefix>/include/node.
	const candidates = [resolve(nodeBin, '..', '..')];
	// The npm package `node` keeps them in its arch-specific sub-package.
	const arch = `node-${process.platform}-${process.arch}`;
	candidates.push(resolve(nodeBin, '..', '..', 'node_modules', arch));
	return candidates.find((dir) => existsSync(join(dir, 'include', 'node', 'node.h')));
}

async function withLock<T>(root: string, log: Log, fn: () => Promise<T>): Promise<T> {
	const lock = join(root, '.lock');
	mkdirSync(root, { recursive: true });
	for (let waited = 0; ; waited += 5) {
		try {
			mkdirSync(lock);
			writeFileSync(join(lock, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			let holder = NaN;
			try {
				holder = Number(readFileSync(join(lock, 'pid'), 'utf8'));
			} catch {
				// The other process may be between mkdir and writing its pid.
			}
			let alive = false;
			if (Number.isInteger(holder)) {
				try {
					process.kill(holder, 0);
					alive = true;
				} catch {
					alive = false;
				}
			}
			if (!alive && (Number.isInteger(holder) || Date.now() - statSync(lock).mtimeMs > 30_000)) {
				rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (waited % 30 === 0) log(`another install is running (pid ${holder}); waiting`);
			await new Promise((r) => setTimeout(r, 5000));
		}
	}
	try {
		return await fn();
	} finally {
		rmSync(lock, { recursive: true, force: true });
	}
}

async function ensureNpmNode(root: string, spec: string, folder: string, log: Log, force: boolean): Promise<string> {
	const dir = join(root, folder);
	const nodeBin = join(dir, 'node_modules', 'node', 'bin', 'node');
	const marker = readMarker(dir);
	if (!force && marker && existsSync(nodeBin) && nodeHeadersDir(nodeBin)) {
		return nodeBin;
	}
	const started = Date.now();
	log(`Node ${spec}: installing the npm package node@${spec} into ${dir}`);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: `e2e-${folder}`, private: true }, null, 2)}\n`);
	const npm = npmCli();
	// The package's preinstall script installs node-<platform>-<arch> (binary and headers) and
	// links bin/node to it, so scripts must run here (the project's .npmrc disables them).
	await runLogged(
		`Node ${spec}: npm install node@${spec}`,
		npm.command,
		[...npm.prefixArgs, 'install', `node@${spec}`, '--save-exact', '--ignore-scripts=false', '--no-audit', '--no-fund', '--prefer-offline'],
		{ cwd: dir, env: npmEnv({}), logFile: join(root, `${folder}.install.log`), log, nodeBin: process.execPath },
	);
	if (!existsSync(nodeBin)) throw new Error(`node@${spec} installed no binary at ${nodeBin}`);
	const version = nodeVersionOf(nodeBin);
	const headers = nodeHeadersDir(nodeBin);
	if (!headers) throw new Error(`node@${spec} installed no headers next to ${nodeBin}`);
	log(`Node ${spec}: ${version} at ${nodeBin}, headers in ${headers}`);
	const done: Marker = {
		version: spec,
		nodeVersion: version,
		nodeBin,
		installedAt: new Date().toISOString(),
		seconds: Math.round((Date.now() - started) / 1000),
		megabytes: megabytes(dir),
	};
	writeFileSync(join(dir, MARKER), `${JSON.stringify(done, null, 2)}\n`);
	return nodeBin;
}

function installFromMarker(dir: string, marker: Marker): N8nInstall {
	return {
		version: marker.version,
		major: Number(marker.version.split('.')[0]),
		dir,
		nodeBin: marker.nodeBin,
		nodeVersion: marker.nodeVersion,
		n8nBin: join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

async function ensureN8n(root: string, target: N8nTarget, log: Log, force: boolean): Promise<N8nInstall> {
	const dir = join(root, `n8n-${target.version}`);
	const nodeBin =
		target.node.kind === 'npm'
			? await ensureNpmNode(root, target.node.spec, target.node.folder, log, force)
			: process.execPath;
	const marker = readMarker(dir);
	if (
		!force &&
		marker &&
		marker.version === target.version &&
		marker.nodeBin === nodeBin &&
		existsSync(join(dir, 'node_modules', 'n8n', 'bin', 'n8n')) &&
		existsSync(nodeBin)
	) {
		log(`n8n ${target.version}: cached in ${dir} (${marker.nodeVersion})`);
		return installFromMarker(dir, marker);
	}

	const started = Date.now();
	const nodeVersion = nodeVersionOf(nodeBin);
	const headers = nodeHeadersDir(nodeBin);
	if (!headers) {
		throw new Error(`No C headers for ${nodeBin} (${nodeVersion}); sqlite3 cannot be built without downloading them`);
	}
	log(`n8n ${target.version}: installing into ${dir} with Node ${nodeVersion} (takes minutes and about 2-3 GB)`);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const pkg: Record<string, unknown> = { name: `e2e-n8n-${target.version}`, private: true };
	if (target.overrides) pkg.overrides = target.overrides;
	writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
	const logFile = join(root, `n8n-${target.version}.install.log`);
	rmSync(logFile, { force: true });
	const binDir = resolve(nodeBin, '..');
	const env = npmEnv({ PATH: pathWith(binDir), npm_config_nodedir: headers });
	const npm = npmCli();
	await runLogged(
		`n8n ${target.version}: npm install`,
		npm.command,
		[
			...npm.prefixArgs,
			'install',
			`n8n@${target.version}`,
			'--save-exact',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--prefer-offline',
			'--loglevel=http',
		],
		{ cwd: dir, env, logFile, log, nodeBin },
	);
	await runLogged(
		`n8n ${target.version}: build sqlite3 against ${nodeVersion} headers`,
		npm.command,
		[...npm.prefixArgs, 'rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts'],
		{ cwd: dir, env: { ...env, npm_config_build_from_source: 'true' }, logFile, log, nodeBin },
	);

	// Prove the install runs: sqlite3 loads and answers, and n8n reports its version.
	const probe = spawnSync(
		nodeBin,
		[
			'-e',
			"const s=require('sqlite3');const db=new s.Database(':memory:');db.get('select 41+1 as v',(e,r)=>{if(e||r.v!==42){console.error(e);process.exit(1)}db.close()})",
		],
		{ cwd: dir, encoding: 'utf8', env: npmEnv({ PATH: pathWith(binDir) }) },
	);
	if (probe.status !== 0) throw new Error(`n8n ${target.version}: sqlite3 does not load: ${probe.stderr}`);
	const n8nBin = join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const versionOut = spawnSync(nodeBin, [n8nBin, '--version'], {
		cwd: dir,
		encoding: 'utf8',
		env: npmEnv({ PATH: pathWith(binDir) }),
	});
	if (versionOut.status !== 0 || !versionOut.stdout.includes(target.version)) {
		throw new Error(`n8n ${target.version}: \`n8n --version\` said ${JSON.stringify(versionOut.stdout + versionOut.stderr)}`);
	}
	const done: Marker = {
		version: target.version,
		nodeVersion,
		nodeBin,
		installedAt: new Date().toISOString(),
		seconds: Math.round((Date.now() - started) / 1000),
		megabytes: megabytes(dir),
	};
	writeFileSync(join(dir, MARKER), `${JSON.stringify(done, null, 2)}\n`);
	log(`n8n ${target.version}: installed in ${done.seconds} s, ${done.megabytes} MB`);
	return installFromMarker(dir, done);
}

export interface EnsureOptions {
	/** Only these versions (default: all of N8N_TARGETS). */
	versions?: string[];
	/** Reinstall even when the cache is complete. */
	force?: boolean;
	log?: Log;
}

/** Install (or reuse) every target; returns them in N8N_TARGETS order. */
export async function ensureN8nInstalls(options: EnsureOptions = {}): Promise<N8nInstall[]> {
	const log = options.log ?? defaultLog;
	const root = cacheRoot();
	const targets = N8N_TARGETS.filter((t) => !options.versions || options.versions.includes(t.version));
	if (targets.length === 0) throw new Error(`No n8n target matches ${options.versions?.join(', ')}`);
	return await withLock(root, log, async () => {
		const installs: N8nInstall[] = [];
		for (const target of targets) installs.push(await ensureN8n(root, target, log, options.force === true));
		return installs;
	});
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	const versions: string[] = [];
	for (let i = 0; i < args.length; i++) {
		if (args[i] === '--only' && args[i + 1]) versions.push(args[++i]);
	}
	const started = Date.now();
	const installs = await ensureN8nInstalls({
		versions: versions.length > 0 ? versions : undefined,
		force: args.includes('--force'),
	});
	for (const install of installs) {
		defaultLog(`ready: n8n ${install.version} on Node ${install.nodeVersion}: ${install.nodeBin} ${install.n8nBin}`);
	}
	defaultLog(`cache ${cacheRoot()}: ${megabytes(cacheRoot())} MB; ${formatSeconds(Date.now() - started)}`);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	});
}
