/**
 * Long-running child processes of the e2e suite (n8n, its worker, PostgreSQL, Redis, the
 * RongCloud emulator): each in its own process group, output appended to a log file and kept
 * in memory for assertions, and all of them killed when the suite exits, however it exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';

const running = new Set<ManagedProcess>();

function killAllNow(): void {
	for (const proc of running) proc.killGroup('SIGKILL');
}
process.once('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
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

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
	return await new Promise<number>((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
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
