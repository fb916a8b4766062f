/* eslint-disable
	@n8n/community-nodes/no-dangerous-functions,
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * Long-running child processes of the e2e suite (n8n, its worker, PostgreSQL, Redis, the
 * RongCloud emulator): each in its own process group, output appended to a log file and kept
 * in memory for assertions, and all of them killed when the suite exits, however it exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';

const running = new Set<ManagedProcess>();

function killAllNow(): void {
	for (const proc of running) proc.killGroup('SIGKILL');
}
let interruptHandler: ((signal: NodeJS.Signals) => void) | undefined;

/**
 * Replace the default Ctrl-C/SIGTERM behaviour (kill every child at once, exit 130) with a
 * handler of the caller's, e.g. the sandbox stopping n8n gracefully. Children are still
 * killed when the process exits.
 */
export function onInterrupt(handler: (signal: NodeJS.Signals) => void): void {
	interruptHandler = handler;
}

process.once('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		if (interruptHandler) {
			interruptHandler(signal);
			return;
		}
		killAllNow();
		process.exit(130);
	});
}

export interface SpawnOptions {
	cwd?: string;
	env: NodeJS.ProcessEnv;
	logFile: string;
}

export class ManagedProcess {
	readonly child: ChildProcess;
	readonly name: string;
	readonly logFile: string;
	private output = '';
	private readonly log: WriteStream;
	private exited: Promise<number>;
	exitCode: number | undefined;

	constructor(name: string, command: string, args: string[], options: SpawnOptions) {
		this.name = name;
		this.logFile = options.logFile;
		this.log = createWriteStream(options.logFile, { flags: 'a' });
		this.log.write(`$ ${command} ${args.join(' ')}\n`);
		this.child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		running.add(this);
		const onData = (chunk: Buffer): void => {
			this.log.write(chunk);
			this.output += chunk.toString('utf8');
		};
		this.child.stdout?.on('data', onData);
		this.child.stderr?.on('data', onData);
		this.exited = new Promise<number>((resolve) => {
			this.child.once('error', (error) => {
				this.output += `\n[spawn error] ${error.message}\n`;
				running.delete(this);
				this.exitCode = 127;
				resolve(127);
			});
			this.child.once('close', (code, signal) => {
				running.delete(this);
				this.exitCode = code ?? (signal ? 128 : 1);
				this.log.write(`\n[exit ${code ?? signal}]\n`);
				resolve(this.exitCode);
			});
		});
	}

	get pid(): number | undefined {
		return this.child.pid;
	}

	get running(): boolean {
		return this.exitCode === undefined;
	}

	/** Everything the process printed so far (stdout and stderr interleaved). */
	text(): string {
		return this.output;
	}

	wait(): Promise<number> {
		return this.exited;
	}

	/** Resolve once the output matches `pattern`; reject if the process exits first or on timeout. */
	async waitForOutput(pattern: RegExp, timeoutMs: number, from = 0): Promise<RegExpMatchArray> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const match = this.output.slice(from).match(pattern);
			if (match) return match;
			if (!this.running) {
				throw new Error(`${this.name} exited (${this.exitCode}) before printing ${pattern}; log: ${this.logFile}\n${tailOf(this.output)}`);
			}
			if (Date.now() > deadline) {
				throw new Error(`${this.name} did not print ${pattern} within ${timeoutMs} ms; log: ${this.logFile}\n${tailOf(this.output)}`);
			}
			await sleep(100);
		}
	}

	killGroup(signal: NodeJS.Signals): void {
		if (this.child.pid === undefined || !this.running) return;
		try {
			process.kill(-this.child.pid, signal);
		} catch {
			try {
				this.child.kill(signal);
			} catch {
				// Already gone.
			}
		}
	}

	/** Ask politely with `signal`, then SIGKILL the whole group after `graceMs`. */
	async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<number> {
		if (this.running) {
			this.killGroup(signal);
			const timer = setTimeout(() => this.killGroup('SIGKILL'), graceMs);
			await this.exited;
			clearTimeout(timer);
		}
		// Children of the process (n8n's task runner) may outlive it: end the group.
		this.killGroup('SIGKILL');
		await new Promise<void>((resolve) => this.log.end(() => resolve()));
		return this.exitCode ?? 0;
	}
}

export function tailOf(text: string, lines = 30): string {
	return text.split('\n').slice(-lines).join('\n');
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

const handedOut = new Set<number>();

/** The first port of the kernel's ephemeral range (where bind(0) and outgoing connections take ports). */
function ephemeralRangeStart(): number {
	try {
		const first = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
		return Number.isInteger(first) && first > 0 ? first : 32768;
	} catch {
		return 32768;
	}
}

function canListen(port: number): Promise<number | undefined> {
	return new Promise((resolve) => {
		const server = createServer();
		server.unref();
		server.once('error', () => resolve(undefined));
		server.listen(port, '127.0.0.1', () => {
			const address = server.address();
			const bound = typeof address === 'object' && address ? address.port : undefined;
			server.close(() => resolve(bound));
		});
	});
}

/**
 * A TCP port on 127.0.0.1 that was free a moment ago, for a process that binds it later. Taken
 * below the kernel's ephemeral range, so that neither a `bind(0)` nor an outgoing connection of
 * any process can grab it in between (a port from `bind(0)` once went to the RongCloud emulator
 * while n8n was about to bind it), and never the same one twice in this process.
 */
export async function freePort(): Promise<number> {
	const top = ephemeralRangeStart() - 1;
	const bottom = 10_000;
	if (top - bottom > 1000) {
		for (let attempt = 0; attempt < 200; attempt++) {
			const port = bottom + Math.floor(Math.random() * (top - bottom));
			if (handedOut.has(port)) continue;
			if ((await canListen(port)) === port) {
				handedOut.add(port);
				return port;
			}
		}
	}
	for (;;) {
		const port = await canListen(0);
		if (port !== undefined && !handedOut.has(port)) {
			handedOut.add(port);
			return port;
		}
	}
}

/** Poll `check` until it returns a value other than undefined/false; throws after `timeoutMs`. */
export async function waitFor<T>(
	what: string,
	check: () => Promise<T | undefined | false> | T | undefined | false,
	timeoutMs: number,
	intervalMs = 250,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	for (;;) {
		try {
			const value = await check();
			if (value !== undefined && value !== false) return value as T;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() > deadline) {
			const why = lastError instanceof Error ? `: ${lastError.message}` : '';
			throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${why}`);
		}
		await sleep(intervalMs);
	}
}
