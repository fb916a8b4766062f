/* eslint-disable
	@n8n/community-nodes/no-dangerous-functions,
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * Build and `npm pack` the project: the tarball every n8n instance of the suite (and the
 * `npm start` sandbox) installs the way n8n installs a community package.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT } from './emulator';
import type { PackageUnderTest } from './harness';
import { tailOf } from './proc';

function runOrThrow(label: string, command: string, args: string[], say: (line: string) => void): string {
	say(`[e2e] ${label}: ${command} ${args.join(' ')}`);
	const env: NodeJS.ProcessEnv = { ...process.env };
	const out = spawnSync(command, args, { cwd: REPO_ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	if (out.status !== 0) {
		throw new Error(`${label} failed (exit ${out.status}):\n${tailOf(`${out.stdout}\n${out.stderr}`)}`);
	}
	return out.stdout;
}

/** `npm run build` (unless E2E_SKIP_BUILD=1), then `npm pack` into `outDir`; checks the declared files are packed. */
export function buildAndPack(outDir: string, say: (line: string) => void): PackageUnderTest {
	if (process.env.E2E_SKIP_BUILD !== '1') runOrThrow('build', 'npm', ['run', 'build'], say);
	const packed = runOrThrow('pack', 'npm', ['pack', '--json', '--pack-destination', outDir], say);
	const info = JSON.parse(packed.slice(packed.indexOf('['))) as Array<{ filename: string; name: string; version: string; files: Array<{ path: string }> }>;
	const tarball = join(outDir, info[0].filename.replace(/^@[^/]+\//, '').replace('/', '-'));
	const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	const files = new Set(info[0].files.map((f) => f.path));
	const declaredNodes = pkg.n8n?.nodes ?? [];
	const declaredCredentials = pkg.n8n?.credentials ?? [];
	const missing = [...declaredNodes, ...declaredCredentials].filter((f) => !files.has(f));
	if (missing.length > 0) throw new Error(`The packed tarball lacks files package.json declares: ${missing.join(', ')}`);
	say(`[e2e] packed ${info[0].name}@${info[0].version}: ${tarball} (${files.size} files)`);
	return { tarball, name: info[0].name, version: info[0].version, declaredNodes, declaredCredentials };
}
