/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { RONGCLOUD_CODES as RONGCLOUD_ERRORS } from '../credentials/common/rongcloud/codes';
import { REGIONS } from '../credentials/common/rongcloud/regions';
import { operations } from '../nodes/RongCloudBroadcast/resources/message';
import { sharesBroadcastQuota } from '../nodes/RongCloudBroadcast/shared/endpoints';
import { GENERATIONS } from '../nodes/RongCloudBroadcast/transport/generations';
import { RongCloudBroadcast } from '../nodes/RongCloudBroadcast/RongCloudBroadcast.node';
import { DEFAULT_TIMEOUT_MS, MAX_RECIPIENTS_PER_ITEM } from '../nodes/RongCloudBroadcast/shared/limits';
import { VENDORS, type Vendor } from '../nodes/RongCloudBroadcast/shared/pushExt/vendors';
import { N8N_TARGETS } from './e2e/install-n8n';
import { walkProperties } from './support/walkProperties';

const root = join(__dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const apiDoc = readFileSync(join(root, 'docs', 'rongcloud-server-api.md'), 'utf8');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { repository: { url: string } };

describe('the README speaks with the code\'s voice', () => {
	it.each(Object.entries(RONGCLOUD_ERRORS))('error %s: the same meaning and advice as the node gives', (code, info) => {
		const row = readme.split('\n').find((line) => line.startsWith(`| ${code} |`));
		expect(row).toBe(`| ${code} | ${info.httpStatus} | ${info.meaning} | ${info.action} |`);
	});

	it('lists every region with both domains, and so does the API doc\'s Data centers table', () => {
		for (const markdown of [readme, apiDoc]) {
			for (const region of Object.values(REGIONS)) {
				expect(markdown).toContain(`| ${region.name} | \`${region.primary}\` | \`${region.backup}\` |`);
			}
			const rows = markdown.split('\n').filter((line) => /^\| [^|]+ \| `https:\/\/api\.[^`]+` \| `https:\/\/api-b\./.test(line));
			expect(rows).toHaveLength(Object.keys(REGIONS).length);
		}
	});

	it('lists every registered operation in its Operations table, by name, value and quota, and no other', () => {
		const rows = readme.split('\n').filter((line) => /^\| \*\*[^*]+\*\* \| `\w+` \|/.test(line));
		expect(rows.map((row) => /`(\w+)`/.exec(row)?.[1]).sort()).toEqual(Object.keys(operations).sort());
		for (const { option, endpoint } of Object.values(operations)) {
			const row = rows.find((line) => line.includes(`\`${option.value}\``)) ?? '';
			expect(row.startsWith(`| **${option.name}** |`)).toBe(true);
			expect(row.endsWith(sharesBroadcastQuota(endpoint) ? '(shared) |' : 'not counted |')).toBe(true);
		}
	});

	it('each operation has its README section, and its paths in both generations in the Operations table and the API doc', () => {
		const generationTable = apiDoc.slice(apiDoc.indexOf("## Nexconn's API v4"));
		for (const { option, endpoint } of Object.values(operations)) {
			expect(readme).toContain(`### ${option.name} (\`${option.value}\`)`);
			const row = readme.split('\n').find((line) => line.startsWith(`| **${option.name}** |`)) ?? '';
			const docRow = generationTable.split('\n').find((line) => line.startsWith(`| ${option.name} |`)) ?? '';
			for (const generation of Object.values(GENERATIONS)) {
				for (const path of generation.paths[endpoint]) {
					// The table may shorten a second path to its last part ("/app-package-users/send").
					expect({ operation: option.value, path, inReadme: row.includes(path) || row.includes(path.slice(path.lastIndexOf('/', path.lastIndexOf('/') - 1))) }).toEqual({ operation: option.value, path, inReadme: true });
					expect({ operation: option.value, path, inDoc: docRow.includes(path) }).toEqual({ operation: option.value, path, inDoc: true });
				}
			}
			const v1Path = GENERATIONS.v1.paths[endpoint][0];
			expect(apiDoc.split('\n').some((line) => line.startsWith(`| \`${v1Path}\` |`))).toBe(true);
		}
	});

	it('says which vendors\' images must be https, as the vendor table defines them', () => {
		const httpsOnly = VENDORS.filter((vendor) => vendor.fields.some((field) => field.kind === 'httpsUrl')).map((vendor) => vendor.key);
		const listed = /Image URLs of ([A-Z]+(?:, [A-Z]+)*) and ([A-Z]+)\s+must be `https:\/\/`/.exec(readme);
		expect(listed).not.toBeNull();
		expect([...(listed?.[1].split(', ') ?? []), listed?.[2]]).toEqual(httpsOnly);
	});

	it('the 1008 paragraph names the operations that share the broadcast quota, and only those', () => {
		const paragraph = readme.slice(readme.indexOf('For 1008 each operation'), readme.indexOf('\n\n', readme.indexOf('For 1008 each operation')));
		const sharing = Object.values(operations).filter(({ endpoint }) => sharesBroadcastQuota(endpoint)).map(({ option }) => option.name);
		const named = /For 1008 each operation says its own limit: (.+?)\s+share the broadcast quota/s.exec(paragraph)?.[1].replace(/\s+/g, ' ');
		expect(named?.split(/, | and /)).toEqual(sharing);
		for (const { option } of Object.values(operations)) expect(paragraph.replace(/\s+/g, ' ')).toContain(option.name);
	});

	it('documents every push vendor', () => {
		for (const vendor of VENDORS) expect(readme).toMatch(new RegExp(`^\\| \`${vendor.key}\``, 'm'));
	});

});

