/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/* eslint-disable
	@n8n/community-nodes/no-hardcoded-secrets
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * Secret hygiene over every scenario: a RongCloud signature does not cover the body, so a leaked
 * Nonce/Timestamp/Signature lets anyone send anything until it expires, and the App Secret signs
 * everything. Neither may appear in what n8n keeps and shows: output items, the error's message,
 * description and serialised forms, hints, or the log lines n8n writes. Error objects must not
 * carry request data either (headers, options, the request), however deep.
 */
import { resolve } from 'node:path';

import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import {
	DEFAULT_APP_KEY,
	DEFAULT_APP_SECRET,
	RONGCLOUD_ERROR_CODES,
	type RongCloudEmulator,
	type RongCloudErrorCode,
} from '../../support/emulator';
import {
	refusedPort,
	startSelfSignedTlsServer,
	startTlsServerBreakingAfterRequest,
	trustCertificate,
} from '../../support/faultServers';
import { VALID_PUSH } from '../../support/ruleViolations';
import type { RunNodeResult } from '../../support/runNode';
import { runBroadcast } from '../../support/runBroadcast';
import { withEmulatorPair } from '../../support/withEmulator';

const WRONG_SECRET = 'wrong-app-secret-7f3a9c';

/**
 * The checkout's own folder appears in every stack trace; some CI systems name it after a commit
 * hash, 40 hex digits like a signature. It is masked before looking for signature-shaped text.
 */
const CHECKOUT = resolve(__dirname, '../../..');
const withoutCheckoutPath = (text: string) => text.split(CHECKOUT).join('<checkout>');

const SEND = {
	operation: 'send',
	fromUserId: 'system',
	objectName: 'RC:TxtMsg',
	text: '={{ $json.text }}',
};

const FULL_SEND: INodeParameters = {
	...SEND,
	options: { pushContent: 'You have a new message', pushData: '{"k":"v"}', os: 'iOS', contentAvailable: true },
	pushExt: {
		title: 'Hello',
		templateId: 'tpl-1',
		forceShowPushContent: true,
		pushConfigs: {
			HW: { channelId: 'hw', importance: 'NORMAL', image: 'https://example.com/a.png', category: 'IM' },
			FCM: { channelId: 'fcm', collapse_key: 'k', imageUrl: 'https://example.com/a.png' },
		},
	},
};

const ITEMS: INodeExecutionData[] = [{ json: { text: 'first' } }, { json: { text: 'second' } }];
const ONE_ITEM = ITEMS.slice(0, 1);

/** Keys that would mean request data rode along inside an error (compared lower-case, `rc-` stripped). */
const FORBIDDEN_ERROR_KEYS = new Set([
	'headers',
	'rawheaders',
	'signature',
	'nonce',
	'app-key',
	'appsecret',
	'authorization',
	'config',
	'request',
	'requestoptions',
	'_header',
	'socket',
]);

/** Every own property, depth first, with its path; cycles are visited once. */
function walk(value: unknown, visit: (key: string, path: string, value: unknown) => void, path = 'error', seen = new Set<unknown>()): void {
	if (!value || typeof value !== 'object' || seen.has(value)) return;
	seen.add(value);
	for (const key of Object.getOwnPropertyNames(value)) {
		const child = (value as Record<string, unknown>)[key];
		visit(key, `${path}.${key}`, child);
		walk(child, visit, `${path}.${key}`, seen);
	}
}

interface Scenario {
	name: string;
	/** Runs the node (once or more) against the emulators; returns every result to inspect. */
	run(env: Env): Promise<RunNodeResult[]>;
	/** Whether at least one request with a signature must have reached a server (no vacuous pass). */
	signs: boolean;
}

interface Env {
	primary: RongCloudEmulator;
	backup: RongCloudEmulator;
	/** Signatures seen by servers that are not emulators (the TLS test server). */
	extraSignatures: string[];
	secrets: string[];
}

const send = async (env: Env, parameters: INodeParameters, extra: Partial<Parameters<typeof runBroadcast>[1]> = {}) =>
	await runBroadcast(env.primary, { parameters, items: ONE_ITEM, ...extra });

const ERROR_CODES = (Object.keys(RONGCLOUD_ERROR_CODES).map(Number) as RongCloudErrorCode[]).filter((code) => code !== 200);

