/* eslint-disable
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * When the suites that read dist/ rebuild it first: a missing build, a source or build setting
 * changed after it, a source it lacks, and a built file whose source is gone; never otherwise.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { distStaleness } from './freshDist';

const BEFORE_BUILD = new Date('2025-01-01T00:00:00Z');
const BUILT = new Date('2025-01-01T00:01:00Z');
const AFTER_BUILD = new Date('2025-01-01T00:02:00Z');

let root: string;

function write(path: string, at: Date): void {
	const file = join(root, path);
	mkdirSync(dirname(file), { recursive: true });
	writeFileSync(file, path);
	utimesSync(file, at, at);
}

/** A repository as `npm run build` leaves it: copied assets keep their source's time. */
function builtRepository(): void {
	write('tsconfig.json', BEFORE_BUILD);
	write('tsconfig.build.json', BEFORE_BUILD);
	write('gulpfile.js', BEFORE_BUILD);
	write('nodes/Node/Node.node.ts', BEFORE_BUILD);
	write('nodes/Node/icon.svg', BEFORE_BUILD);
	write('nodes/Node/__schema__/v1.0.0/send.json', BEFORE_BUILD);
	write('credentials/Api.credentials.ts', BEFORE_BUILD);
	write('dist/nodes/Node/Node.node.js', BUILT);
	write('dist/nodes/Node/icon.svg', BEFORE_BUILD);
	write('dist/nodes/Node/__schema__/v1.0.0/send.json', BEFORE_BUILD);
	write('dist/credentials/Api.credentials.js', BUILT);
}

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'fresh-dist-'));
	builtRepository();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

it('a build of the sources as they are is fresh', () => {
	expect(distStaleness(root)).toBeUndefined();
});

it('no dist/, or one without compiled code, is stale', () => {
	rmSync(join(root, 'dist', 'nodes', 'Node', 'Node.node.js'));
	rmSync(join(root, 'dist', 'credentials', 'Api.credentials.js'));
	expect(distStaleness(root)).toBe('dist/ has not been built');
	rmSync(join(root, 'dist'), { recursive: true });
	expect(distStaleness(root)).toBe('dist/ has not been built');
});

it.each([
	'nodes/Node/Node.node.ts',
	'credentials/Api.credentials.ts',
	'nodes/Node/icon.svg',
	'nodes/Node/__schema__/v1.0.0/send.json',
	'tsconfig.json',
	'tsconfig.build.json',
	'gulpfile.js',
])('%s changed after the build: stale', (path) => {
	write(path, AFTER_BUILD);
	expect(distStaleness(root)).toBe(`${path} changed after the last build`);
});

it('a file outside what the build reads may change', () => {
	write('nodes/Node/notes.md', AFTER_BUILD);
	write('README.md', AFTER_BUILD);
	write('test/Node.test.ts', AFTER_BUILD);
	expect(distStaleness(root)).toBeUndefined();
});

it('a source the build has not seen, even with an old time (moved in), is stale', () => {
	write('nodes/Node/shared/limits.ts', BEFORE_BUILD);
	expect(distStaleness(root)).toBe('nodes/Node/shared/limits.ts is not in dist/');
});

it('a built file whose source is gone is stale', () => {
	rmSync(join(root, 'nodes', 'Node', '__schema__', 'v1.0.0', 'send.json'));
	expect(distStaleness(root)).toBe('dist/nodes/Node/__schema__/v1.0.0/send.json has no source any more');
});
