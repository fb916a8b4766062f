/* eslint-disable
	@n8n/community-nodes/no-dangerous-functions,
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * `npm run bench`: the four figures the project tracks (README, Benchmark), each against its target, printed and written to
 * bench/results.json. Not a test: timings depend on the machine and on what else runs on it (the
 * load average is printed with the figures).
 *
 * (a) the node's own work per item, and its ratio to a bare URLSearchParams + sha1 baseline
 *     (bench/perItem.ts, in a process of its own);
 * (b) peak memory of a dry run over 1,000 items of 128 KB content (bench/memory.ts, ditto), and
 *     the heap 3,000 answered exchanges keep at the largest Timeout (bench/deadlineMemory.ts);
 * (c) the packed tarball (`npm pack --dry-run --json`);
 * (d) the time to `require` the built node in a fresh `node` process.
 *
 * Measures dist/, the code that ships: builds it first when it is missing or older than the sources.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';

import { DIST_CREDENTIAL, DIST_NODE, median, ROOT } from './fixtures';

const TARGETS = { perItemUs: 50, baselineRatio: 2, tarballBytes: 60_000, requireMs: 20 };
const REQUIRE_RUNS = 15;

const log = (line = '') => process.stdout.write(`${line}\n`);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const fixed = (value: number, digits = 1) => value.toFixed(digits);

function filesUnder(folder: string, keep: (path: string) => boolean): string[] {
	if (!existsSync(folder)) return [];
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) return filesUnder(path, keep);
		return keep(path) ? [path] : [];
	});
}

/** Builds dist/ when it is missing or older than a source file; says which. */
function ensureBuilt(): string {
	const sources = ['nodes', 'credentials'].flatMap((folder) =>
		filesUnder(join(ROOT, folder), (path) => /\.(ts|json|svg)$/.test(path)),
	);
	const newestSource = Math.max(...sources.map((path) => statSync(path).mtimeMs));
	const built = [DIST_NODE, DIST_CREDENTIAL].filter((path) => existsSync(path));
	const oldestBuilt = built.length === 2 ? Math.min(...built.map((path) => statSync(path).mtimeMs)) : 0;
	if (oldestBuilt >= newestSource) return 'dist/ is up to date';
	const why = oldestBuilt === 0 ? 'dist/ is missing' : 'dist/ is older than the sources';
	log(`${why}: npm run build`);
	execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
	return `${why}: built`;
}

/** Runs a bench worker in a fresh process and returns the JSON it printed last. */
function worker<T>(file: string): T {
	const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(__dirname, file)], {
		cwd: ROOT,
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	if (result.status !== 0) throw new Error(`${file} failed (exit ${result.status}):\n${result.stderr}`);
	const lines = result.stdout.trim().split('\n');
	return JSON.parse(lines[lines.length - 1]) as T;
}

interface PerItem {
	items: number;
	runs: number;
	formBytes: number;
	pushExtBytes: number;
	medianWallUs: Record<'execute' | 'sign' | 'baseline' | 'tightBaseline' | 'stub' | 'expression', number>;
	medianCpuUs: Record<string, number>;
	medianGcUs: Record<string, number>;
	minWallUs: Record<string, number>;
}

interface Memory {
	items: number;
	contentBytes: number;
	inputMB: number;
	ms: number;
	rssBeforeMB: number;
	peakRssMB: number;
	peakRssDeltaMB: number;
	heapDeltaMB: number;
	heapDeltaBeforeGcMB: number;
	retainedPerItemKB: number;
}

interface PackFile {
	path: string;
	size: number;
}

function tarball(): { size: number; unpackedSize: number; entryCount: number; largest: PackFile[]; stale: string[] } {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
	const [pack] = JSON.parse(out) as Array<{ size: number; unpackedSize: number; entryCount: number; files: PackFile[] }>;
	// A file in dist/ whose source is gone would ship too: name it, the size is then not the release's.
	const stale = pack.files
		.map((file) => file.path)
		.filter((path) => path.startsWith('dist/') && path.endsWith('.js'))
		.filter((path) => !existsSync(join(ROOT, path.slice('dist/'.length).replace(/\.js$/, '.ts'))));
	const largest = [...pack.files].sort((a, b) => b.size - a.size).slice(0, 3);
	return { size: pack.size, unpackedSize: pack.unpackedSize, entryCount: pack.entryCount, largest, stale };
}

