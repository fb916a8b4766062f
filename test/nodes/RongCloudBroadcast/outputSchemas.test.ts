/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * The output schemas n8n's editor asks for (`/schemas/<node type>/1.0.0/<operation>.json`) so users
 * can map fields such as messageUID before the node has run: one per operation, found where
 * n8n-core looks for them (`__schema__/v1.0.0/<resource>/<operation>.json` beside the built node: the editor
 * asks by resource since the node has one), and true to
 * what the node really outputs against the emulator: every key of a real item is described, with
 * its type, every required key is there, and every described key shows up in some real item.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { loadOutputSchema, resolveOutputSchemaPath } from 'n8n-core';
import type { IDataObject, INodeParameters, INodePropertyOptions } from 'n8n-workflow';

import { RongCloudBroadcast } from '../../../nodes/RongCloudBroadcast/RongCloudBroadcast.node';
import { operations } from '../../../nodes/RongCloudBroadcast/resources/message';
import { RESOURCE } from '../../../nodes/RongCloudBroadcast/shared/operation';
import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET, startEmulator, type RongCloudEmulator } from '../../support/emulator';
import { refusedPort } from '../../support/faultServers';
import { BUILD_TIMEOUT_MS, ensureFreshDist } from '../../support/freshDist';
import { schemaViolations, undescribedKeys, type JsonSchema } from '../../support/jsonSchema';
import { VALID_PUSH, VALID_SEND_TO_USERS } from '../../support/ruleViolations';
import { outputJson, runBroadcast, type BroadcastRun } from '../../support/runBroadcast';

const root = join(__dirname, '..', '..', '..');
const SOURCE_DIR = join(root, 'nodes', 'RongCloudBroadcast');
const BUILT_NODE_DIR = join(root, 'dist', 'nodes', 'RongCloudBroadcast');
const OPERATIONS = (
	(new RongCloudBroadcast().description.properties.find((p) => p.name === 'operation')?.options ?? []) as INodePropertyOptions[]
).map((option) => String(option.value));

const sourceSchema = (operation: string): JsonSchema =>
	JSON.parse(readFileSync(join(SOURCE_DIR, '__schema__', 'v1.0.0', RESOURCE, `${operation}.json`), 'utf8')) as JsonSchema;

beforeAll(ensureFreshDist, BUILD_TIMEOUT_MS);

describe('where n8n looks for them', () => {
	it('one schema per registered operation, and none without an operation', () => {
		expect([...OPERATIONS].sort()).toEqual(Object.keys(operations).sort());
		expect(readdirSync(join(SOURCE_DIR, '__schema__', 'v1.0.0'))).toEqual([RESOURCE]);
		const files = readdirSync(join(SOURCE_DIR, '__schema__', 'v1.0.0', RESOURCE)).map((file) => file.replace(/\.json$/, ''));
		expect(files.sort()).toEqual(Object.keys(operations).sort());
	});

	it.each(OPERATIONS)('%s: n8n-core resolves the editor\'s request /schemas/…/1.0.0/<operation>.json to the built file, the source\'s schema', (operation) => {
		// What n8n's server does for the editor's request (version "1.0.0" from the URL) ...
		const served = resolveOutputSchemaPath({ nodeDir: BUILT_NODE_DIR, version: '1.0.0', resource: RESOURCE, operation });
		expect(served).toBe(join(BUILT_NODE_DIR, '__schema__', 'v1.0.0', RESOURCE, `${operation}.json`));
		expect(existsSync(served as string)).toBe(true);
		// ... and its lookup by a node's typeVersion (1), which falls back across versions.
		const loaded = loadOutputSchema({ nodeDir: BUILT_NODE_DIR, version: 1, resource: RESOURCE, operation, versionFallback: true });
		expect(loaded).toEqual(sourceSchema(operation));
	});

	it.each(OPERATIONS)('%s: passes the editor\'s own check (an object schema with properties)', (operation) => {
		const schema = sourceSchema(operation);
		expect(schema.type).toBe('object');
		expect(Object.keys(schema.properties ?? {}).length).toBeGreaterThan(0);
		expect(schemaViolations(schema, {})).toEqual(expect.arrayContaining([expect.stringContaining('"code" is required')]));
	});

	it('an operation without a schema resolves to nothing (the check above can fail)', () => {
		const missing = resolveOutputSchemaPath({ nodeDir: BUILT_NODE_DIR, version: '1.0.0', resource: RESOURCE, operation: 'noSuchOperation' }) as string;
		expect(existsSync(missing)).toBe(false);
	});
});