const scenarios: Scenario[] = [
	{ name: 'success, with every option and pushExt', signs: true, run: async (env) => [await send(env, FULL_SEND)] },
	{
		name: 'success, several items',
		signs: true,
		run: async (env) => [await send(env, { ...SEND, options: {} }, { items: ITEMS })],
	},
	...ERROR_CODES.map(
		(code): Scenario => ({
			name: `RongCloud error ${code} (HTTP ${RONGCLOUD_ERROR_CODES[code].httpStatus})`,
			signs: true,
			run: async (env) => {
				env.primary.failNextWithCode(code);
				return [await send(env, FULL_SEND)];
			},
		}),
	),
	{
		name: '1004 for real: a wrong App Secret signs the request',
		signs: true,
		run: async (env) => {
			env.secrets.push(WRONG_SECRET);
			return [await send(env, FULL_SEND, { credentials: { appSecret: WRONG_SECRET } })];
		},
	},
	{
		name: '1001 for real: an unknown App Key',
		signs: true,
		run: async (env) => [await send(env, FULL_SEND, { credentials: { appKey: `${DEFAULT_APP_KEY}-other` } })],
	},
	{
		name: '1009 then 1008 for real: the broadcast service is off',
		signs: true,
		run: async (env) => {
			env.primary.setApp({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, broadcastEnabled: false });
			try {
				const results: RunNodeResult[] = [];
				for (let i = 0; i < 4; i++) results.push(await send(env, FULL_SEND));
				return results;
			} finally {
				env.primary.setApp({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, broadcastEnabled: true });
			}
		},
	},
	{
		name: 'HTML 502 from a gateway',
		signs: true,
		run: async (env) => {
			env.primary.failNext({ kind: 'html', httpStatus: 502 });
			return [await send(env, FULL_SEND)];
		},
	},
	{
		name: 'plain-text 503',
		signs: true,
		run: async (env) => {
			env.primary.failNext({ kind: 'text', httpStatus: 503, body: 'upstream unavailable' });
			return [await send(env, FULL_SEND)];
		},
	},
	{
		name: 'hang until the timeout',
		signs: true,
		run: async (env) => {
			env.primary.failNext({ kind: 'hang', afterProcessing: true });
			return [await send(env, { ...FULL_SEND, options: { timeout: 300 } })];
		},
	},
	{
		name: 'reset after reading the body',
		signs: true,
		run: async (env) => {
			env.primary.failNext({ kind: 'reset' });
			return [await send(env, FULL_SEND)];
		},
	},
	{
		name: 'reset after processing',
		signs: true,
		run: async (env) => {
			env.primary.failNext({ kind: 'reset', afterProcessing: true });
			return [await send(env, FULL_SEND)];
		},
	},
	{
		name: 'connection refused, no backup',
		signs: false,
		run: async (env) => [await send(env, FULL_SEND, { credentials: { baseUrl: `http://127.0.0.1:${await refusedPort()}` } })],
	},
	{
		name: 'TLS handshake failure, no backup',
		signs: false,
		run: async (env) => {
			const server = await startSelfSignedTlsServer();
			try {
				return [await send(env, FULL_SEND, { credentials: { baseUrl: server.baseUrl } })];
			} finally {
				await server.close();
			}
		},
	},
	{
		name: 'TLS stream broken after the request arrived',
		signs: true,
		run: async (env) => {
			const server = await startTlsServerBreakingAfterRequest();
			const untrust = trustCertificate(server.cert);
			try {
				return [await send(env, FULL_SEND, { credentials: { baseUrl: server.baseUrl, backupBaseUrl: env.backup.baseUrl } })];
			} finally {
				untrust();
				for (const raw of server.requests) {
					const signature = /\r\nsignature:\s*([0-9a-f]+)/i.exec(raw)?.[1];
					if (signature) env.extraSignatures.push(signature);
				}
				await server.close();
			}
		},
	},
	{
		name: 'dry run',
		signs: false,
		run: async (env) => [await send(env, { ...FULL_SEND, options: { dryRun: true } }, { items: ITEMS })],
	},
	{
		name: 'failover: refused primary, the backup answers',
		signs: true,
		run: async (env) => [
			await send(env, FULL_SEND, {
				items: ITEMS,
				credentials: { baseUrl: `http://127.0.0.1:${await refusedPort()}`, backupBaseUrl: env.backup.baseUrl },
			}),
		],
	},
	{
		name: 'failover: refused primary, the backup answers 1000',
		signs: true,
		run: async (env) => {
			env.backup.failNextWithCode(1000);
			const credentials = { baseUrl: `http://127.0.0.1:${await refusedPort()}`, backupBaseUrl: env.backup.baseUrl };
			return [await send(env, FULL_SEND, { credentials })];
		},
	},
	{
		name: 'failover: refused primary, the backup hangs',
		signs: true,
		run: async (env) => {
			env.backup.failNext({ kind: 'hang' });
			const credentials = { baseUrl: `http://127.0.0.1:${await refusedPort()}`, backupBaseUrl: env.backup.baseUrl };
			return [await send(env, { ...FULL_SEND, options: { timeout: 300 } }, { credentials })];
		},
	},
	{
		name: 'failover: both domains refused',
		signs: false,
		run: async (env) => {
			const credentials = { baseUrl: `http://127.0.0.1:${await refusedPort()}`, backupBaseUrl: `http://127.0.0.1:${await refusedPort()}` };
			return [await send(env, FULL_SEND, { credentials })];
		},
	},
	{
		name: 'Continue On Fail: a failed item next to a sent one',
		signs: true,
		run: async (env) => {
			env.primary.failNextWithCode(1004);
			return [await send(env, { ...SEND, options: {} }, { items: ITEMS, continueOnFail: true })];
		},
	},
	{
		name: 'Continue On Fail: a hung item next to a sent one',
		signs: true,
		run: async (env) => {
			env.primary.failNext({ kind: 'hang' });
			return [await send(env, { ...SEND, options: { timeout: 300 } }, { items: ITEMS, continueOnFail: true })];
		},
	},
	{
		name: 'validation errors: alone (nothing sent), and under Continue On Fail next to a sent item',
		signs: true,
		run: async (env) => [
			await send(env, { ...FULL_SEND, fromUserId: '' }),
			await send(env, { ...SEND, fromUserId: '={{ $json.from }}', options: {} }, {
				items: [{ json: { text: 'x', from: '' } }, { json: { text: 'y', from: 'system' } }],
				continueOnFail: true,
			}),
		],
	},
	{
		name: 'the other operations: push (JSON body), send to online users, send then recall',
		signs: true,
		run: async (env) => {
			// send + recall use the primary's quota (2 per hour), push the backup's.
			const sent = await send(env, { ...SEND, options: {} });
			const results = [
				sent,
				await runBroadcast(env.primary, { parameters: { operation: 'recall' }, items: sent.output?.[0] ?? [] }),
				await runBroadcast(env.backup, { parameters: VALID_PUSH }),
				await send(env, { ...SEND, operation: 'sendOnline', options: {} }),
			];
			const failed = results.find((result) => result.error);
			if (failed) throw failed.error;
			return results;
		},
	},
	{
		name: 'the other operations failing: recall of an unknown messageUID (1002), push hanging',
		signs: true,
		run: async (env) => {
			const recall = await runBroadcast(env.primary, {
				parameters: { operation: 'recall' },
				items: [{ json: { fromUserId: 'system', messageUID: 'AAAA-BBBB-CCCC-DDDD' } }],
			});
			env.primary.failNext({ kind: 'hang' });
			return [recall, await send(env, { ...VALID_PUSH, options: { timeout: 300 } })];
		},
	},
	...(['json', 'html'] as const).map(
		(as): Scenario => ({
			name: `an error ${as === 'json' ? 'message' : 'page'} that echoes the request headers`,
			signs: true,
			run: async (env) => {
				env.primary.failNext({ kind: 'echoHeaders', httpStatus: 400, as });
				return [await send(env, FULL_SEND)];
			},
		}),
	),
	{
		name: 'an error page that echoes the request headers, under Continue On Fail',
		signs: true,
		run: async (env) => {
			env.primary.failNext({ kind: 'echoHeaders', httpStatus: 502, as: 'html' });
			return [await send(env, { ...SEND, options: {} }, { items: ITEMS, continueOnFail: true })];
		},
	},
	{
		name: 'a redirect to another host',
		signs: true,
		run: async (env) => {
			env.primary.failNext({ kind: 'redirect', httpStatus: 307, location: `${env.backup.baseUrl}/message/broadcast.json` });
			return [await send(env, FULL_SEND)];
		},
	},
	{
		name: 'an answer trickled past the deadline, and one too large to read',
		signs: true,
		run: async (env) => {
			env.primary.failNext({ kind: 'trickle', intervalMs: 100 });
			const trickled = await send(env, { ...FULL_SEND, options: { timeout: 400 } });
			env.primary.failNext({ kind: 'large', bytes: 1024 * 1024 });
			return [trickled, await send(env, FULL_SEND)];
		},
	},
	{
		name: 'Retry On Fail after a timeout: the not-re-sent error',
		signs: true,
		run: async (env) => {
			env.primary.failNext({ kind: 'hang', afterProcessing: true });
			return [await send(env, { ...FULL_SEND, options: { timeout: 300 } }, { retryOnFail: { maxTries: 2 } })];
		},
	},
	{
		name: 'a Base URL with user info (nothing sent, the password not shown)',
		signs: false,
		run: async (env) => {
			env.secrets.push('base-url-password');
			const baseUrl = env.primary.baseUrl.replace('http://', 'http://user:base-url-password@');
			return [await send(env, { ...FULL_SEND, options: { dryRun: true } }, { credentials: { baseUrl } }), await send(env, FULL_SEND, { credentials: { baseUrl } })];
		},
	},
	{
		name: 'a malformed custom Base URL (nothing sent)',
		signs: false,
		run: async (env) => [await send(env, FULL_SEND, { credentials: { baseUrl: 'not a url' } })],
	},
];

