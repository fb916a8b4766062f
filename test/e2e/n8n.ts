/* eslint-disable
	@n8n/community-nodes/no-dangerous-functions,
	@n8n/community-nodes/no-hardcoded-secrets,
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * Drives one real n8n install for the e2e suite: a fresh user folder per instance, the
 * community package unpacked the way n8n installs it, credentials and workflows imported with
 * n8n's CLI, `n8n execute`, `n8n start` with owner setup, login and workflow activation over
 * n8n's REST API, and queue mode (PostgreSQL + Redis + `n8n worker`).
 *
 * REST calls used (the same paths in n8n 1.123.81 and 2.41.1):
 *   POST /rest/owner/setup   {email, firstName, lastName, password}  -> sets the `n8n-auth` cookie
 *   POST /rest/login         {emailOrLdapLoginId, password}          -> sets the `n8n-auth` cookie
 *   GET  /rest/workflows/:id                                         -> data.versionId
 *   POST /rest/workflows/:id/activate {versionId}    (2.x calls this "publish"; 1.x "activate")
 *   POST /rest/workflows/:id/deactivate
 *   GET  /rest/executions?filter={"workflowId":...}
 *   GET  /types/nodes.json, /types/credentials.json (2.x: login cookie needed)
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import type { N8nInstall } from './install-n8n';
import { freePort, ManagedProcess, sleep, tailOf, waitFor } from './proc';
import type { Postgres, Redis } from './services';

export const ENCRYPTION_KEY = 'n8n-nodes-rongcloud-e2e-encryption-key';
export const OWNER = {
	email: 'owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Passw0rd!',
} as const;

const NET_GUARD = resolve(__dirname, 'net-guard.cjs');

export interface CliResult {
	/** The exit code; 128 when a signal ended the process (then `signal` names it). */
	code: number;
	signal?: NodeJS.Signals;
	stdout: string;
	stderr: string;
}

/** One node's run in an execution, as `n8n execute --rawOutput` prints it. */
export interface NodeRun {
	executionStatus?: string;
	error?: { message?: string; description?: string; [key: string]: unknown };
	data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> };
	[key: string]: unknown;
}

export interface ExecutionData {
	data?: {
		resultData?: {
			runData?: Record<string, NodeRun[]>;
			error?: { message?: string; [key: string]: unknown };
			lastNodeExecuted?: string;
		};
	};
	status?: string;
	finished?: boolean;
	stoppedAt?: string;
	[key: string]: unknown;
}

/** A row of n8n's execution_entity table. */
export interface StoredExecution {
	id: number;
	status: string;
	finished: boolean;
	mode: string;
	/** As SQLite keeps it: `YYYY-MM-DD HH:MM:SS.sss`, UTC. */
	stoppedAt: string | null;
}

export interface ExecuteResult extends CliResult {
	/** The execution as printed by `--rawOutput`, when the output held one. */
	execution?: ExecutionData;
	/**
	 * Set when a signal ended `n8n execute` after it had printed the execution and n8n had stored
	 * that same execution (same stop time, status and finished flag): n8n 2.x crashes while
	 * exiting, after the work is done (see test/e2e/README.md). The execution is then judged
	 * by what was printed and stored, not by the exit code.
	 */
	crashedAfterStoring?: StoredExecution;
}

export interface QueueServices {
	postgres: Postgres;
	redis: Redis;
}

export interface N8nOptions {
	/** Short name of this instance, used in folder and log names. */
	name: string;
	/** Parent folder for this instance's files (default: the OS temp folder). */
	parentDir?: string;
	/** Where progress lines go; each is prefixed with the n8n version. */
	log?: (line: string) => void;
	/** Extra environment for every n8n process of this instance. */
	env?: Record<string, string>;
	/** Run in queue mode against these services. */
	queue?: QueueServices;
	/** Listen on this port instead of a free one (the `npm start` sandbox uses 5678). */
	port?: number;
	/** Use this folder as the instance folder (kept across runs, e.g. for the sandbox) instead of a new temp one. */
	root?: string;
	/**
	 * Preload net-guard.cjs (default true): the suite proves n8n stays offline. The sandbox turns
	 * it off, so a credential pointed at a real data center works there.
	 */
	netGuard?: boolean;
}