describe('the schema check can fail', () => {
	const schema = sourceSchema('send');
	const good = { code: 200, messageUID: 'A-B-C-D', requestId: 'r', sentTime: 1764000000000, fromUserId: 'system', objectName: 'RC:TxtMsg' };

	it('accepts a good item and refuses wrong types, missing keys and undescribed keys', () => {
		expect(schemaViolations(schema, good)).toEqual([]);
		expect(schemaViolations(schema, { ...good, messageUID: 7 })).toEqual(['$.messageUID: 7 is integer, the schema says string']);
		expect(schemaViolations(schema, { ...good, sentTime: 1.5 })).toEqual(['$.sentTime: 1.5 is number, the schema says integer']);
		const withoutCode: Record<string, unknown> = { ...good };
		delete withoutCode.code;
		expect(schemaViolations(schema, withoutCode)).toEqual(['$: "code" is required and missing']);
		expect(undescribedKeys(schema, { ...good, dryRun: true })).toEqual(['dryRun']);
		expect(schemaViolations({ type: 'object', additionalProperties: false } as JsonSchema, {})).toHaveLength(1);
	});
});

describe('each schema matches what the node really outputs', () => {
	let emulator: RongCloudEmulator;
	beforeAll(async () => {
		emulator = await startEmulator();
	});
	afterAll(async () => await emulator.close());
	beforeEach(() => emulator.reset());

	const SEND: INodeParameters = { fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'Maintenance tonight' };

	/** The output items of one run (each run gets a fresh quota). */
	const itemsOf = async (run: BroadcastRun): Promise<Array<Record<string, unknown>>> => {
		emulator.reset();
		return outputJson(await runBroadcast(emulator, run));
	};

	/**
	 * Items of n8n's Retry of a failed execution: item 0 delivered by the original (output again with
	 * deliveredByExecution), item 1 refused there (1009) and delivered by the retry.
	 */
	const retriedItems = async (run: BroadcastRun): Promise<Array<Record<string, unknown>>> => {
		emulator.reset();
		emulator.failNextWithCode(1009, { skip: 1 });
		const failed = await runBroadcast(emulator, { ...run, executionId: '41' });
		expect(failed.error).toBeDefined();
		return outputJson(await runBroadcast(emulator, { ...run, retryOf: failed, executionId: '42' }));
	};

	/** Two items repeating one message under one Idempotency Key, with idempotency on: the second is "already delivered". */
	const repeatedKeyItems = async (parameters: INodeParameters): Promise<Array<Record<string, unknown>>> => {
		emulator.setApp({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, idempotency: true });
		try {
			return await itemsOf({ parameters: { ...parameters, options: { msgRandom: 11 } }, items: [{ json: {} }, { json: {} }] });
		} finally {
			emulator.setApp({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET });
		}
	};

	/** Real items per operation, covering every key each schema describes (warnings and failover included). */
	const realItems = async (operation: string): Promise<Array<Record<string, unknown>>> => {
		const refused = `http://127.0.0.1:${await refusedPort()}`;
		switch (operation) {
			case 'send':
			case 'sendOnline': {
				const parameters = { operation, ...SEND };
				const plain = await itemsOf({ parameters });
				const failedOver = await itemsOf({ parameters, credentials: { baseUrl: refused, backupBaseUrl: emulator.baseUrl } });
				emulator.reset();
				emulator.failNext({ kind: 'json', httpStatus: 200, body: { code: 200 } });
				const withoutUid = outputJson(await runBroadcast(emulator, { parameters }));
				const retried = await retriedItems({ parameters, items: [{ json: {} }, { json: {} }] });
				const repeated = await repeatedKeyItems(parameters);
				expect(repeated[1].alreadyDelivered).toBe(true);
				return [...plain, ...failedOver, ...withoutUid, ...retried, ...repeated];
			}
			case 'recall': {
				const [sent] = await itemsOf({ parameters: { operation: 'send', ...SEND } });
				const recalled = outputJson(await runBroadcast(emulator, { parameters: { operation: 'recall' }, items: [{ json: sent as IDataObject }] }));
				emulator.reset();
				const failedOver = outputJson(
					await runBroadcast(emulator, {
						parameters: { operation: 'recall' },
						items: [{ json: sent as IDataObject }],
						credentials: { baseUrl: refused, backupBaseUrl: emulator.baseUrl },
					}),
				);
				emulator.reset();
				const [other] = await itemsOf({ parameters: { operation: 'send', ...SEND } });
				const retried = await retriedItems({ parameters: { operation: 'recall' }, items: [{ json: sent as IDataObject }, { json: other as IDataObject }] });
				return [...recalled, ...failedOver, ...retried];
			}
			case 'push': {
				const plain = await itemsOf({ parameters: VALID_PUSH });
				const withMessage = await itemsOf({ parameters: { ...VALID_PUSH, sendMessage: true, ...SEND } });
				const failedOver = await itemsOf({ parameters: VALID_PUSH, credentials: { baseUrl: refused, backupBaseUrl: emulator.baseUrl } });
				emulator.reset();
				emulator.failNext({ kind: 'json', httpStatus: 200, body: { code: 200 } });
				const withoutId = outputJson(await runBroadcast(emulator, { parameters: VALID_PUSH }));
				const retried = await retriedItems({ parameters: VALID_PUSH, items: [{ json: {} }, { json: {} }] });
				return [...plain, ...withMessage, ...failedOver, ...withoutId, ...retried];
			}
			case 'sendToUsers': {
				const parameters = { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.userId }}' };
				const users = [{ json: { userId: 'u1' } }, { json: { userId: 'u2' } }];
				const plain = await itemsOf({ parameters, items: users });
				emulator.reset();
				emulator.failNext({ kind: 'json', httpStatus: 200, body: { code: 200 } });
				const withoutIds = outputJson(await runBroadcast(emulator, { parameters, items: users }));
				const retried = await retriedItems({ parameters: { ...parameters, text: '={{ $json.userId }}' }, items: users });
				// Items of one run that repeat a message share one request, so the key's repeat is a second run.
				emulator.reset();
				emulator.setApp({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, idempotency: true });
				const keyed = { parameters: { ...VALID_SEND_TO_USERS, options: { msgRandom: 12 } } };
				const repeated = [...outputJson(await runBroadcast(emulator, keyed)), ...outputJson(await runBroadcast(emulator, keyed))];
				emulator.setApp({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET });
				expect(repeated[1].alreadyDelivered).toBe(true);
				return [...plain, ...withoutIds, ...retried, ...repeated];
			}
			default:
				throw new Error(`no real run for ${operation}`);
		}
	};

	it.each(OPERATIONS)('%s', async (operation) => {
		const schema = sourceSchema(operation);
		const items = await realItems(operation);
		expect(items.length).toBeGreaterThanOrEqual(2);
		for (const item of items) {
			expect({ item, violations: schemaViolations(schema, item), undescribed: undescribedKeys(schema, item) }).toEqual({
				item,
				violations: [],
				undescribed: [],
			});
		}
		const seen = new Set(items.flatMap((item) => Object.keys(item)));
		expect(Object.keys(schema.properties ?? {}).filter((key) => !seen.has(key))).toEqual([]);
	});

	it('a Dry Run item is the request, not the output these schemas describe', async () => {
		const [item] = await itemsOf({ parameters: { operation: 'send', ...SEND, options: { dryRun: true } } });
		expect(emulator.requests).toHaveLength(0);
		expect(undescribedKeys(sourceSchema('send'), item)).toEqual(expect.arrayContaining(['dryRun', 'url', 'body']));
	});
});
