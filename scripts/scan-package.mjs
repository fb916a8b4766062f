// n8n's community package scanner (@n8n/scan-community-package), run on this checkout and on the
// tarball `npm pack` makes of it, with the same file patterns n8n's own scan uses for a published
// package: the source leg lints package.json plus nodes/ and credentials/, the tarball leg the
// compiled JavaScript plus the published package.json. `analyzePackage` lints a folder and nothing
// else; the provenance check and the downloads of n8n's scan of a package name are not part of it,
// so this runs offline.
//
// Usage: node scripts/scan-package.mjs source|tarball   (the tarball leg needs `npm run build` first)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

function unpackedTarball(workDir) {
	const [{ filename }] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', workDir], {
			cwd: root,
			encoding: 'utf8',
		}),
	);
	const packageDir = join(workDir, 'package');
	mkdirSync(packageDir);
	execFileSync('tar', ['-xzf', join(workDir, filename), '-C', packageDir, '--strip-components=1']);
	return packageDir;
}

async function main() {
	const leg = process.argv[2];
	if (leg !== 'source' && leg !== 'tarball') {
		process.stderr.write('usage: node scripts/scan-package.mjs source|tarball\n');
		return 2;
	}
	const workDir = leg === 'tarball' ? mkdtempSync(join(tmpdir(), 'n8n-scan-')) : undefined;
	try {
		const [folder, patterns] =
			leg === 'source' ? [root, SOURCE_FILE_PATTERNS] : [unpackedTarball(workDir), TARBALL_FILE_PATTERNS];
		const result = await analyzePackage(folder, patterns);
		const what = `n8n scanner, ${leg} (${patterns.join(', ')})`;
		if (result.details) process.stdout.write(`${result.details}\n`);
		process.stdout.write(`${what}: ${result.passed ? 'passed' : `FAILED: ${result.message}`}\n`);
		return result.passed ? 0 : 1;
	} finally {
		if (workDir) rmSync(workDir, { recursive: true, force: true });
	}
}

process.exitCode = await main();
