/**
 * n8n's UX rules for what the editor shows, checked on the node and credential descriptions as
 * they are built at run time from the source: most option lists here are generated from tables,
 * where n8n's lint cannot see them. (test/package.test.ts checks that dist/ is this source.)
 *
 * - Every list of 5 or more (options, multiOptions, a collection's options, a fixedCollection's
 *   groups and a group's fields) is in alphabetical order by its name, compared as n8n's lint
 *   compares (`localeCompare`). A "Default" (not set) entry is sorted with the others, as n8n's
 *   built-in nodes do (Google Calendar's Visibility: Confidential, Default, Private, Public).
 * - Option names, parameter and group names are in Title Case.
 * - Placeholders of input fields start with "e.g."; a collection's placeholder is its "Add ..." button.
 * - Operation actions are sentence case without articles: the operation's own name ("Send to all users").
 */
import type { INodeParameters, INodeProperties, INodePropertyCollection, INodePropertyOptions } from 'n8n-workflow';

import { RongCloudApi } from '../../../credentials/RongCloudApi.credentials';
import { RongCloudBroadcast } from '../../../nodes/RongCloudBroadcast/RongCloudBroadcast.node';
import { operations } from '../../../nodes/RongCloudBroadcast/resources/message';
import { startEmulator, type RongCloudEmulator } from '../../support/emulator';
import { outputJson, runBroadcast } from '../../support/runBroadcast';
import { walkProperties } from '../../support/walkProperties';

/** One list the editor shows: where it is, what kind, and the names in the order n8n receives them. */
interface ShownList {
	path: string;
	kind: 'options' | 'multiOptions' | 'collection' | 'fixedCollection groups' | 'fixedCollection fields';
	names: string[];
}

function shownLists(properties: INodeProperties[]): ShownList[] {
	const lists: ShownList[] = [];
	for (const { path, property } of walkProperties(properties)) {
		if (property.type === 'options' || property.type === 'multiOptions') {
			lists.push({ path, kind: property.type, names: ((property.options ?? []) as INodePropertyOptions[]).map((o) => o.name) });
		} else if (property.type === 'collection') {
			lists.push({ path, kind: 'collection', names: ((property.options ?? []) as INodeProperties[]).map((o) => o.displayName) });
		} else if (property.type === 'fixedCollection') {
			const groups = (property.options ?? []) as INodePropertyCollection[];
			lists.push({ path, kind: 'fixedCollection groups', names: groups.map((g) => g.displayName) });
			for (const group of groups) {
				lists.push({ path: `${path} > ${group.name}`, kind: 'fixedCollection fields', names: group.values.map((v) => v.displayName) });
			}
		}
	}
	return lists;
}

const MIN_ITEMS_TO_ALPHABETIZE = 5;

/** The names out of place, as n8n's lint sorts them (`a.localeCompare(b)`); empty when in order. */
function outOfOrder(names: string[]): string[] {
	const sorted = [...names].sort((a, b) => a.localeCompare(b));
	return names.filter((name, index) => sorted[index] !== name);
}

/** Articles, conjunctions and short prepositions: lower case inside a Title Case name. */
const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'in', 'nor', 'of', 'on', 'or', 'per', 'the', 'to', 'via', 'vs']);

/**
 * The words of a name that break Title Case: every word capitalized except small words after the
 * first; a word with a capital inside ("iOS", "HarmonyOS") is a name and kept as it is, and
 * anything in parentheses or after a digit is left alone ("(RC:TxtMsg)", "16: Bar").
 */
function titleCaseViolations(name: string): string[] {
	const words = name.replace(/\([^)]*\)/g, ' ').split(/\s+/).filter((word) => /^[A-Za-z]/.test(word));
	return words.filter((word, index) => {
		const bare = word.replace(/[^A-Za-z-]/g, '');
		const first = index === 0 && /^[A-Za-z]/.test(name.trim());
		if (/.[A-Z]/.test(bare)) return false;
		if (SMALL_WORDS.has(bare.toLowerCase()) && !first) return bare !== bare.toLowerCase();
		return !/^[A-Z]/.test(bare);
	});
}

const ARTICLES = /\b(a|an|the)\b/i;

const built = { node: new RongCloudBroadcast(), credential: new RongCloudApi() };
const sources: Array<[string, INodeProperties[]]> = [
	['node', built.node.description.properties],
	['credential', built.credential.properties],
];

