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
 * `npm run bench -- --smoke` runs every worker over a few hundred items, once, and writes nothing:
 * CI runs it so that a benchmark that stops running fails the build. Its figures mean nothing.
 *
 * (a) the node's own CPU per successful send, and its ratio to a bare URLSearchParams + sha1
 *     baseline (bench/perItem.ts, in a process of its own); redaction alone (bench/redaction.ts);
 * (b) peak memory of a dry run over 1,000 items of 128 KB content (bench/memory.ts, ditto), and
 *     the heap 3,000 answered exchanges keep at the largest Timeout (bench/deadlineMemory.ts);
 * (c) the packed tarball (`npm pack --dry-run --json`);
 * (d) the time to `require` the built node in a fresh `node` process;
 * (e) Send to Users at RongCloud's rate: 10,000 recipients as 10,000 items against the emulator
 *     enforcing 100 recipients a second, with real waits (about 100 s), then at a limit ten times
 *     higher (bench/sendToUsers.ts, in a process of its own).
 *
 * Measures dist/, the code that ships: builds it first when it is missing or older than the sources.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';

import { DIST_CREDENTIAL, DIST_NODE, median, ROOT } from './fixtures';
// Types only: erased, so the worker's module does not run here.
import type { PacedRun, SendToUsersReport } from './sendToUsers';

// The workers read it from the environment they inherit.
if (process.argv.includes('--smoke')) process.env.BENCH_SMOKE = '1';
const SMOKE = process.env.BENCH_SMOKE === '1';

const TARGETS = { perItemUs: 50, baselineRatio: 2, tarballBytes: 60_000, requireMs: 20, wallOverRate: 1.05, heapAboveSmallRunMB: 3 };
const REQUIRE_RUNS = SMOKE ? 2 : 15;

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

type Figure = 'send' | 'execute' | 'sign' | 'baseline' | 'tightBaseline' | 'plainLookup' | 'expression' | 'http';

interface PerItem {
	items: number;
	runs: number;
	httpItems: number;
	formBytes: number;
	pushExtBytes: number;
	medianWallUs: Record<Figure, number>;
	medianCpuUs: Record<Figure, number>;
	medianGcUs: Record<Figure, number>;
	minWallUs: Record<Figure, number>;
}

interface Redaction {
	echoBytes: number;
	hostilePageBytes: number;
	medianCpuUs: Record<'success' | 'echo' | 'hostilePage', number>;
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
	const redaction = worker<Redaction>('redaction.ts');
	const cpu = perItem.medianCpuUs;
	const wall = perItem.medianWallUs;
	const nodeUs = cpu.send;
	const ratio = nodeUs / cpu.baseline;
	const machinery = cpu.execute - cpu.plainLookup;
	log(`(a) the node's own CPU per item: ${perItem.items.toLocaleString('en')} items, full pushExt (8 vendors, every field; form ${perItem.formBytes} bytes), median of ${perItem.runs} runs`);
	log(`    a successful send: execute() through n8n's ExecuteContext, timed from its call to its return  ${fixed(nodeUs)} µs   target < ${TARGETS.perItemUs} µs   ${verdict(nodeUs < TARGETS.perItemUs)}`);
	log(`      (parameters read, validated, content + pushExt built, form encoded, signed by the credential, the deadline,`);
	log(`      the answer read, parsed and checked for the request's values, the delivery record, the output item;`);
	log(`      n8n's HTTP helper answers in memory: network and n8n's HTTP client excluded; wall ${fixed(wall.send)} µs)`);
	log(`    baseline: URLSearchParams(form) + sha1 with crypto                                      ${fixed(cpu.baseline)} µs`);
	log(`    ratio node / baseline                                                                   ${fixed(ratio, 2)}x      target < ${TARGETS.baselineRatio}x      ${verdict(ratio < TARGETS.baselineRatio)}`);
	log(`    redaction alone, CPU:`);
	log(`      a success answer (the request's redactor made, "code" and messageUID checked)        ${fixed(redaction.medianCpuUs.success, 2)} µs`);
	log(`      a hostile echo (${redaction.echoBytes} bytes echoing the Signature four ways, quoted)                  ${fixed(redaction.medianCpuUs.echo)} µs`);
	log(`      a hostile page (${(redaction.hostilePageBytes / 1024).toFixed(0)} KB of echoes and near misses, redacted whole)              ${fixed(redaction.medianCpuUs.hostilePage / 1000, 2)} ms`);
	log(`    for information, CPU per item:`);
	log(`      the same execute() in dry run (no signing, no answer; a dry-run item built and kept)    ${fixed(cpu.execute)} µs`);
	log(`      signing alone: the credential's authenticate() and a request ID                        ${fixed(cpu.sign)} µs`);
	log(`      n8n's parameter machinery (the dry run minus the same with a plain lookup)            ${fixed(machinery)} µs`);
	log(`      tight baseline (the node's own encoder + sha1)                                        ${fixed(cpu.tightBaseline)} µs`);
	log(`      the dry run with the text from {{ $json.text }} (n8n's expression engine)            ${fixed(cpu.expression)} µs`);
	log(`      GC pauses inside execute(): send ${fixed(perItem.medianGcUs.send)} µs, dry run ${fixed(perItem.medianGcUs.execute)} µs (n8n keeps every output item)`);
	log(`      sends to the emulator over loopback HTTP through n8n's own HTTP helper, ${perItem.httpItems} items: ${fixed(cpu.http)} µs`);
	log(`        (all CPU of this process while execute() ran: the node, n8n's HTTP client and the emulator)`);
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

