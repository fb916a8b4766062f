/* eslint-disable
	@n8n/community-nodes/no-dangerous-functions,
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * PostgreSQL and Redis for n8n's queue mode, from Debian's packages (`postgresql`,
 * `redis-server`; installed with apt-get when missing), each started on a free loopback port
 * with its data in a throw-away folder. PostgreSQL refuses to run as root, so when this runs
 * as root its cluster belongs to the `postgres` user and its processes run as that user.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { freePort, ManagedProcess, waitFor } from './proc';

type Log = (line: string) => void;

let aptUpdated = false;

function which(command: string): string | undefined {
	const out = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
	return out.status === 0 ? out.stdout.trim() : undefined;
}

/** `apt-get install` the Debian packages whose marker command is missing. */
export function ensureDebianPackages(wanted: Array<{ pkg: string; present: () => boolean }>, log: Log): void {
	const missing = wanted.filter((w) => !w.present()).map((w) => w.pkg);
	if (missing.length === 0) return;
	if (process.getuid?.() !== 0) {
		throw new Error(`The e2e suite needs the Debian packages ${missing.join(', ')}; install them as root (apt-get install ${missing.join(' ')})`);
	}
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	if (!aptUpdated) {
		log('apt-get update');
		const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
		if (update.status !== 0) throw new Error('apt-get update failed');
		aptUpdated = true;
	}
	log(`apt-get install ${missing.join(' ')}`);
	const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
		stdio: 'inherit',
		env,
	});
	if (install.status !== 0) throw new Error(`apt-get install ${missing.join(' ')} failed`);
}

/** The bin folder of the newest PostgreSQL server installed from Debian's packages. */
function postgresBinDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root)
		.filter((v) => existsSync(join(root, v, 'bin', 'postgres')) && existsSync(join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length > 0 ? join(root, versions[0], 'bin') : undefined;
}

export function ensureQueueServicePackages(log: Log): void {
	ensureDebianPackages(
		[
			{ pkg: 'postgresql', present: () => postgresBinDir() !== undefined },
			{ pkg: 'redis-server', present: () => which('redis-server') !== undefined },
		],
		log,
	);
}

function asPostgresUser(command: string, args: string[]): { command: string; args: string[] } {
	if (process.getuid?.() === 0) return { command: 'runuser', args: ['-u', 'postgres', '--', command, ...args] };
	return { command, args };
}

export interface Postgres {
	host: string;
	port: number;
	user: string;
	database: string;
	process: ManagedProcess;
	stop(): Promise<void>;
}

export async function startPostgres(dir: string, log: Log): Promise<Postgres> {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL is not installed');
	mkdirSync(dir, { recursive: true });
	const data = join(dir, 'data');
	if (process.getuid?.() === 0) {
		// The postgres user must be able to reach its folder.
		chmodSync(dir, 0o755);
		const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
		const gw = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
		chownSync(dir, Number(pw.stdout.trim()), Number(gw.stdout.trim()));
	}
	const initdb = asPostgresUser(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
	const init = spawnSync(initdb.command, initdb.args, { encoding: 'utf8' });
	if (init.status !== 0) throw new Error(`initdb failed: ${init.stdout}${init.stderr}`);
	const port = await freePort();
	const serverCommand = asPostgresUser(join(bin, 'postgres'), [
		'-D',
		data,
		'-p',
		String(port),
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'unix_socket_directories=',
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=50',
	]);
	const proc = new ManagedProcess('postgres', serverCommand.command, serverCommand.args, {
		env: { ...process.env, LC_ALL: 'C' },
		logFile: join(dir, 'postgres.log'),
	});
	await proc.waitForOutput(/database system is ready to accept connections/, 30_000);
	log(`PostgreSQL ready on 127.0.0.1:${port}`);
	return {
		host: '127.0.0.1',
		port,
		user: 'postgres',
		database: 'postgres',
		process: proc,
		async stop() {
			// SIGINT is PostgreSQL's "fast" shutdown.
			await proc.stop('SIGINT', 10_000);
		},
	};
}

export interface Redis {
	host: string;
	port: number;
	process: ManagedProcess;
	stop(): Promise<void>;
}

export async function startRedis(dir: string, log: Log): Promise<Redis> {
	const server = which('redis-server');
	if (!server) throw new Error('redis-server is not installed');
	mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const proc = new ManagedProcess(
		'redis',
		server,
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'],
		{ env: process.env, logFile: join(dir, 'redis.log') },
	);
	await proc.waitForOutput(/Ready to accept connections/, 20_000);
	await waitFor('redis port', () => proc.running, 1000);
	log(`Redis ready on 127.0.0.1:${port}`);
	return {
		host: '127.0.0.1',
		port,
		process: proc,
		async stop() {
			await proc.stop('SIGTERM', 10_000);
		},
	};
}
