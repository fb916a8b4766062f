/* eslint-disable
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * What a scenario of the e2e suite is and what it gets to work with.
 *
 * A scenario is a name plus `async run(ctx)`. For every n8n version the runner gives it a fresh
 * n8n instance (own user folder, the project's package already unpacked in it), and on request
 * a RongCloud emulator and queue-mode services. Throwing fails the scenario; `ctx.skip()`
 * skips it with a reason.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { EmulatorHandle, EmulatorOptions, EmulatorRequest } from './emulator';
import { REPO_ROOT } from './emulator';
import type { N8nInstall } from './install-n8n';
import type { ExecuteResult, ExecutionData, N8n, NodeRun } from './n8n';
import { sleep } from './proc';

export const PACKAGE_NAME = 'n8n-nodes-rongcloud';
export const NODE_TYPE = `${PACKAGE_NAME}.rongCloudBroadcast`;
export const CREDENTIAL_TYPE = 'rongCloudApi';

export interface PackageUnderTest {
	tarball: string;
	name: string;
	version: string;
	/** The node and credential files the package.json `n8n` section declares. */
	declaredNodes: string[];
	declaredCredentials: string[];
}

export interface Scenario {
	name: string;
	/** Run only on these n8n major versions (default: all). */
	majors?: number[];
	/** Start PostgreSQL + Redis and run n8n in queue mode (the worker is started by the scenario). */
	queue?: boolean;
	/** Start a RongCloud emulator before the scenario (`ctx.emulator`). */
	emulator?: boolean | EmulatorOptions;
	/** Install the project's package into the instance (default true). */
	installPackage?: boolean;
	/** Default 180 s. */
	timeoutMs?: number;
	/**
	 * Runs in all, each in a fresh n8n, before a failure counts (default 1). Only for what drives a
	 * browser, whose page timing varies from machine to machine; never for a scenario about what
	 * reaches RongCloud, where a failure that comes and goes is a race to find, not to retry. A
	 * failed attempt is printed and listed in the report.
	 */
	attempts?: number;
	/**
	 * Why this scenario cannot run on an n8n version (undefined: it can). Asked before any service
	 * or emulator starts, so a skipped scenario costs nothing; the reason is printed with SKIP.
	 */
	skipOn?: (install: N8nInstall) => string | undefined;
	/** Extra environment for every n8n process of the instance (main, workers, CLI). */
	env?: Record<string, string>;
	run(ctx: ScenarioContext): Promise<void>;
}

export interface ScenarioContext {
	install: N8nInstall;
	version: string;
	major: number;
	/** A fresh n8n instance for this scenario (not started). */
	n8n: N8n;
	/** The emulator, when the scenario asked for one (throws otherwise). */
	emulator: EmulatorHandle;
	/** Start one more emulator (e.g. with the broadcast service disabled). */
	startEmulator(options?: EmulatorOptions): Promise<EmulatorHandle>;
	pkg: PackageUnderTest;
	/** A folder for this scenario's files (screenshots, request logs). */
	workDir: string;
	log(line: string): void;
	/** A line for the suite's report, printed again after the last scenario: figures, never a verdict. */
	report(line: string): void;
	skip(reason: string): never;
}

export class SkipError extends Error {}

export function skip(reason: string): never {
	throw new SkipError(reason);
}

// ---------------------------------------------------------------- assertion helpers

export { assert };

/** The items one node output on its first output (first run), as plain JSON objects. */
export function nodeOutput(execution: ExecutionData | undefined, nodeName: string, runIndex = 0): Array<Record<string, unknown>> {
	const run = nodeRun(execution, nodeName, runIndex);
	const items = run.data?.main?.[0] ?? [];
	return items.map((item) => item.json);
}

export function nodeRun(execution: ExecutionData | undefined, nodeName: string, runIndex = 0): NodeRun {
	const runs = execution?.data?.resultData?.runData?.[nodeName];
	assert.ok(runs && runs[runIndex], `node "${nodeName}" did not run (ran: ${Object.keys(execution?.data?.resultData?.runData ?? {}).join(', ')})`);
	return runs[runIndex];
}

/**
 * `n8n execute` exited 0 (or crashed on its own exit after printing and storing the execution)
 * and the execution's status is success.
 */
export function expectSuccess(result: ExecuteResult): ExecutionData {
	const exit = result.signal ? `${result.code} (${result.signal})` : String(result.code);
	const why = `exit ${exit}, status ${result.execution?.status}: ${result.execution?.data?.resultData?.error?.message ?? ''}\n${(result.stdout + result.stderr).split('\n').slice(-20).join('\n')}`;
	if (!result.crashedAfterStoring) assert.equal(result.code, 0, `n8n execute failed: ${why}`);
	assert.ok(result.execution, `n8n execute printed no execution: ${why}`);
	assert.equal(result.execution.status ?? 'success', 'success', `execution not successful: ${why}`);
	return result.execution;
}

/**
 * `n8n execute` failed: exit code 1, and the error as n8n reported it. With `--rawOutput` n8n prints
 * the execution JSON (its `resultData.error` carries `description` but, serialized, often no
 * `message`) followed by an "Execution error:" block whose first line is the message.
 */
export function expectFailure(result: ExecuteResult): { message: string; description?: string } {
	assert.notEqual(result.code, 0, 'n8n execute succeeded but a failure was expected');
	assert.ok(
		!result.signal || result.crashedAfterStoring,
		`n8n execute was ended by ${result.signal} before it had printed and stored the failed execution`,
	);
	const error = result.execution?.data?.resultData?.error as
		| { message?: string; description?: string; errorResponse?: { message?: string } }
		| undefined;
	const block = /Execution error:\n=+\n(.+)/.exec(result.stdout);
	const message = error?.message ?? error?.errorResponse?.message ?? block?.[1] ?? `${result.stdout}\n${result.stderr}`;
	return { message, description: error?.description };
}

