/* eslint-disable
	@n8n/community-nodes/no-dangerous-functions,
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ICredentialType, INodeType } from 'n8n-workflow';

import { RongCloudApi } from '../credentials/RongCloudApi.credentials';
import { RongCloudBroadcast } from '../nodes/RongCloudBroadcast/RongCloudBroadcast.node';
import { operations } from '../nodes/RongCloudBroadcast/resources/message';
import { BUILD_TIMEOUT_MS, ensureFreshDist } from './support/freshDist';

const root = join(__dirname, '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Every file under dist/, as paths relative to the package root. */
function builtFiles(dir = join(root, 'dist'), prefix = 'dist'): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? builtFiles(join(dir, entry.name), `${prefix}/${entry.name}`) : [`${prefix}/${entry.name}`],
	);
}

describe('the published package', () => {
	beforeAll(ensureFreshDist, BUILD_TIMEOUT_MS);

	it('has no runtime dependencies and takes n8n-workflow from n8n itself', () => {
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.license).toBe('MIT');
		expect(pkg.keywords).toContain('n8n-community-node-package');
	});

	it('packs only dist, README, LICENSE and package.json, with every file n8n loads', () => {
		const [report] = JSON.parse(
			execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }),
		);
		const files: string[] = report.files.map((f: { path: string }) => f.path);
		for (const file of files) {
			expect(file).toMatch(/^(dist\/.+|README\.md|LICENSE|package\.json)$/);
		}
		expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
		for (const entry of [...pkg.n8n.credentials, ...pkg.n8n.nodes]) expect(files).toContain(entry);
		expect(files).toContain('dist/nodes/RongCloudBroadcast/rongcloud.svg');
		expect(files).toContain('dist/nodes/RongCloudBroadcast/rongcloud.dark.svg');
		expect(files).toContain('dist/credentials/rongcloud.svg');
		expect(files).toContain('dist/nodes/RongCloudBroadcast/RongCloudBroadcast.node.json');
		// The output schemas n8n serves to the editor, one per operation.
		for (const operation of Object.keys(operations)) {
			expect(files).toContain(`dist/nodes/RongCloudBroadcast/__schema__/v1.0.0/message/${operation}.json`);
		}
		expect(files.some((f) => f.includes('test/'))).toBe(false);
		// Every built file, and nothing else: dist plus README, LICENSE and package.json.
		expect(files.filter((f) => f.startsWith('dist/')).sort()).toEqual(builtFiles().sort());
		expect(files).toHaveLength(builtFiles().length + 3);
	});

	it('dist/ is the source: the built node and credential describe themselves as the source does (run `npm run build` after changing it)', () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { RongCloudBroadcast: BuiltNode } = require(join(root, 'dist', 'nodes', 'RongCloudBroadcast', 'RongCloudBroadcast.node.js')) as {
			RongCloudBroadcast: new () => INodeType;
		};
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { RongCloudApi: BuiltCredential } = require(join(root, 'dist', 'credentials', 'RongCloudApi.credentials.js')) as {
			RongCloudApi: new () => ICredentialType;
		};
		const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;
		expect(plain(new BuiltNode().description)).toEqual(plain(new RongCloudBroadcast().description));
		expect(plain(new BuiltCredential().properties)).toEqual(plain(new RongCloudApi().properties));
	});

	it('the built node only requires node:crypto and n8n-workflow from outside the package', () => {
		const requires = new Set<string>();
		const walk = (dir: string) => {
			for (const entry of readdirSync(dir, { withFileTypes: true })) {
				const path = join(dir, entry.name);
				if (entry.isDirectory()) walk(path);
				else if (entry.name.endsWith('.js')) {
					for (const match of readFileSync(path, 'utf8').matchAll(/require\("([^".][^"]*)"\)/g)) requires.add(match[1]);
				}
			}
		};
		walk(join(root, 'dist'));
		expect([...requires].sort()).toEqual(['n8n-workflow', 'node:crypto']);
	});
});