describe('the checks themselves can fail', () => {
	it('outOfOrder finds a list out of order, including a "Default" kept at the top', () => {
		expect(outOfOrder(['Apple', 'Banana', 'Cherry'])).toEqual([]);
		expect(outOfOrder(['Default', 'Active', 'Critical', 'Passive', 'Time Sensitive'])).not.toEqual([]);
		expect(outOfOrder(['Huawei (HW)', 'Honor', 'Xiaomi (MI)'])).toEqual(['Huawei (HW)', 'Honor']);
	});

	it('titleCaseViolations finds lower-case words and capitalized small words', () => {
		expect(titleCaseViolations('Send to All Users')).toEqual([]);
		expect(titleCaseViolations('iOS Alert')).toEqual([]);
		expect(titleCaseViolations('Text (RC:TxtMsg)')).toEqual([]);
		expect(titleCaseViolations('time-sensitive')).toEqual(['time-sensitive']);
		expect(titleCaseViolations('Tags: All Of (AND)')).toEqual(['Of']);
		expect(titleCaseViolations('NORMAL')).toEqual([]);
	});
});

it('the walk reaches the lists built from tables at run time', () => {
	const paths = sources.flatMap(([, properties]) => shownLists(properties).filter((l) => l.names.length >= MIN_ITEMS_TO_ALPHABETIZE).map((l) => `${l.kind}: ${l.path}`));
	expect(paths).toEqual(
		expect.arrayContaining([
			'options: objectName',
			'options: region',
			'options: audience',
			'options: pushExt > pushConfigs > APNs > interruptionLevel',
			'options: notification > vendorSettings > APNs > interruptionLevel',
			'fixedCollection groups: pushExt > pushConfigs',
			'fixedCollection groups: notification > vendorSettings',
			'collection: notification',
			'collection: options',
		]),
	);
});

describe.each(sources)('the %s', (_source, properties) => {
	const lists = shownLists(properties);
	const long = lists.filter((list) => list.names.length >= MIN_ITEMS_TO_ALPHABETIZE);

	it.each(long.map((list) => [`${list.kind}: ${list.path}`, list] as const))('%s is in alphabetical order', (_what, list) => {
		expect({ list: list.names, outOfOrder: outOfOrder(list.names) }).toEqual({ list: list.names, outOfOrder: [] });
	});

	const named = lists.filter((list) => list.kind !== 'collection' && list.kind !== 'fixedCollection fields');
	it.each(named.map((list) => [`${list.kind}: ${list.path}`, list] as const))('%s: every name is in Title Case', (_what, list) => {
		const wrong = list.names.map((name) => [name, titleCaseViolations(name)] as const).filter(([, words]) => words.length > 0);
		expect(wrong).toEqual([]);
	});

	it('every parameter name is in Title Case', () => {
		const wrong = walkProperties(properties)
			.filter(({ property }) => property.type !== 'notice')
			.map(({ path, property }) => [path, property.displayName, titleCaseViolations(property.displayName)] as const)
			.filter(([, , words]) => words.length > 0);
		expect(wrong).toEqual([]);
	});

	it('every placeholder of an input field starts with "e.g.", every collection\'s is its "Add ..." button', () => {
		const placeholders = walkProperties(properties).filter(({ property }) => property.placeholder !== undefined);
		const wrong = placeholders
			.filter(({ property }) => {
				const text = String(property.placeholder);
				return property.type === 'collection' || property.type === 'fixedCollection' ? !/^Add [A-Z]/.test(text) : !/^e\.g\. \S/.test(text);
			})
			.map(({ path, property }) => `${path}: "${String(property.placeholder)}"`);
		expect(wrong).toEqual([]);
	});
});