describe('secret hygiene: neither the App Secret nor a signature leaks, in any scenario', () => {
	const servers = withEmulatorPair();

	it('covers every error code RongCloud documents (docs/rongcloud-server-api.md#error-codes)', () => {
		const names = scenarios.map((s) => s.name).join('\n');
		for (const code of ERROR_CODES) expect(names).toContain(`RongCloud error ${code} `);
	});

	it.each(scenarios.map((scenario) => [scenario.name, scenario] as const))('%s', async (_name, scenario) => {
		const { primary, backup } = servers;
		const env: Env = { primary, backup, extraSignatures: [], secrets: [DEFAULT_APP_SECRET] };
		const results = await scenario.run(env);

		const received = [...primary.requests, ...backup.requests];
		const signatures = [
			...primary.acceptedSignatures,
			...backup.acceptedSignatures,
			...received.map((r) => r.headers.signature ?? r.headers['rc-signature']).filter((s): s is string => !!s),
			...env.extraSignatures,
		];
		if (scenario.signs) expect(signatures.length).toBeGreaterThan(0);
		else expect(received).toHaveLength(0);
		const secrets = [...env.secrets, ...new Set(signatures)];
		// What a server echoed of a request counts too: its Nonce and Timestamp as well as its Signature.
		for (const request of received) {
			const echoed = JSON.stringify(request.response?.body ?? '');
			for (const name of ['nonce', 'timestamp', 'signature']) {
				const value = request.headers[name];
				if (value && echoed.includes(value)) secrets.push(value);
			}
		}

		for (const result of results) {
			const error = result.error as (Error & { description?: unknown; toJSON?: () => unknown }) | undefined;
			const places: Record<string, string> = {
				output: JSON.stringify(result.output ?? null),
				logs: JSON.stringify(result.logs),
				hints: JSON.stringify(result.hints),
				'error.message': String(error?.message ?? ''),
				'error.description': String(error?.description ?? ''),
				'JSON.stringify(error)': JSON.stringify(error ?? null),
				'error.toJSON()': JSON.stringify(error?.toJSON?.() ?? null),
				'error.stack': String(error?.stack ?? ''),
			};
			for (const [place, text] of Object.entries(places)) {
				for (const secret of secrets) {
					if (text.includes(secret)) throw new Error(`${place} contains a secret (${secret.slice(0, 6)}...)`);
				}
				// Also signatures no server saw (say, one computed for a dry run): nothing else is 40 hex digits.
				const hex = /(?<![0-9a-f])[0-9a-f]{40}(?![0-9a-f])/i.exec(withoutCheckoutPath(text));
				if (hex) throw new Error(`${place} contains something shaped like a signature (${hex[0].slice(0, 6)}...)`);
			}
			if (error) {
				walk(error, (key, path, value) => {
					if (FORBIDDEN_ERROR_KEYS.has(key.toLowerCase().replace(/^rc-/, ''))) {
						throw new Error(`${path} carries request data`);
					}
					if (typeof value === 'string' && secrets.some((secret) => value.includes(secret))) {
						throw new Error(`${path} contains a secret`);
					}
				});
			}
			// Outputs may describe a request (dry run) but never with a usable signature.
			walk(result.output ?? [], (key, path, value) => {
				if (key.toLowerCase() === 'signature' && typeof value === 'string') {
					expect(value).toBe('[computed at send time, never shown]');
				}
				void path;
			});
		}
	});
});