/** Milliseconds to require the built node in a fresh process, optionally after n8n-workflow. */
function requireTime(preloadN8nWorkflow: boolean): number[] {
	const script = [
		"const { performance } = require('node:perf_hooks');",
		preloadN8nWorkflow ? "require('n8n-workflow');" : '',
		'const start = performance.now();',
		`require(${JSON.stringify(DIST_NODE)});`,
		'process.stdout.write(String(performance.now() - start));',
	].join('\n');
	return Array.from({ length: REQUIRE_RUNS }, () => Number(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })));
}

function main(): void {
	const started = new Date();
	const load = loadavg();
	log(`n8n-nodes-rongcloud benchmark, ${started.toISOString()}`);
	log(`node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}, load average ${load.map((l) => fixed(l, 2)).join(' ')}`);
	const build = ensureBuilt();
	log(build);
	log();

	// (a)
	const perItem = worker<PerItem>('perItem.ts');
	const wall = perItem.medianWallUs;
	const nodeUs = wall.execute + wall.sign;
	const ratio = nodeUs / wall.baseline;
	log(`(a) the node's own work per item: ${perItem.items.toLocaleString('en')} items, full pushExt (8 vendors, every field; form ${perItem.formBytes} bytes), median of ${perItem.runs} runs`);
	log(`    execute() in dry run, through n8n's ExecuteContext      ${fixed(wall.execute)} µs`);
	log(`      (parameters read, validated, content + pushExt built, form encoded, dry-run item built and kept)`);
	log(`    + signing, as n8n calls the credential per request     ${fixed(wall.sign)} µs`);
	log(`    = node per item                                        ${fixed(nodeUs)} µs   target < ${TARGETS.perItemUs} µs   ${verdict(nodeUs < TARGETS.perItemUs)}`);
	log(`    baseline: URLSearchParams(form) + sha1 with crypto     ${fixed(wall.baseline)} µs`);
	log(`    ratio node / baseline                                  ${fixed(ratio, 2)}x      target < ${TARGETS.baselineRatio}x      ${verdict(ratio < TARGETS.baselineRatio)}`);
	log(`    for information:`);
	log(`      n8n's parameter machinery (execute minus the same execute with a plain lookup)  ${fixed(wall.execute - wall.stub)} µs`);
	log(`      tight baseline (the node's own encoder + sha1)                                 ${fixed(wall.tightBaseline)} µs`);
	log(`      execute() with the text from {{ $json.text }} (n8n's expression engine)         ${fixed(wall.expression)} µs`);
	log(`      GC pauses inside execute() (its 10,000 output items stay alive, as n8n keeps them)  ${fixed(perItem.medianGcUs.execute)} µs`);
	log(`      CPU time per item (all threads, GC included): execute ${fixed(perItem.medianCpuUs.execute)} µs, signing ${fixed(perItem.medianCpuUs.sign)} µs, baseline ${fixed(perItem.medianCpuUs.baseline)} µs`);
	if (ratio >= TARGETS.baselineRatio) {
		log(`    why the ratio misses: the baseline only encodes a finished form and hashes; per item the node also goes`);
		log(`    through n8n's getNodeParameter (${fixed(wall.execute - wall.stub)} µs), checks every field, builds the content and pushExt JSON,`);
		log(`    and makes an output item that n8n keeps (GC ${fixed(perItem.medianGcUs.execute)} µs); its signing goes through the credential's`);
		log(`    authenticate() with a request ID.`);
	}
	log();

	// (b)
	const memory = worker<Memory>('memory.ts');
	log(`(b) memory, dry run of ${memory.items} items with ${memory.contentBytes / 1024} KB content each (input ${fixed(memory.inputMB)} MB, held by the workflow), ${fixed(memory.ms, 0)} ms`);
	log(`    peak RSS ${fixed(memory.peakRssMB)} MB: +${fixed(memory.peakRssDeltaMB)} MB over the ${fixed(memory.rssBeforeMB)} MB before the run`);
	log(`    heap delta with the output held: ${fixed(memory.heapDeltaMB)} MB after GC (${fixed(memory.retainedPerItemKB)} KB per item: the content and the encoded body of each dry-run item), ${fixed(memory.heapDeltaBeforeGcMB)} MB before GC`);
	const deadlines = worker<{ exchanges: number; timeoutMs: number; retainedMB: number }>('deadlineMemory.ts');
	log(`    heap kept after ${deadlines.exchanges} answered exchanges at Timeout ${deadlines.timeoutMs} ms, after GC: ${fixed(deadlines.retainedMB, 2)} MB (a deadline that held its answers until the Timeout kept 17.9 MB)`);
	log();

	// (c)
	const pack = tarball();
	log(`(c) packed tarball ${pack.size.toLocaleString('en')} bytes (${fixed(pack.size / 1000)} kB), unpacked ${pack.unpackedSize.toLocaleString('en')} bytes, ${pack.entryCount} files   target < ${TARGETS.tarballBytes / 1000} kB   ${verdict(pack.size < TARGETS.tarballBytes)}`);
	log(`    largest: ${pack.largest.map((file) => `${file.path} ${file.size.toLocaleString('en')}`).join(', ')}`);
	if (pack.stale.length) log(`    warning: dist/ holds files without a source (stale build, they would ship): ${pack.stale.join(', ')}`);
	log();

	// (d)
	const warm = requireTime(true);
	const cold = requireTime(false);
	const requireMs = median(warm);
	log(`(d) require ${relative(ROOT, DIST_NODE)} in a fresh node process, median of ${REQUIRE_RUNS}`);
	log(`    with n8n-workflow already loaded, as in n8n          ${fixed(requireMs)} ms   target < ${TARGETS.requireMs} ms   ${verdict(requireMs < TARGETS.requireMs)}`);
	log(`    cold, n8n-workflow included                          ${fixed(median(cold))} ms   (n8n-workflow is the peer dependency n8n loads before any community node)`);
	log();

	const results = {
		date: started.toISOString(),
		command: 'npm run bench',
		environment: { node: process.version, cpu: cpus()[0]?.model, cores: cpus().length, loadAverage: load, build },
		figures: {
			perItemUs: nodeUs,
			perItemBreakdownUs: {
				executeDryRun: wall.execute,
				signing: wall.sign,
				n8nParameterMachinery: wall.execute - wall.stub,
				gcPausesInExecute: perItem.medianGcUs.execute,
				withExpressionText: wall.expression,
			},
			baselineUs: wall.baseline,
			tightBaselineUs: wall.tightBaseline,
			ratioToBaseline: ratio,
			memory,
			deadlineMemory: deadlines,
			tarball: { size: pack.size, unpackedSize: pack.unpackedSize, entryCount: pack.entryCount, stale: pack.stale },
			requireMs: { withN8nWorkflowLoaded: requireMs, cold: median(cold), samplesWarm: warm, samplesCold: cold },
		},
		targets: {
			perItemUs: { target: TARGETS.perItemUs, value: nodeUs, result: verdict(nodeUs < TARGETS.perItemUs) },
			ratioToBaseline: { target: TARGETS.baselineRatio, value: ratio, result: verdict(ratio < TARGETS.baselineRatio) },
			tarballBytes: { target: TARGETS.tarballBytes, value: pack.size, result: verdict(pack.size < TARGETS.tarballBytes) },
			requireMs: { target: TARGETS.requireMs, value: requireMs, result: verdict(requireMs < TARGETS.requireMs) },
		},
		perItem,
	};
	writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(results, null, '\t')}\n`);
	log(`written to ${relative(ROOT, join(__dirname, 'results.json'))}`);
}

main();