// ---------------------------------------------------------------- fixtures

/** A rongCloudApi credential (plain `data`; n8n encrypts it on import) pointing at an emulator. */
export function rongCloudCredential(
	emulator: EmulatorHandle,
	options: { id?: string; name?: string; data?: Record<string, unknown> } = {},
): Record<string, unknown> {
	return {
		id: options.id ?? 'rongcloud-sandbox',
		name: options.name ?? 'RongCloud Sandbox',
		type: CREDENTIAL_TYPE,
		data: {
			appKey: emulator.appKey,
			appSecret: emulator.appSecret,
			region: 'custom',
			baseUrl: emulator.baseUrl,
			...options.data,
		},
	};
}

/** The workflows in examples/, by file name. */
export function exampleWorkflows(): Array<{ file: string; workflow: Record<string, unknown> }> {
	const dir = join(REPO_ROOT, 'examples');
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown> }));
}

// ---------------------------------------------------------------- what the emulator received

/** The form fields of a request in the order they were on the wire (duplicates kept). */
export function formEntries(request: EmulatorRequest): Array<[string, string]> {
	return [...new URLSearchParams(request.rawBody)];
}

/**
 * A request the node signed: POST to `path`, form or JSON as `contentType` says, the App-Key of the
 * emulator, and a signature that is valid twice over: the emulator says so, and it is recomputed
 * here from the App Secret (lowercase hex SHA1 of secret + Nonce + Timestamp, RongCloud's rule).
 * Also: a Timestamp in milliseconds near the time it arrived, a Nonce within RongCloud's 18
 * characters, and an X-Request-ID (a UUID) that the emulator echoed.
 */
export function expectSignedRequest(
	request: EmulatorRequest,
	emulator: { appKey: string; appSecret: string },
	path: string,
	contentType: 'application/x-www-form-urlencoded' | 'application/json' = 'application/x-www-form-urlencoded',
	/** Form keys the endpoint takes repeated (publish.json's toUserId). */
	repeatedKeys: string[] = [],
): void {
	const where = `request #${request.seq} ${request.method} ${request.path}`;
	assert.equal(request.method, 'POST', `${where}: method`);
	assert.equal(request.path, path, `${where}: path`);
	assert.equal(request.headers['content-type']?.split(';')[0].trim(), contentType, `${where}: Content-Type`);
	assert.equal(request.headers['app-key'], emulator.appKey, `${where}: App-Key`);
	const nonce = request.headers.nonce ?? '';
	const timestamp = request.headers.timestamp ?? '';
	assert.match(nonce, /^[0-9A-Za-z]{1,18}$/, `${where}: Nonce`);
	assert.match(timestamp, /^\d{13}$/, `${where}: Timestamp in milliseconds`);
	assert.ok(Math.abs(Number(timestamp) - request.receivedAt) < 60_000, `${where}: Timestamp ${timestamp} is far from the arrival time ${request.receivedAt}`);
	const expected = createHash('sha1').update(emulator.appSecret + nonce + timestamp).digest('hex');
	assert.equal(request.headers.signature, expected, `${where}: Signature is not SHA1(appSecret + Nonce + Timestamp)`);
	assert.equal(request.signatureValid, true, `${where}: the emulator found the signature invalid`);
	assert.match(request.headers['x-request-id'] ?? '', /^[0-9a-f-]{36}$/, `${where}: X-Request-ID`);
	assert.deepEqual(request.duplicateFormKeys.filter((key) => !repeatedKeys.includes(key)), [], `${where}: duplicate form keys`);
}

/** The request was answered 200 with RongCloud code 200. */
export function expectAccepted(request: EmulatorRequest): Record<string, unknown> {
	const body = request.response?.body as Record<string, unknown> | undefined;
	assert.equal(request.response?.status, 200, `request #${request.seq} ${request.path} was answered ${request.response?.status}: ${JSON.stringify(body)}`);
	assert.equal(body?.code, 200, `request #${request.seq}: code ${String(body?.code)}`);
	return body ?? {};
}

/** The content form field (a JSON string) parsed. */
export function contentOf(request: EmulatorRequest): unknown {
	const raw = request.form?.content;
	assert.ok(raw !== undefined, `request #${request.seq} has no content field`);
	return JSON.parse(raw);
}

/** The JSON a form field holds, parsed (fails with the raw text when it is not JSON). */
export function jsonField(request: EmulatorRequest, field: string): unknown {
	const raw = request.form?.[field];
	assert.ok(raw !== undefined, `request #${request.seq} has no ${field} field`);
	try {
		return JSON.parse(raw);
	} catch {
		assert.fail(`request #${request.seq}: ${field} is not JSON: ${raw}`);
	}
}

/** Waits until no request arrives for `quietMs`; returns the requests. */
export async function settledRequests(emulator: EmulatorHandle, quietMs = 500): Promise<EmulatorRequest[]> {
	let count = emulator.requests().length;
	for (;;) {
		await sleep(quietMs);
		const now = emulator.requests().length;
		if (now === count) return emulator.requests();
		count = now;
	}
}

/** Every string anywhere in a JSON value (to prove a secret appears nowhere). */
export function containsText(value: unknown, text: string): boolean {
	return JSON.stringify(value ?? null).includes(text);
}
