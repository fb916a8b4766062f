/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports,
	@n8n/community-nodes/require-node-api-error
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * dist/ as the suites that read it need it: what `npm run build` makes of the sources as they are.
 * A dist/ that is missing or older than a source is rebuilt before such a suite runs, so `npm test`
 * works on a fresh clone and after any edit; a build that fails fails the suite, saying so.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..');
/** What the build compiles and copies (tsconfig.build.json, gulpfile.js). */
const SOURCE_DIRS = ['nodes', 'credentials'];
/** What else decides the build's output. */
const BUILD_INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'gulpfile.js'];
/** The files of a source directory that end up in dist/: compiled code, icons, codex and schemas. */
const BUILT_SOURCE = /(\.ts|\.svg|\.png|\.json)$/;

/** For a suite's `beforeAll`: a build on two busy cores takes well over jest's default 30 s. */
export const BUILD_TIMEOUT_MS = 300_000;
const LOCK_WAIT_MS = BUILD_TIMEOUT_MS - 30_000;

function filesUnder(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
	);
}

const modifiedAt = (path: string) => statSync(path).mtimeMs;

/** Where the build puts a source file: a compiled .ts becomes .js, anything else is copied as is. */
function builtPathOf(root: string, source: string): string {
	const path = join(root, 'dist', relative(root, source));
	return path.endsWith('.ts') ? `${path.slice(0, -'.ts'.length)}.js` : path;
}

/**
 * Why dist/ under `root` is not the build of the sources there, or undefined when it is. The build
 * empties dist/ and compiles every source, so its oldest .js file tells when it last ran (copied
 * icons and schemas keep their source's time, so they cannot tell).
 */
export function distStaleness(root = ROOT): string | undefined {
	const built = filesUnder(join(root, 'dist'));
	const compiled = built.filter((path) => path.endsWith('.js'));
	if (compiled.length === 0) return 'dist/ has not been built';
	const builtAt = Math.min(...compiled.map(modifiedAt));
	const sources = SOURCE_DIRS.flatMap((dir) => filesUnder(join(root, dir))).filter((path) => BUILT_SOURCE.test(path) && !path.endsWith('.d.ts'));
	const inputs = [...sources, ...BUILD_INPUTS.map((file) => join(root, file)).filter((path) => existsSync(path))];
	const changed = inputs.find((path) => modifiedAt(path) > builtAt);
	if (changed) return `${relative(root, changed)} changed after the last build`;
	const builtPaths = new Set(built);
	const unbuilt = sources.find((path) => !builtPaths.has(builtPathOf(root, path)));
	if (unbuilt) return `${relative(root, unbuilt)} is not in dist/`;
	const expected = new Set(sources.map((path) => builtPathOf(root, path)));
	const orphan = built.find((path) => !expected.has(path));
	if (orphan) return `${relative(root, orphan)} has no source any more`;
	return undefined;
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

function lockHolder(lock: string): string | undefined {
	try {
		return readFileSync(lock, 'utf8');
	} catch {
		return undefined;
	}
}

function isGone(pid: string): boolean {
	if (!/^[1-9][0-9]*$/.test(pid)) return false;
	try {
		process.kill(Number(pid), 0);
		return false;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'ESRCH';
	}
}

/** Runs `build` while no other jest worker builds: two builds at once would empty dist/ under each other. */
async function underBuildLock(build: () => Promise<void>): Promise<void> {
	const dir = join(ROOT, 'node_modules', '.cache');
	mkdirSync(dir, { recursive: true });
	const lock = join(dir, 'dist-build.lock');
	const giveUpAt = Date.now() + LOCK_WAIT_MS;
	for (;;) {
		try {
			writeFileSync(lock, String(process.pid), { flag: 'wx' });
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		// A worker killed mid-build leaves its lock behind; another waiter may take it over first.
		const holder = lockHolder(lock);
		if (holder !== undefined && isGone(holder)) {
			if (lockHolder(lock) === holder) rmSync(lock, { force: true });
			continue;
		}
		if (Date.now() > giveUpAt) throw new Error(`dist/ is out of date and another build has held ${relative(ROOT, lock)} too long: run npm run build`);
		await sleep(200);
	}
	try {
		await build();
	} finally {
		unlinkSync(lock);
	}
}

/** For the `beforeAll` of a suite that reads dist/ (with BUILD_TIMEOUT_MS). */
export async function ensureFreshDist(): Promise<void> {
	if (distStaleness() === undefined) return;
	await underBuildLock(async () => {
		// Another suite may have built it while this one waited.
		const reason = distStaleness();
		if (reason === undefined) return;
		try {
			await promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
		} catch (error) {
			const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
			const output = `${stdout}${stderr}`.trim().split('\n').slice(-30).join('\n');
			throw new Error(`dist/ is out of date (${reason}) and rebuilding it failed: run npm run build and fix what it reports.\n${output}`);
		}
		const left = distStaleness();
		if (left !== undefined) throw new Error(`dist/ is still out of date after npm run build (${left}): run npm run build`);
	});
}