describe('the operations', () => {
	const operation = built.node.description.properties.find((p) => p.name === 'operation');
	const options = (operation?.options ?? []) as INodePropertyOptions[];

	it('are the registered ones, each with an action', () => {
		expect(options.map((o) => o.value).sort()).toEqual(Object.keys(operations).sort());
		for (const option of options) expect(typeof option.action).toBe('string');
		expect(Object.keys(operations)).toContain(operation?.default);
	});

	it("the node's subtitle names each operation as the list does", () => {
		const subtitle = String(built.node.description.subtitle);
		const names = JSON.parse(/^=\{\{ (\{.*\})\[\$parameter\["operation"\]\] \}\}$/.exec(subtitle)?.[1] ?? 'null') as Record<string, string>;
		expect(names).toEqual(Object.fromEntries(options.map((o) => [o.value, o.name])));
	});

	it.each(options.map((o) => [o.name, o] as const))('%s: the action is sentence case, without articles', (_name, option) => {
		const action = String(option.action);
		expect(action).toMatch(/^[A-Z][a-z]/);
		expect(action.slice(1)).toBe(action.slice(1).replace(/\b[A-Z][a-z]+/g, (word) => word.toLowerCase()));
		expect(action).not.toMatch(ARTICLES);
	});

	it('one name per operation: the action is the name in sentence case ("Send to all users")', () => {
		for (const option of options) expect(String(option.action).toLowerCase()).toBe(option.name.toLowerCase());
		expect(options.find((o) => o.value === 'send')?.action).toBe('Send to all users');
	});

	it('descriptions fit the Operation list and leave the quota to its notice', () => {
		for (const option of options) {
			expect(String(option.description).length).toBeLessThanOrEqual(45);
			expect(option.description).not.toMatch(/quota|per hour/i);
		}
	});

	/**
	 * n8n's editor names a node added from an action after the action (editor-ui, the node-name
	 * rule for a new node: the `action` of the option of an `operation` property whose
	 * displayOptions show it for the node's `resource`), else after `defaults.name`.
	 */
	it('a node added from an action is named after the action, as n8n names its own', () => {
		const properties = new RongCloudBroadcast().description.properties;
		const resource = properties.find((p) => p.name === 'resource');
		const operation = properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource?.default as string));
		expect(operation).toBeDefined();
		const named = (operation?.options as INodePropertyOptions[]).map((o) => o.action);
		expect(named).toEqual(options.map((o) => o.action));
		expect(named.every((action) => typeof action === 'string' && action !== '')).toBe(true);
	});
});

describe('the editor\'s order is not the wire\'s', () => {
	let emulator: RongCloudEmulator;
	beforeAll(async () => {
		emulator = await startEmulator();
	});
	afterAll(async () => await emulator.close());
	beforeEach(() => emulator.reset());

	/** The vendor groups of a Vendor Settings parameter in the order the editor lists (and so stores) them. */
	const editorVendorOrder = (path: string): string[] => {
		const located = walkProperties(built.node.description.properties).find((l) => l.path === path);
		return ((located?.property.options ?? []) as INodePropertyCollection[]).map((group) => group.name);
	};
	const ONE_FIELD: Record<string, INodeParameters> = {
		HW: { channelId: 'hw' },
		HONOR: { importance: 'LOW' },
		MI: { channelId: 'mi' },
		OPPO: { channelId: 'oppo' },
		VIVO: { classification: 1 },
		APNs: { threadId: 'apns' },
		FCM: { channelId: 'fcm' },
		OHOS: { category: 'IM' },
	};
	const filledInOrder = (order: string[]): INodeParameters => Object.fromEntries(order.map((key) => [key, ONE_FIELD[key]]));

	it('pushExt.pushConfigs goes out in RongCloud\'s vendor order when the groups were added in the editor\'s', async () => {
		const order = editorVendorOrder('pushExt > pushConfigs');
		expect(order).toEqual(['APNs', 'FCM', 'OHOS', 'HONOR', 'HW', 'OPPO', 'VIVO', 'MI']);
		const result = await runBroadcast(emulator, {
			parameters: { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'hi', pushExt: { pushConfigs: filledInOrder(order) } },
		});
		outputJson(result);
		const [request] = emulator.requestsTo('/message/broadcast.json');
		const pushConfigs = (JSON.parse(request.form!.pushExt) as { pushConfigs: Array<Record<string, unknown>> }).pushConfigs;
		expect(pushConfigs.map((entry) => Object.keys(entry)[0])).toEqual(['HW', 'HONOR', 'MI', 'OPPO', 'VIVO', 'APNs', 'FCM', 'OHOS']);
		expect(pushConfigs[4]).toEqual({ VIVO: { classification: '1' } });
	});

	it('push notification.android keeps RongCloud\'s vendor order too', async () => {
		const order = editorVendorOrder('notification > vendorSettings');
		expect(order[0]).toBe('APNs');
		const result = await runBroadcast(emulator, {
			parameters: {
				operation: 'push',
				platform: ['ios', 'android'],
				audience: 'all',
				alert: 'hi',
				notification: { vendorSettings: filledInOrder(order) },
			},
		});
		outputJson(result);
		const [request] = emulator.requestsTo('/push.json');
		const notification = (request.json as { notification: { android: Record<string, unknown> } }).notification;
		expect(Object.keys(notification.android)).toEqual(['hw', 'honor', 'mi', 'oppo', 'vivo', 'fcm']);
	});
});