/** Pull the JSON document printed by `n8n execute --rawOutput` out of stdout (log lines come before it). */
export function parseRawOutput(stdout: string): ExecutionData | undefined {
	const lines = stdout.split('\n');
	for (let i = 0; i < lines.length; i++) {
		if (!lines[i].startsWith('{')) continue;
		const candidate = lines.slice(i).join('\n').trim();
		try {
			return JSON.parse(candidate) as ExecutionData;
		} catch {
			// A log line that starts with '{', or trailing log lines: try to cut at the last '}'.
			const end = candidate.lastIndexOf('\n}');
			if (end > 0) {
				try {
					return JSON.parse(candidate.slice(0, end + 2)) as ExecutionData;
				} catch {
					// keep looking
				}
			}
		}
	}
	return undefined;
}

export class N8n {
	readonly install: N8nInstall;
	readonly name: string;
	/** This instance's folder: user folder, logs, files. */
	readonly root: string;
	/** N8N_USER_FOLDER (n8n keeps its data in `<this>/.n8n`). */
	readonly userFolder: string;
	readonly logDir: string;
	readonly port: number;
	readonly queue?: QueueServices;
	private readonly extraEnv: Record<string, string>;
	private readonly netGuard: boolean;
	private readonly logLine: (line: string) => void;
	private main?: ManagedProcess;
	private workers: ManagedProcess[] = [];
	private cookie?: string;
	private fileCounter = 0;

	private constructor(install: N8nInstall, options: N8nOptions, root: string, port: number) {
		this.install = install;
		this.name = options.name;
		this.root = root;
		this.userFolder = join(root, 'user');
		this.logDir = join(root, 'logs');
		this.port = port;
		this.queue = options.queue;
		this.extraEnv = options.env ?? {};
		this.netGuard = options.netGuard !== false;
		const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
		this.logLine = (line) => log(`[n8n ${install.version}] ${line}`);
		mkdirSync(this.userFolder, { recursive: true });
		mkdirSync(this.logDir, { recursive: true });
	}

	static async create(install: N8nInstall, options: N8nOptions): Promise<N8n> {
		let root = options.root;
		if (root) {
			mkdirSync(root, { recursive: true });
		} else {
			const parent = options.parentDir ?? tmpdir();
			mkdirSync(parent, { recursive: true });
			root = mkdtempSync(join(parent, `n8n-${install.version}-${options.name.replace(/[^a-z0-9-]+/gi, '-')}-`));
			chmodSync(root, 0o755);
		}
		return new N8n(install, options, root, options.port ?? (await freePort()));
	}

	get version(): string {
		return this.install.version;
	}