/**
 * Each vendor field as a document's vendor table lists it: the wire key in backticks, and in the
 * README, where users meet the parameter, `parameter` → `wire key` when the two differ.
 */
function unlistedVendorFields(markdown: string, vendors: readonly Vendor[], showParameter: boolean): string[] {
	return vendors.flatMap((vendor) => {
		const row = markdown.split('\n').find((line) => line.startsWith(`| \`${vendor.key}\``));
		if (row === undefined) return [`${vendor.key}: no table row`];
		return vendor.fields
			.filter((field) => !row.includes(showParameter && field.parameter !== field.apiKey ? `\`${field.parameter}\` → \`${field.apiKey}\`` : `\`${field.apiKey}\``))
			.map((field) => `${vendor.key}.${field.apiKey}`);
	});
}

/** The names between the braces of `name{a, b, c}` in a document, such as docs' `android{hw, …}`. */
function bracedNames(markdown: string, name: string): string[][] {
	return [...markdown.matchAll(new RegExp(`\\b${name}\\{([^}]*)\\}`, 'g'))].map((match) => match[1].split(',').map((entry) => entry.trim()));
}

describe('the README and docs/rongcloud-server-api.md list every push vendor field', () => {
	const androidKeys = VENDORS.flatMap((vendor) => (vendor.androidKey === undefined ? [] : [vendor.androidKey]));
	const ohosKeys = (VENDORS.find((vendor) => vendor.key === 'OHOS') as Vendor).fields.map((field) => field.apiKey);

	it.each([
		['README.md', readme, true],
		['docs/rongcloud-server-api.md', apiDoc, false],
	])('%s: each vendor\'s row names each of its fields', (_file, markdown, showParameter) => {
		expect(unlistedVendorFields(markdown, VENDORS, showParameter)).toEqual([]);
	});

	it('push.json\'s notification.android vendor keys and harmonyOS.ohos fields, wherever the documents spell them out', () => {
		expect(bracedNames(apiDoc, 'android')).toEqual([[...androidKeys, 'extras']]);
		for (const markdown of [readme, apiDoc]) expect(bracedNames(markdown, 'ohos')).toEqual([ohosKeys]);
		const androidVendors = VENDORS.filter((vendor) => vendor.androidKey !== undefined).map((vendor) => vendor.key);
		expect(readme).toContain(`${androidVendors.join(', ')} → \`notification.android.${androidKeys[0]}\` etc.`);
	});

	it('fails on a field missing from a row, a vendor without a row, a parameter shown without its wire key', () => {
		const vendors: Vendor[] = structuredClone(VENDORS);
		vendors[0].fields.push({ parameter: 'badgeClass', apiKey: 'badge_class', displayName: 'Badge Class', description: '', kind: 'text' });
		vendors.push({ key: 'SAMSUNG' as Vendor['key'], displayName: 'Samsung', fields: [] });
		expect(unlistedVendorFields(apiDoc, vendors, false)).toEqual(['HW.badge_class', 'SAMSUNG: no table row']);
		expect(unlistedVendorFields(readme.replace('`threadId` → `thread-id`', '`threadId`'), VENDORS, true)).toEqual(['APNs.thread-id']);
		expect(unlistedVendorFields(apiDoc.replace('`collapse_key`, ', ''), VENDORS, false)).toEqual(['FCM.collapse_key']);
		expect(bracedNames(apiDoc.replace('vivo, fcm', 'vivo'), 'android')).not.toEqual([[...androidKeys, 'extras']]);
	});
});

/** The repository's address as package.json gives it (`git+https://github.com/owner/name.git`). */
const REPOSITORY = String(pkg.repository.url).replace(/^git\+/, '').replace(/\.git$/, '');
const RAW = REPOSITORY.replace('https://github.com/', 'https://raw.githubusercontent.com/');