	// (e)
	const users = worker<SendToUsersReport>('sendToUsers.ts');
	const { paced, tenfold, small } = users;
	const wallTarget = TARGETS.wallOverRate * paced.rateS;
	const expectedRequests = Math.ceil(paced.recipients / 100);
	const heapAbove = paced.heap.after - small.heap.after;
	const pace = (run: PacedRun) => (run.requests - 1) / run.phasesS.firstToLastArrival;
	log(`(e) Send to Users at RongCloud's rate: ${paced.recipients.toLocaleString('en')} recipients as ${paced.recipients.toLocaleString('en')} items, one message, the real execute() against the emulator in this process`);
	log(`    enforcing ${paced.limit} recipients a second on its real clock (the node waits for real)`);
	log(`    requests sent                                          ${paced.requests}   target ${expectedRequests}   ${verdict(paced.requests === expectedRequests)}   (sizes ${Object.entries(paced.requestSizes).map(([size, count]) => `${count} x ${size}`).join(', ')})`);
	log(`    wall time, execute()'s call to its return              ${fixed(paced.wallS)} s   target <= ${TARGETS.wallOverRate} x ${paced.rateS} s = ${fixed(wallTarget, 1)} s   ${verdict(paced.wallS <= wallTarget)}`);
	log(`      floor ${paced.floorS} s: the first request leaves at once, each next one a second after the one before (${paced.requests} requests of 100); ${fixed(paced.wallS / Math.max(paced.floorS, 1), 3)} x the floor`);
	log(`      before the first request (every item read and checked first) ${fixed(paced.phasesS.beforeFirstRequest, 2)} s, first to last arrival ${fixed(paced.phasesS.firstToLastArrival, 2)} s, after the last ${fixed(paced.phasesS.afterLastArrival, 2)} s`);
	log(`      each request ${fixed(paced.beyondFloorPerRequestMs)} ms beyond its second: sent to arrived ${fixed(paced.sendToArrivalMs.mean)} ms, arrived to the next sent beyond the second ${fixed(paced.arrivalToNextSendBeyondWaitMs.mean)} ms (means;`);
	log(`      the node counts a request from its answer, so each wait adds the answer's way back and the next request's way out)`);
	log(`      CPU of this process: ${fixed(paced.cpuMs.toFirstAnswer / 1000, 2)} s to the first answer, ${fixed(paced.cpuMs.betweenAnswers.mean)} ms from one answer to the next (mean); load average ${fixed(paced.loadAverage, 2)} at the end`);
	log(`    refusals (1008 / HTTP 429)                             ${paced.refusals}   target 0   ${verdict(paced.refusals === 0)}${paced.otherFailures ? `   (other failures: ${paced.otherFailures})` : ''}`);
	log(`    duplicates (emulator deliveries)                       ${paced.duplicates}   target 0   ${verdict(paced.duplicates === 0)}   (${paced.delivered.toLocaleString('en')} delivered, ${paced.missing} missing)`);
	if (paced.error) log(`    the run ended with an error: ${paced.error}`);
	log(`    the node's own CPU per recipient                       ${fixed(users.ownCpu.medianCpuPerRecipientUs)} µs   (median of ${users.ownCpu.runs} runs of the same items, n8n's HTTP helper answering in memory;`);
	log(`      all CPU of this process during the paced run: ${fixed(paced.allCpuPerRecipientUs)} µs per recipient, the node, n8n's HTTP client and the emulator)`);
	log(`    heap after GC, above the worker's baseline, MB: ${small.recipients} recipients / ${paced.recipients.toLocaleString('en')}`);
	log(`      kept once the run is released                        ${fixed(small.heap.after, 2)} / ${fixed(paced.heap.after, 2)}   target <= ${TARGETS.heapAboveSmallRunMB} MB above the small run   ${verdict(heapAbove <= TARGETS.heapAboveSmallRunMB)}`);
	log(`      at execute()'s return, everything held               ${fixed(small.heap.atReturn, 2)} / ${fixed(paced.heap.atReturn, 2)}   (input and output items ${fixed(small.heap.inputAndOutput, 2)} / ${fixed(paced.heap.inputAndOutput, 2)},`);
	log(`      the emulator's records ${fixed(small.heap.emulatorRecords, 2)} / ${fixed(paced.heap.emulatorRecords, 2)}, the rest n8n's execution and the node's delivery record in it;`);
	log(`      the record as n8n saves it with the execution: ${fixed(paced.savedContextBytesPerRecipient, 0)} bytes of JSON per recipient)`);
	log(`    the limit raised tenfold (the emulator's app and the node's Recipients per Second at ${tenfold.limit}): ${tenfold.requests} requests, ${fixed(tenfold.wallS, 2)} s`);
	log(`      (floor ${tenfold.floorS} s, ${fixed(tenfold.wallS / tenfold.rateS, 2)} x ${tenfold.rateS} s; ${fixed(tenfold.phasesS.beforeFirstRequest, 2)} s before the first request), ${tenfold.refusals} refusals, ${tenfold.duplicates} duplicates, ${tenfold.missing} missing`);
	log(`      pace between the first and the last arrival: ${fixed(pace(tenfold), 2)} requests a second, against ${fixed(pace(paced), 2)} at ${paced.limit} (${fixed(pace(tenfold) / pace(paced), 1)} x)`);
	log();

