/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * The layout CONTRIBUTING.md describes, read from the imports: each layer imports only the layers
 * below it (node → router → run → resources → transport → shared → credentials/common), no file
 * imports in a circle, and no product file grows past 250 lines (split it along a seam a reader
 * expects).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const LAYERS = [
	'nodes/RongCloudBroadcast/RongCloudBroadcast.node.ts',
	'nodes/RongCloudBroadcast/router.ts',
	'nodes/RongCloudBroadcast/run/',
	'nodes/RongCloudBroadcast/resources/',
	'nodes/RongCloudBroadcast/transport/',
	'nodes/RongCloudBroadcast/shared/',
	'credentials/',
];
const MAX_LINES = 250;

function files(folder: string): string[] {
	return readdirSync(join(root, folder)).flatMap((name) => {
		const path = join(folder, name);
		if (statSync(join(root, path)).isDirectory()) return files(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

const PRODUCT = [...files('nodes'), ...files('credentials')];

function importsOf(file: string): string[] {
	const source = readFileSync(join(root, file), 'utf8');
	return [...source.matchAll(/from '(\.[^']+)'/g)].map(([, target]) => relative(root, resolve(dirname(join(root, file)), target)) + '.ts').map((path) => (PRODUCT.includes(path) ? path : path.replace(/\.ts$/, '/index.ts')));
}

/** A file's layer: credentials' own file sits above credentials/common, which is the bottom. */
function layerOf(file: string): number {
	if (file === 'credentials/RongCloudApi.credentials.ts') return 0;
	return LAYERS.findIndex((prefix) => file === prefix || (prefix.endsWith('/') && file.startsWith(prefix)));
}

describe('the layout', () => {
	it('reads the imports it judges (the check can fail)', () => {
		expect(importsOf('nodes/RongCloudBroadcast/router.ts')).toEqual(expect.arrayContaining(['nodes/RongCloudBroadcast/run/sendEach.ts', 'nodes/RongCloudBroadcast/transport/generations/index.ts']));
		expect(layerOf('nodes/RongCloudBroadcast/shared/validation.ts')).toBeGreaterThan(layerOf('nodes/RongCloudBroadcast/transport/request.ts'));
		expect(layerOf('credentials/common/rongcloud/codes.ts')).toBeGreaterThan(layerOf('nodes/RongCloudBroadcast/shared/endpoints.ts'));
	});

	it('every product file belongs to a layer', () => {
		expect(PRODUCT.filter((file) => layerOf(file) < 0)).toEqual([]);
	});

	it('each layer imports only the layers below it (or files of its own)', () => {
		const upward = PRODUCT.flatMap((file) => importsOf(file).filter((target) => layerOf(target) < layerOf(file)).map((target) => `${file} → ${target}`));
		expect(upward).toEqual([]);
	});

	it('no file imports in a circle', () => {
		const graph = new Map(PRODUCT.map((file) => [file, importsOf(file)]));
		const circles: string[] = [];
		const visit = (file: string, path: string[]) => {
			if (path.includes(file)) {
				circles.push([...path.slice(path.indexOf(file)), file].join(' → '));
				return;
			}
			for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
		};
		for (const file of PRODUCT) visit(file, []);
		expect(circles).toEqual([]);
	});

	it(`no product file is longer than ${MAX_LINES} lines`, () => {
		const long = PRODUCT.map((file) => [file, readFileSync(join(root, file), 'utf8').split('\n').length] as const).filter(([, lines]) => lines > MAX_LINES);
		expect(long).toEqual([]);
	});
});