/** Every link target: markdown links and images, reference definitions, HTML href and src. */
function linkTargets(markdown: string): string[] {
	const withoutCode = markdown.replace(/```[\s\S]*?```/g, '');
	return [
		...[...withoutCode.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
		...[...withoutCode.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1]),
		...[...withoutCode.matchAll(/\b(?:href|src)\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]),
	];
}

/** Repository files the README points at: through GitHub (blob, tree) or raw.githubusercontent.com. */
function repositoryPaths(markdown: string): string[] {
	const paths: string[] = [];
	for (const [url] of markdown.matchAll(/https:\/\/(?:github\.com|raw\.githubusercontent\.com)\/[^\s)`'"<>]+/g)) {
		const match = url.startsWith(RAW) ? /^\/main\/(.+)$/.exec(url.slice(RAW.length)) : /^\/(?:blob|tree)\/main\/(.+)$/.exec(url.slice(REPOSITORY.length));
		if ((url.startsWith(RAW) || url.startsWith(`${REPOSITORY}/`)) && match) paths.push(match[1].replace(/[#?].*$/, ''));
	}
	return paths;
}

describe('the README works where it is read: on npm and on n8n\'s community-node page', () => {
	const targets = linkTargets(readme);

	it('finds the links it checks (images, examples, changelog, license)', () => {
		expect(targets.length).toBeGreaterThan(10);
		expect(linkTargets('[a](docs/a.png) ![b](./b.png) [e](#anchor)\n[c]: ../c\n<img src="d.png">')).toEqual(['docs/a.png', './b.png', '#anchor', '../c', 'd.png']);
	});

	it('every link is absolute: npm and n8n show the README without the repository\'s files', () => {
		expect(targets.filter((target) => !/^https:\/\/[^/\s]+/.test(target))).toEqual([]);
	});

	it('images come from raw.githubusercontent.com, files from the repository of package.json', () => {
		const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
		expect(images.length).toBeGreaterThan(0);
		for (const image of images) expect(image.startsWith(`${RAW}/main/`)).toBe(true);
		expect(REPOSITORY).toBe('https://github.com/n8n-nodes-rongcloud/n8n-nodes-rongcloud');
	});

	it('every file it points at in the repository exists, and every example is among them', () => {
		const paths = repositoryPaths(readme);
		expect(paths).toEqual(expect.arrayContaining(['CHANGELOG.md', 'LICENSE', 'docs/images/node-panel.png']));
		const missing = paths.filter((path) => !path.includes('<') && !existsSync(join(root, path)));
		expect(missing).toEqual([]);
		for (const file of readdirSync(join(root, 'examples'))) expect(paths).toContain(`examples/${file}`);
	});

	it('has the sections n8n users expect, and the contributor set-up under Development', () => {
		const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
		expect(headings).toEqual(
			expect.arrayContaining(['Installation', 'Operations', 'Credentials', 'Compatibility', 'Usage', 'Use as an AI Agent tool', 'Resources', 'Version history', 'Development']),
		);
		const development = readme.slice(readme.indexOf('## Development'));
		for (const command of ['npm ci', 'npm start', 'npm test']) expect(development).toContain(command);
		// The only commands before Development are the sandbox's, for a user trying the node without an account.
		const trial = readme.indexOf('## Try it without a RongCloud account');
		expect(trial).toBeGreaterThan(0);
		const userPart = readme.slice(0, readme.indexOf('## Development')).replace(readme.slice(trial, readme.indexOf('\n## ', trial + 1)), '');
		expect(userPart).not.toMatch(/^npm (ci|start)\b/m);
	});

	it('Compatibility names the n8n versions the end-to-end suite installs, with their Node', () => {
		const section = readme.slice(readme.indexOf('## Compatibility'), readme.indexOf('\n## ', readme.indexOf('## Compatibility') + 1));
		for (const target of N8N_TARGETS) {
			const node = target.node.kind === 'npm' ? target.node.spec.split('.')[0] : process.versions.node.split('.')[0];
			expect(section).toMatch(new RegExp(`^\\| ${target.version.replace(/\./g, '\\.')}[^|]*\\| ${node} \\|`, 'm'));
		}
	});
});

/** A default the README states: its value as the code defines it, and the README's sentences that state it (one capture each). */
interface DefaultClaim {
	what: string;
	code: string;
	statements: RegExp[];
}

/** Each sentence gone from the README, and each value it states that is not the code's. */
function driftedDefaults(markdown: string, claims: DefaultClaim[]): string[] {
	return claims.flatMap((claim) =>
		claim.statements.flatMap((statement) => {
			const stated = [...markdown.matchAll(statement)].map((match) => match[1]);
			if (stated.length === 0) return [`${claim.what}: no sentence matches ${statement}`];
			return stated.filter((value) => value !== claim.code).map((value) => `${claim.what}: the README says ${value}, the code ${claim.code}`);
		}),
	);
}

describe('every default the README states is the one the code defines', () => {
	const properties = walkProperties(new RongCloudBroadcast().description.properties);
	/** The default of a parameter (by its path) as n8n receives it, in every operation that shows it. */
	const defaultsOf = (path: string, operation?: string): unknown[] => [
		...new Set(
			properties
				.filter((located) => located.path === path && (operation === undefined || located.property.displayOptions?.show?.operation?.includes(operation)))
				.map((located) => located.property.default),
		),
	];
	const onlyDefault = (path: string, operation?: string): unknown => {
		const found = defaultsOf(path, operation);
		expect(found).toHaveLength(1);
		return found[0];
	};

	const claims = (): DefaultClaim[] => [
		{
			what: 'Options → Timeout',
			code: String(DEFAULT_TIMEOUT_MS),
			// The README's only numeric default is the timeout's, so any "default N" is held to it.
			statements: [/`timeout` \(ms, default (\d+)\)/g, /\*Options → Timeout\* \(default (\d+) ms\)/g, /\bdefault (\d+)/gi, /No answer from RongCloud \(host\) within (\d+) ms/g],
		},
		// The credential test's deadline is DEFAULT_TIMEOUT_MS itself (transport/credentialTest.ts).
		{ what: 'the credential test\'s deadline, in seconds', code: String(DEFAULT_TIMEOUT_MS / 1000), statements: [/(\d+)-second deadline, the node's default timeout/g, /ends the test after (\d+) seconds/g, /No complete answer\s+from host within (\d+) seconds/g] },
		{ what: 'Recall\'s From User ID', code: String(onlyDefault('fromUserId', 'recall')), statements: [/^\| From User ID \| `fromUserId` \| [^|]*; default `([^`]+)`/gm] },
		{ what: 'Recall\'s Message UID', code: String(onlyDefault('messageUID', 'recall')), statements: [/^\| Message UID \| `messageUID` \| [^|]*; default `([^`]+)`/gm] },
		{ what: 'Recall\'s Sent Time', code: onlyDefault('sentTime', 'recall') === '' ? 'no' : 'a', statements: [/so it is (\w+) default/g] },
		{ what: 'Options → Send Again on Retry', code: onlyDefault('options > sendAgainOnRetry') === false ? 'off' : 'on', statements: [/Send Again on Retry\*\* \((\w+) by default\)/g] },
	];

	it('every operation\'s Timeout option is DEFAULT_TIMEOUT_MS, 10000 ms: the one definition, pinned', () => {
		expect(defaultsOf('options > timeout')).toEqual([DEFAULT_TIMEOUT_MS]);
		expect(DEFAULT_TIMEOUT_MS).toBe(10_000);
	});

	it('each sentence that states a default states the code\'s', () => {
		expect(driftedDefaults(readme, claims())).toEqual([]);
	});

	it('fails when the code or one sentence drifts, or a sentence is reworded out of reach', () => {
		const timeout = claims()[0];
		expect(driftedDefaults(readme, [{ ...timeout, code: '1' }])).toContain(`Options → Timeout: the README says ${DEFAULT_TIMEOUT_MS}, the code 1`);
		// One sentence of the four: it is matched by its own pattern and by the catch-all "default N".
		expect(driftedDefaults(readme.replace(`(default ${DEFAULT_TIMEOUT_MS} ms)`, '(default 1 ms)'), [timeout])).toEqual([
			`Options → Timeout: the README says 1, the code ${DEFAULT_TIMEOUT_MS}`,
			`Options → Timeout: the README says 1, the code ${DEFAULT_TIMEOUT_MS}`,
		]);
		expect(driftedDefaults(readme.replace('(off by default)', '(on by default)'), claims())).toEqual(['Options → Send Again on Retry: the README says on, the code off']);
		expect(driftedDefaults(readme.replace(`${DEFAULT_TIMEOUT_MS / 1000}-second deadline, the node`, 'ten-second deadline, the node'), claims())).toEqual([
			'the credential test\'s deadline, in seconds: no sentence matches /(\\d+)-second deadline, the node\'s default timeout/g',
		]);
	});
});

describe('the README\'s limits of Send to Users are the code\'s', () => {
	it('its To User IDs row names the per-item cap the node enforces, and how to go beyond it, never "any length"', () => {
		const row = readme.split('\n').find((line) => line.startsWith('| To User IDs |')) ?? '';
		expect(row).not.toBe('');
		const cap = MAX_RECIPIENTS_PER_ITEM.toLocaleString('en-US');
		expect({ anyLength: row.includes('any length'), namesTheCap: row.includes(`at most ${cap} per item`), saysHowToGoBeyond: row.includes('split a longer list across items') }).toEqual({ anyLength: false, namesTheCap: true, saysHowToGoBeyond: true });
	});
});