	get major(): number {
		return this.install.major;
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** The folder n8n installs community packages into. */
	get nodesDir(): string {
		return join(this.userFolder, '.n8n', 'nodes');
	}

	/** Outbound network attempts the net guard blocked, one object per attempt. */
	blockedNetworkAttempts(): Array<{ kind: string; host: string; port?: number; pid: number; stack: string }> {
		const file = join(this.logDir, 'net-guard.jsonl');
		if (!existsSync(file)) return [];
		return readFileSync(file, 'utf8')
			.split('\n')
			.filter((l) => l.trim() !== '')
			.map((l) => JSON.parse(l) as { kind: string; host: string; port?: number; pid: number; stack: string });
	}

	log(line: string): void {
		this.logLine(line);
	}

	/**
	 * The environment of every n8n process. Each variable is here for a reason:
	 * - quiet and offline: diagnostics, version notifications, templates, personalization,
	 *   hiring banner, dynamic banners and verified community nodes off (each would call n8n's
	 *   servers, the last two once the editor is opened); n8n 2.x's MCP registry module
	 *   fetches a server list from api.n8n.io at boot, so it is disabled.
	 * - loopback only: N8N_LISTEN_ADDRESS, the task runner broker's own free port (two n8n
	 *   processes would both take 5679 otherwise), the worker's health server port.
	 * - a fixed N8N_ENCRYPTION_KEY so imported credentials decrypt in every process (main,
	 *   worker, CLI) of the instance.
	 * - N8N_SECURE_COOKIE=false: the editor is served over plain http on loopback.
	 * - n8n 1.x on Node 20: N8N_EXPRESSION_ENGINE=legacy, because n8n 1.123's default `vm`
	 *   engine needs isolated-vm 6, which supports only Node >= 22 (no prebuild, no build).
	 */
	env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		const env: NodeJS.ProcessEnv = {};
		for (const [key, value] of Object.entries(process.env)) {
			// Nothing from an outer npm run, and no n8n settings of the developer's shell.
			if (/^(npm_|N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|GENERIC_TIMEZONE$|NODE_OPTIONS$|INIT_CWD$)/.test(key)) continue;
			env[key] = value;
		}
		const binDir = resolve(this.install.nodeBin, '..');
		Object.assign(env, {
			PATH: `${binDir}:${process.env.PATH ?? ''}`,
			...(this.netGuard ? { NODE_OPTIONS: `--require ${NET_GUARD}`, E2E_NET_GUARD_LOG: join(this.logDir, 'net-guard.jsonl') } : {}),
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: `${this.baseUrl}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_ONBOARDING_FLOW_DISABLED: 'true',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_REINSTALL_MISSING_PACKAGES: 'false',
			// Opening the editor makes the backend fetch n8n's list of verified community nodes
			// (from api-staging.n8n.io unless NODE_ENV=production), and the editor fetch banners.
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'true',
			N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			GENERIC_TIMEZONE: 'UTC',
			TZ: 'UTC',
			DB_SQLITE_POOL_SIZE: '2',
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		});
		if (this.major >= 2) {
			env.N8N_DISABLED_MODULES = 'mcp-registry';
			env.N8N_WEBHOOK_URL = `${this.baseUrl}/`;
		} else {
			env.WEBHOOK_URL = `${this.baseUrl}/`;
			env.N8N_EXPRESSION_ENGINE = 'legacy';
			env.N8N_RUNNERS_ENABLED = 'false';
		}
		if (this.queue) {
			Object.assign(env, {
				DB_TYPE: 'postgresdb',
				DB_POSTGRESDB_HOST: this.queue.postgres.host,
				DB_POSTGRESDB_PORT: String(this.queue.postgres.port),
				DB_POSTGRESDB_DATABASE: this.queue.postgres.database,
				DB_POSTGRESDB_USER: this.queue.postgres.user,
				DB_POSTGRESDB_PASSWORD: '',
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: this.queue.redis.host,
				QUEUE_BULL_REDIS_PORT: String(this.queue.redis.port),
				OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			});
		}
		return { ...env, ...this.extraEnv, ...extra };
	}

	private writeJson(prefix: string, value: unknown): string {
		const file = join(this.root, `${prefix}-${++this.fileCounter}.json`);
		writeFileSync(file, JSON.stringify(value, null, 2));
		return file;
	}

	/** Run an n8n CLI command to completion (each gets a free task-broker port). */
	async cli(args: string[], options: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<CliResult> {
		const timeoutMs = options.timeoutMs ?? 120_000;
		const brokerPort = String(await freePort());
		const logFile = join(this.logDir, `cli-${++this.fileCounter}-${args[0].replace(/[^a-z0-9]+/gi, '-')}.log`);
		const child = spawn(this.install.nodeBin, [this.install.n8nBin, ...args], {
			cwd: this.root,
			env: this.env({ N8N_RUNNERS_BROKER_PORT: brokerPort, ...options.env }),
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
		child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
		const timer = setTimeout(() => {
			try {
				if (child.pid) process.kill(-child.pid, 'SIGKILL');
			} catch {
				// gone
			}
		}, timeoutMs);
		const { code, signal } = await new Promise<{ code: number; signal?: NodeJS.Signals }>((resolvePromise) => {
			child.once('error', () => resolvePromise({ code: 127 }));
			child.once('close', (exitCode, exitSignal) =>
				resolvePromise({ code: exitCode ?? (exitSignal ? 128 : 1), signal: exitSignal ?? undefined }),
			);
		});
		clearTimeout(timer);
		// The task runner the command started may linger: end its group.
		try {
			if (child.pid) process.kill(-child.pid, 'SIGKILL');
		} catch {
			// gone
		}
		const exit = signal ? `${code} (${signal})` : String(code);
		writeFileSync(logFile, `$ n8n ${args.join(' ')}\n[exit ${exit}]\n--- stdout\n${stdout}\n--- stderr\n${stderr}\n`);
		return { code, signal, stdout, stderr };
	}

	private async cliOrThrow(args: string[]): Promise<CliResult> {
		const result = await this.cli(args);
		if (result.code !== 0) {
			throw new Error(`n8n ${args.join(' ')} exited ${result.code}\n${tailOf(result.stdout + result.stderr)}`);
		}
		return result;
	}

	/**
	 * Install a community package from an `npm pack` tarball the way n8n does: unpacked into
	 * `<user folder>/.n8n/nodes/node_modules/<name>`, listed in `.n8n/nodes/package.json`.
	 */
	async installPackageTarball(tarball: string): Promise<{ name: string; version: string; dir: string }> {
		const staging = join(this.root, 'package-staging');
		rmSync(staging, { recursive: true, force: true });
		mkdirSync(staging, { recursive: true });
		await run('tar', ['-xzf', tarball, '-C', staging]);
		const unpacked = join(staging, 'package');
		const pkg = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8')) as { name: string; version: string };
		const dir = join(this.nodesDir, 'node_modules', pkg.name);
		mkdirSync(resolve(dir, '..'), { recursive: true });
		rmSync(dir, { recursive: true, force: true });
		await run('mv', [unpacked, dir]);
		rmSync(staging, { recursive: true, force: true });
		const manifestPath = join(this.nodesDir, 'package.json');
		const manifest: { name?: string; private?: boolean; dependencies?: Record<string, string> } = existsSync(manifestPath)
			? (JSON.parse(readFileSync(manifestPath, 'utf8')) as { dependencies?: Record<string, string> })
			: { name: 'installed-nodes', private: true };
		manifest.dependencies = { ...(manifest.dependencies ?? {}), [pkg.name]: pkg.version };
		writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
		this.log(`installed ${pkg.name}@${pkg.version} into ${dir}`);
		return { ...pkg, dir };
	}

	/** `n8n import:credentials`; give `data` as a plain object, n8n encrypts it. */
	async importCredentials(credentials: Array<Record<string, unknown>>): Promise<void> {
		const file = this.writeJson('credentials', credentials);
		await this.cliOrThrow(['import:credentials', `--input=${file}`]);
		this.log(`imported ${credentials.length} credential(s)`);
	}

	/** `n8n import:workflow` of one workflow or several. */
	async importWorkflow(workflow: Record<string, unknown> | Array<Record<string, unknown>>): Promise<void> {
		const list = Array.isArray(workflow) ? workflow : [workflow];
		const file = this.writeJson('workflows', list);
		await this.cliOrThrow(['import:workflow', `--input=${file}`]);
		this.log(`imported workflow(s) ${list.map((w) => String(w.id ?? w.name)).join(', ')}`);
	}

	/** `n8n execute --id <id> --rawOutput`: exit code and the execution it printed. */
	async executeWorkflow(id: string, options: { timeoutMs?: number } = {}): Promise<ExecuteResult> {
		const started = Date.now();
		const result = await this.cli(['execute', `--id=${id}`, '--rawOutput'], { timeoutMs: options.timeoutMs });
		const execution = parseRawOutput(result.stdout);
		const crashedAfterStoring = result.signal && execution ? this.storedExecutionMatching(id, execution) : undefined;
		const exit = result.signal ? `${result.code} (${result.signal})` : String(result.code);
		const judged = crashedAfterStoring
			? `; n8n had printed and stored execution ${crashedAfterStoring.id} (${crashedAfterStoring.status}): a crash on n8n's own exit, judged by the execution`
			: '';
		this.log(`n8n execute --id ${id}: exit ${exit}, status ${execution?.status ?? 'unknown'} (${Date.now() - started} ms)${judged}`);
		return { ...result, execution, crashedAfterStoring };
	}

	/**
	 * The execution n8n stored for `workflowId` that stopped when the printed one did and agrees
	 * with it on status and finished. Read from the instance's SQLite database with the sqlite3
	 * module of the n8n install; a queue-mode instance (PostgreSQL) has none to offer.
	 */
	storedExecutionMatching(workflowId: string, printed: ExecutionData): StoredExecution | undefined {
		if (this.queue || typeof printed.stoppedAt !== 'string') return undefined;
		const stoppedAt = printed.stoppedAt.replace('T', ' ').replace(/Z$/, '');
		const query = [
			"const s=require('sqlite3');",
			'const db=new s.Database(process.argv[1],s.OPEN_READONLY);',
			'db.all(\'select id,status,finished,mode,stoppedAt from execution_entity where workflowId=? order by id\',[process.argv[2]],',
			'(e,rows)=>{if(e){console.error(e.message);process.exitCode=1}else console.log(JSON.stringify(rows));db.close()})',
		].join('');
		const database = join(this.userFolder, '.n8n', 'database.sqlite');
		const read = spawnSync(this.install.nodeBin, ['-e', query, database, workflowId], { cwd: this.install.dir, encoding: 'utf8' });
		if (read.status !== 0) {
			this.log(`could not read the stored executions of ${workflowId}: ${read.stderr.trim()}`);
			return undefined;
		}
		const rows = (JSON.parse(read.stdout) as Array<Omit<StoredExecution, 'finished'> & { finished: number }>).map((row) => ({
			...row,
			finished: row.finished === 1,
		}));
		return rows.find(
			(row) => row.stoppedAt === stoppedAt && row.status === printed.status && row.finished === printed.finished,
		);
	}

	/** `n8n start` on 127.0.0.1:<port>; resolves when /healthz/readiness answers and the editor is up. */
	async start(options: { timeoutMs?: number } = {}): Promise<void> {
		if (this.main?.running) throw new Error('n8n is already running');
		const started = Date.now();
		const brokerPort = String(await freePort());
		this.main = new ManagedProcess(`n8n ${this.version} main`, this.install.nodeBin, [this.install.n8nBin, 'start'], {
			cwd: this.root,
			env: this.env({ N8N_RUNNERS_BROKER_PORT: brokerPort }),
			logFile: join(this.logDir, 'main.log'),
		});
		const main = this.main;
		const outcome = await waitFor(
			`n8n ${this.version} to be ready on ${this.baseUrl}`,
			async () => {
				// An exit ends the wait at once (waitFor would take a thrown error for "not yet").
				if (!main.running) return 'exited' as const;
				const res = await fetch(`${this.baseUrl}/healthz/readiness`).catch(() => undefined);
				return res?.status === 200 && /Editor is now accessible/.test(main.text()) ? ('ready' as const) : undefined;
			},
			options.timeoutMs ?? 120_000,
			250,
		).catch((error: Error) => {
			throw new Error(`${error.message}\nlog ${main.logFile}:\n${tailOf(main.text())}`);
		});
		if (outcome === 'exited') {
			throw new Error(`n8n ${this.version} exited (${main.exitCode}) before it was ready; log ${main.logFile}:\n${tailOf(main.text())}`);
		}
		this.log(`n8n start: ready on ${this.baseUrl} after ${Date.now() - started} ms`);
	}

	/** `n8n worker` (queue mode only). */
	async startWorker(options: { concurrency?: number; timeoutMs?: number } = {}): Promise<ManagedProcess> {
		if (!this.queue) throw new Error('startWorker needs queue mode');
		const index = this.workers.length + 1;
		const brokerPort = String(await freePort());
		const healthPort = String(await freePort());
		const worker = new ManagedProcess(
			`n8n ${this.version} worker ${index}`,
			this.install.nodeBin,
			[this.install.n8nBin, 'worker', `--concurrency=${options.concurrency ?? 5}`],
			{
				cwd: this.root,
				env: this.env({
					N8N_RUNNERS_BROKER_PORT: brokerPort,
					QUEUE_HEALTH_CHECK_PORT: healthPort,
					N8N_PORT: healthPort,
				}),
				logFile: join(this.logDir, `worker-${index}.log`),
			},
		);
		this.workers.push(worker);
		await worker.waitForOutput(/n8n worker is now ready|Worker ready/i, options.timeoutMs ?? 120_000);
		this.log(`n8n worker ${index}: ready (pid ${worker.pid})`);
		return worker;
	}

	mainProcess(): ManagedProcess | undefined {
		return this.main;
	}

	workerProcesses(): ManagedProcess[] {
		return [...this.workers];
	}

	async stop(): Promise<void> {
		for (const worker of this.workers) await worker.stop('SIGTERM', 20_000);
		if (this.main) {
			await this.main.stop('SIGTERM', 20_000);
			this.log('n8n stopped');
		}
	}

	/** Stop everything and delete this instance's folder (kept when E2E_KEEP=1). */
	async dispose(): Promise<void> {
		await this.stop();
		if (process.env.E2E_KEEP === '1') {
			this.log(`kept ${this.root}`);
		} else {
			rmSync(this.root, { recursive: true, force: true });
		}
	}

	// ------------------------------------------------------------------ REST

	/** Call n8n's REST API with the login cookie; returns the parsed JSON body's `data` when present. */
	async rest<T = unknown>(method: string, path: string, body?: unknown, options: { expectStatus?: number } = {}): Promise<T> {
		const res = await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: {
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		this.captureCookie(res);
		const text = await res.text();
		const expected = options.expectStatus ?? 200;
		if (res.status !== expected) {
			throw new Error(`${method} ${path}: HTTP ${res.status} (expected ${expected}): ${text.slice(0, 500)}`);
		}
		if (text === '') return undefined as T;
		const parsed = JSON.parse(text) as { data?: T };
		return (parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed) as T;
	}

	private captureCookie(res: Response): void {
		const cookies = res.headers.getSetCookie();
		const auth = cookies.find((c) => c.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
	}

	/** The `n8n-auth=...` cookie of the logged-in owner (for a browser). */
	authCookie(): string | undefined {
		return this.cookie;
	}

	/** Create the instance owner (first run) and keep its login cookie. */
	async setupOwner(): Promise<void> {
		await this.rest('POST', '/rest/owner/setup', OWNER);
		if (!this.cookie) throw new Error('owner setup set no n8n-auth cookie');
		this.log(`owner ${OWNER.email} set up`);
	}

	async login(): Promise<void> {
		await this.rest('POST', '/rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
		if (!this.cookie) throw new Error('login set no n8n-auth cookie');
	}

	/** Activate (n8n 1.x) / publish (n8n 2.x) a workflow of the running instance. */
	async activateWorkflow(id: string): Promise<void> {
		const workflow = await this.rest<{ versionId: string; active: boolean }>('GET', `/rest/workflows/${id}`);
		await this.rest('POST', `/rest/workflows/${id}/activate`, { versionId: workflow.versionId });
		this.log(`workflow ${id} ${this.major >= 2 ? 'published' : 'activated'}`);
	}

	/**
	 * Change the nodes of a stored workflow as the editor's Save does (`PATCH /rest/workflows/:id`,
	 * same path on both versions); a published workflow must be published again to run the change.
	 */
	async updateWorkflowNodes(id: string, change: (nodes: Array<Record<string, unknown>>) => void): Promise<void> {
		const workflow = await this.rest<{ nodes: Array<Record<string, unknown>>; connections: unknown; versionId: string }>('GET', `/rest/workflows/${id}`);
		const nodes = structuredClone(workflow.nodes);
		change(nodes);
		await this.rest('PATCH', `/rest/workflows/${id}?forceSave=true`, { nodes, connections: workflow.connections, versionId: workflow.versionId });
		this.log(`workflow ${id} saved with changed nodes`);
	}

	async deactivateWorkflow(id: string): Promise<void> {
		await this.rest('POST', `/rest/workflows/${id}/deactivate`, {});
		this.log(`workflow ${id} deactivated`);
	}

	/** Executions of a workflow, newest first (summary rows). */
	async listExecutions(workflowId: string): Promise<Array<Record<string, unknown>>> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const data = await this.rest<{ results: Array<Record<string, unknown>> }>('GET', `/rest/executions?filter=${filter}`);
		return data.results;
	}

	/** One execution with its data (`data` is n8n's flatted string; use getExecutionData for the parsed run). */
	async getExecution(id: string): Promise<Record<string, unknown>> {
		return await this.rest<Record<string, unknown>>('GET', `/rest/executions/${id}`);
	}

	/** Node types and credential types the running instance loaded (public endpoints). */
	async loadedTypes(): Promise<{ nodes: string[]; credentials: string[] }> {
		// n8n 2.x answers these only with a login cookie; 1.x serves them to anyone.
		const headers: Record<string, string> = this.cookie ? { cookie: this.cookie } : {};
		const nodesRes = await fetch(`${this.baseUrl}/types/nodes.json`, { headers });
		const credsRes = await fetch(`${this.baseUrl}/types/credentials.json`, { headers });
		if (nodesRes.status !== 200 || credsRes.status !== 200) {
			throw new Error(`/types/*.json: HTTP ${nodesRes.status}/${credsRes.status}`);
		}
		const nodes = (await nodesRes.json()) as Array<{ name: string }>;
		const creds = (await credsRes.json()) as Array<{ name: string }>;
		return { nodes: nodes.map((n) => n.name), credentials: creds.map((c) => c.name) };
	}

	/**
	 * Call a production webhook of the running instance. n8n 2.x registers a published workflow's
	 * webhook a moment after `/activate` answers (a first call can get 404 "not registered"), so
	 * such a 404 is retried for up to `registrationTimeoutMs` (default 15 s).
	 */
	async callWebhook(
		path: string,
		body: unknown,
		options: { method?: string; registrationTimeoutMs?: number } = {},
	): Promise<{ status: number; body: unknown; text: string }> {
		const method = options.method ?? 'POST';
		const deadline = Date.now() + (options.registrationTimeoutMs ?? 15_000);
		for (;;) {
			const res = await fetch(`${this.baseUrl}/webhook/${path}`, {
				method,
				headers: { 'content-type': 'application/json' },
				body: method === 'GET' ? undefined : JSON.stringify(body),
			});
			const text = await res.text();
			if (res.status === 404 && /not registered/.test(text) && Date.now() < deadline) {
				await sleep(200);
				continue;
			}
			let parsed: unknown = text;
			try {
				parsed = JSON.parse(text);
			} catch {
				// not JSON
			}
			return { status: res.status, body: parsed, text };
		}
	}

	/**
	 * The run data of an execution of the running instance (REST keeps it as a `flatted` string;
	 * parsed here with the flatted package of the n8n install itself).
	 */
	async executionData(id: string): Promise<ExecutionData> {
		const execution = await this.getExecution(id);
		const flatted = createRequire(join(this.install.dir, 'node_modules', 'n8n', 'package.json'))('flatted') as {
			parse(text: string): unknown;
		};
		const data = typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data;
		return { ...execution, data } as ExecutionData;
	}

	/** Wait until the main process output matches (from its start). */
	async waitForMainLog(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
		if (!this.main) throw new Error('n8n is not running');
		return await this.main.waitForOutput(pattern, timeoutMs);
	}
}

function run(command: string, args: string[]): Promise<void> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
		let stderr = '';
		child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
		child.once('error', reject);
		child.once('close', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${command} ${args.join(' ')}: ${stderr}`))));
	});
}

export { sleep };
