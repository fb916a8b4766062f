/* eslint-disable
	@n8n/community-nodes/no-hardcoded-secrets,
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * What every benchmark shares: the built node (dist/, the code that ships), a "send" with every
 * field filled, and small statistics helpers.
 */
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

import type { ICredentialType, IDataObject, IExecuteFunctions, INodeParameters, INodeType } from 'n8n-workflow';

export const ROOT = resolve(__dirname, '..');
export const DIST_NODE = join(ROOT, 'dist/nodes/RongCloudBroadcast/RongCloudBroadcast.node.js');
export const DIST_CREDENTIAL = join(ROOT, 'dist/credentials/RongCloudApi.credentials.js');
const DIST_PUSH_EXT = join(ROOT, 'dist/nodes/RongCloudBroadcast/shared/pushExt/vendors.js');

/** `npm run bench -- --smoke` (BENCH_SMOKE=1 for the workers): every path run once over a few hundred items, no figure meant. */
export const SMOKE = process.env.BENCH_SMOKE === '1';

/** What RongCloud answers a successful broadcast. */
export const SUCCESS_ANSWER = JSON.stringify({ code: 200, messageUID: 'BVQK-8CSS-N3S5-U3ML' });

export const CREDENTIALS = { appKey: 'bench-app-key', appSecret: 'bench-app-secret-0123456789', region: 'china' };

interface VendorField {
	parameter: string;
	apiKey: string;
	kind: string;
}
interface Vendor {
	key: string;
	fields: VendorField[];
}

export interface Built {
	nodeType: INodeType;
	credentialType: ICredentialType & {
		authenticate(credentials: IDataObject, options: IDataObject): Promise<IDataObject>;
	};
	vendors: Vendor[];
}

/** The compiled node, credential and vendor table from dist/. */
export function loadBuilt(): Built {
	/* eslint-disable @typescript-eslint/no-require-imports */
	const { RongCloudBroadcast } = require(DIST_NODE) as { RongCloudBroadcast: new () => INodeType };
	const { RongCloudApi } = require(DIST_CREDENTIAL) as { RongCloudApi: new () => Built['credentialType'] };
	const { VENDORS } = require(DIST_PUSH_EXT) as { VENDORS: Vendor[] };
	/* eslint-enable @typescript-eslint/no-require-imports */
	return { nodeType: new RongCloudBroadcast(), credentialType: new RongCloudApi(), vendors: VENDORS };
}

/** A valid value for each kind of vendor field (docs/rongcloud-server-api.md#pushext). */
const SAMPLE_BY_KIND: Record<string, string | number> = {
	httpsUrl: 'https://cdn.example.com/push/large-icon.png',
	absoluteUrl: 'https://cdn.example.com/push/icon.png',
	upperCase: 'IM',
	importance: 'NORMAL',
	notifyLevel: 16,
	classification: 1,
	interruptionLevel: 'time-sensitive',
};

/** pushExt with every vendor of the table and every field of each vendor filled. */
export function fullPushExt(vendors: Vendor[]): IDataObject {
	const pushConfigs: IDataObject = {};
	for (const vendor of vendors) {
		pushConfigs[vendor.key] = Object.fromEntries(
			vendor.fields.map((field) => [field.parameter, SAMPLE_BY_KIND[field.kind] ?? `${vendor.key.toLowerCase()}-${field.parameter}`]),
		);
	}
	return { title: 'Scheduled maintenance tonight', templateId: 'tpl-maintenance-01', forceShowPushContent: true, pushConfigs };
}

/** "Send to All Users", RC:TxtMsg, every content field, every option and a full pushExt. */
export function fullSendParameters(vendors: Vendor[], overrides: IDataObject = {}): INodeParameters {
	return {
		operation: 'send',
		fromUserId: 'system-announcer',
		objectName: 'RC:TxtMsg',
		contentMode: 'fields',
		text: 'The service will be down for maintenance from 02:00 to 03:00 (UTC+8). Thank you for your patience!',
		extra: '{"campaign":"maintenance-2024-06"}',
		user: { id: 'system-announcer', name: 'System', portrait: 'https://cdn.example.com/avatar/system.png', extra: 'official' },
		options: {
			dryRun: true,
			pushContent: 'Maintenance tonight 02:00-03:00',
			pushData: '{"route":"/notice/maintenance"}',
			os: 'iOS',
			contentAvailable: true,
			disableUpdateLastMsg: true,
			timeout: 10000,
		},
		pushExt: fullPushExt(vendors),
		...overrides,
	} as INodeParameters;
}

/** Checks that a dry-run item carries the whole pushExt, so a benchmark never measures less than it says. */
export function assertFullPushExt(json: IDataObject, vendors: Vendor[]): void {
	const body = json.body as Record<string, string> | undefined;
	const pushExt = JSON.parse(body?.pushExt ?? '{}') as { pushConfigs?: Array<Record<string, IDataObject>> };
	const configs = pushExt.pushConfigs ?? [];
	const missing = vendors.filter(
		(vendor) =>
			!configs.some((entry) => entry[vendor.key] && vendor.fields.every((f) => entry[vendor.key][f.apiKey] !== undefined)),
	);
	if (configs.length !== vendors.length || missing.length > 0) {
		throw new Error(`The dry run did not carry the full pushExt (missing: ${missing.map((v) => v.key).join(', ') || 'none'})`);
	}
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Milliseconds since `start` (from process.hrtime.bigint()). */
export const elapsedMs = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

/** A worker's answer: the last line of its stdout. */
export function report(result: unknown): void {
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

/**
 * The context n8n made for execute(), with the members in `replaced` (and in `helpers`, those
 * helpers) set on it as its own, over n8n's: every other member is n8n's, so nothing can be missing.
 */
export function withReplaced(context: IExecuteFunctions, replaced: Partial<IExecuteFunctions>, helpers: Partial<IExecuteFunctions['helpers']> = {}): IExecuteFunctions {
	Object.assign(context, replaced);
	Object.defineProperty(context, 'helpers', { value: { ...context.helpers, ...helpers }, configurable: true });
	return context;
}

/** When execute() ran (performance clock, ms), this process' CPU at its call, and the CPU it used until its return. */
export interface ExecuteSpan {
	from: number;
	to: number;
	cpuAtCall: NodeJS.CpuUsage;
	cpu: NodeJS.CpuUsage;
}

/**
 * The node type with its execute() run on `wrap` of the context n8n made and timed from its call to
 * its return: the harness' work around it (the workflow built, the execution data saved) is n8n's.
 * `done` gets the context and the span as execute() returns, while n8n still holds the execution.
 */
export function timedExecute(
	nodeType: INodeType,
	wrap: (context: IExecuteFunctions) => IExecuteFunctions,
	done: (context: IExecuteFunctions, span: ExecuteSpan) => void,
): INodeType {
	return {
		description: nodeType.description,
		methods: nodeType.methods,
		async execute(this: IExecuteFunctions) {
			const context = wrap(this);
			const from = performance.now();
			const cpuAtCall = process.cpuUsage();
			try {
				return await nodeType.execute!.call(context);
			} finally {
				done(context, { cpu: process.cpuUsage(cpuAtCall), cpuAtCall, from, to: performance.now() });
			}
		},
	};
}