	if (SMOKE) {
		log('smoke run: every worker ran; its figures mean nothing and bench/results.json is left as it was');
		return;
	}
	const results = {
		date: started.toISOString(),
		command: 'npm run bench',
		environment: { node: process.version, cpu: cpus()[0]?.model, cores: cpus().length, loadAverage: load, build },
		figures: {
			perItemUs: nodeUs,
			perItemBreakdownUs: {
				successfulSendCpu: cpu.send,
				successfulSendWall: wall.send,
				dryRunCpu: cpu.execute,
				signingCpu: cpu.sign,
				n8nParameterMachinery: machinery,
				gcPausesInSend: perItem.medianGcUs.send,
				gcPausesInDryRun: perItem.medianGcUs.execute,
				dryRunWithExpressionText: cpu.expression,
				overLoopbackHttpAllCpu: cpu.http,
			},
			baselineUs: cpu.baseline,
			tightBaselineUs: cpu.tightBaseline,
			ratioToBaseline: ratio,
			redactionUs: redaction.medianCpuUs,
			memory,
			deadlineMemory: deadlines,
			tarball: { size: pack.size, unpackedSize: pack.unpackedSize, entryCount: pack.entryCount, stale: pack.stale },
			requireMs: { withN8nWorkflowLoaded: requireMs, cold: median(cold), samplesWarm: warm, samplesCold: cold },
			sendToUsers: users,
		},
		targets: {
			perItemUs: { target: TARGETS.perItemUs, value: nodeUs, result: verdict(nodeUs < TARGETS.perItemUs) },
			ratioToBaseline: { target: TARGETS.baselineRatio, value: ratio, result: verdict(ratio < TARGETS.baselineRatio) },
			tarballBytes: { target: TARGETS.tarballBytes, value: pack.size, result: verdict(pack.size < TARGETS.tarballBytes) },
			requireMs: { target: TARGETS.requireMs, value: requireMs, result: verdict(requireMs < TARGETS.requireMs) },
			sendToUsersRequests: { target: expectedRequests, value: paced.requests, result: verdict(paced.requests === expectedRequests) },
			sendToUsersWallS: { target: wallTarget, floor: paced.floorS, value: paced.wallS, result: verdict(paced.wallS <= wallTarget) },
			sendToUsersRefusals: { target: 0, value: paced.refusals, result: verdict(paced.refusals === 0) },
			sendToUsersDuplicates: { target: 0, value: paced.duplicates, result: verdict(paced.duplicates === 0) },
			sendToUsersHeapAboveSmallRunMB: { target: TARGETS.heapAboveSmallRunMB, value: heapAbove, result: verdict(heapAbove <= TARGETS.heapAboveSmallRunMB) },
		},
		perItem,
		redaction,
	};
	writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(results, null, '\t')}\n`);
	log(`written to ${relative(ROOT, join(__dirname, 'results.json'))}`);
}

main();
