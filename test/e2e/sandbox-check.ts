/* eslint-disable
	@n8n/community-nodes/no-dangerous-functions,
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * Proves `npm start` (test/e2e/sandbox.ts): started as a user starts it, on free ports and in a
 * folder of its own, it must come up with the owner, the sandbox credential and every example,
 * and say where n8n's log is, that n8n listens on 127.0.0.1 only and how to reset the quota. One
 * example runs through n8n's REST API (the webhook example, published and called): as shipped it
 * is a dry run (nothing reaches the emulator); saved with Dry Run off and published again, the
 * emulator receives the broadcast. Ctrl-C (SIGINT to the process group) must stop it cleanly. A
 * second start must reuse everything (login, no re-import) and the emulator must still count the
 * quota used before the restart; a third, with `--reset-quota`, must have forgotten it.
 *
 * A newcomer's first minutes (issue 26): the console shows the sandbox app's App Key and App
 * Secret, both credentials are there ("RongCloud Sandbox" and "RongCloud Sandbox (Nexconn v4)"),
 * and ten real broadcasts pass without a restart: each 1008 says, in the node's error, where to
 * reset the quota, and that reset (the URL, or `npm run sandbox:reset-quota`) works at runtime.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';

import { REPO_ROOT, type EmulatorRequest } from './emulator';
import { assert, CREDENTIAL_TYPE, exampleWorkflows, NODE_TYPE, type Scenario, type ScenarioContext } from './harness';
import { N8n, OWNER } from './n8n';
import { freePort, ManagedProcess, sleep, waitFor } from './proc';

interface SandboxInfo {
	url: string;
	email: string;
	password: string;
	emulator: string;
	appKey: string;
	appSecret: string;
	resetQuotaUrl: string;
	credential: { id: string; name: string; type: string; action: string };
	credentials: Array<{ id: string; name: string; type: string; action: string }>;
	examplesImported: string[];
	firstRun: boolean;
	dir: string;
	n8nRoot: string;
	requestLog: string;
	n8nLog: string;
	statePath: string;
}

function requestsIn(file: string): EmulatorRequest[] {
	if (!existsSync(file)) return [];
	return readFileSync(file, 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line) as EmulatorRequest);
}

async function startSandbox(
	ctx: ScenarioContext,
	dir: string,
	port: number,
	emulatorPort: number,
	run: number,
	launched: ManagedProcess[],
	args: string[] = [],
): Promise<{ proc: ManagedProcess; info: SandboxInfo }> {
	const started = Date.now();
	const proc = new ManagedProcess(`npm start (${run})`, 'npm', ['start', ...(args.length > 0 ? ['--', ...args] : [])], {
		cwd: REPO_ROOT,
		env: {
			...process.env,
			SANDBOX_PORT: String(port),
			SANDBOX_EMULATOR_PORT: String(emulatorPort),
			SANDBOX_DIR: dir,
			// The runner built dist/ already.
			E2E_SKIP_BUILD: '1',
		},
		logFile: join(ctx.workDir, `npm-start-${run}.log`),
	});
	launched.push(proc);
	const match = await proc.waitForOutput(/^SANDBOX READY (\{.*\})$/m, 240_000);
	ctx.log(`npm start (${run}) ready after ${Date.now() - started} ms`);
	return { proc, info: JSON.parse(match[1]) as SandboxInfo };
}

async function stopSandbox(ctx: ScenarioContext, proc: ManagedProcess, info: SandboxInfo): Promise<void> {
	const started = Date.now();
	// Ctrl-C in a terminal: SIGINT to the whole foreground process group.
	proc.killGroup('SIGINT');
	const code = await Promise.race([proc.wait(), new Promise<number>((resolve) => setTimeout(() => resolve(-1), 40_000))]);
	assert.notEqual(code, -1, `npm start did not stop within 40 s of Ctrl-C\n${proc.text().slice(-2000)}`);
	// npm itself ends by the SIGINT it got (as in a terminal); what counts is that the sandbox shut down in order.
	assert.ok(code === 0 || code === 128, `npm start exited ${code} after Ctrl-C\n${proc.text().slice(-2000)}`);
	assert.match(proc.text(), /\[sandbox\] SIGINT: stopping n8n and the RongCloud emulator[\s\S]*n8n stopped[\s\S]*\[sandbox\] stopped/);
	// n8n and the emulator are gone with it.
	for (const url of [`${info.url}/healthz`, `${info.emulator}/`]) {
		await waitFor(`${url} to stop answering`, async () => (await fetch(url).then(() => false, () => true)), 10_000);
	}
	ctx.log(`Ctrl-C: stopped in ${Date.now() - started} ms (npm exit ${code === 128 ? 'by SIGINT' : code})`);
	await proc.stop('SIGKILL', 1000);
}

export const sandboxScenario: Scenario = {
	name: 'npm-start-sandbox',
	majors: [2],
	installPackage: false,
	timeoutMs: 480_000,
	async run(ctx) {
		const launched: ManagedProcess[] = [];
		try {
			await proveSandbox(ctx, launched);
		} finally {
			// A failed check leaves a sandbox running: Ctrl-C it, so it stops its emulator too (the
			// emulator runs in a process group of its own, which killing npm would leave behind).
			for (const proc of launched.filter((p) => p.running)) await proc.stop('SIGINT', 20_000);
		}
	},
};

async function proveSandbox(ctx: ScenarioContext, launched: ManagedProcess[]): Promise<void> {
	const dir = join(ctx.workDir, 'sandbox');
	const port = await freePort();
	const emulatorPort = await freePort();
	const exampleIds = exampleWorkflows().map((e) => String(e.workflow.id)).sort();

	// First start: everything is created.
	let { proc, info } = await startSandbox(ctx, dir, port, emulatorPort, 1, launched);
	assert.equal(info.url, `http://localhost:${port}`);
	assert.equal(info.email, OWNER.email);
	assert.equal(info.firstRun, true);
	assert.equal(info.credential.action, 'created');
	assert.deepEqual([...info.examplesImported].sort(), exampleIds);
	assert.match(proc.text(), new RegExp(`Log in as ${OWNER.email.replace('.', '\\.')} / `));
	// What a newcomer needs to know, said where they look: the console.
	assert.ok(proc.text().includes('listens on 127.0.0.1 only'), 'npm start does not say n8n listens on 127.0.0.1 only');
	assert.ok(proc.text().includes(`n8n's log: ${info.n8nLog}`), 'npm start does not say where n8n\'s log is');
	assert.ok(existsSync(info.n8nLog) && readFileSync(info.n8nLog, 'utf8').includes('Editor is now accessible'), `n8n's log ${info.n8nLog} is not n8n's log`);
	assert.ok(proc.text().includes('npm start -- --reset-quota'), 'npm start does not say how to reset the quota');
	assert.ok(proc.text().includes(`or run npm run sandbox:reset-quota`) && proc.text().includes(`open ${info.resetQuotaUrl}`), 'npm start does not say how to reset the quota while it runs');
	// Test values a user types into the credential dialog: said in the console.
	assert.ok(proc.text().includes(`App Key ${info.appKey}, App Secret ${info.appSecret}`), 'npm start does not show the App Key and App Secret');
	assert.deepEqual(
		info.credentials.map(({ id, name, action }) => [id, name, action]),
		[
			['rongcloud-sandbox', 'RongCloud Sandbox', 'created'],
			['rongcloud-sandbox-v4', 'RongCloud Sandbox (Nexconn v4)', 'created'],
		],
	);
	const client = await N8n.create(ctx.install, { name: 'sandbox-client', root: info.n8nRoot, port, log: ctx.log });
	await client.login();
	const credentials = await client.rest<Array<{ id: string; name: string; type: string }>>('GET', '/rest/credentials');
	for (const { id, name } of info.credentials) {
		assert.ok(
			credentials.some((c) => c.id === id && c.name === name && c.type === CREDENTIAL_TYPE),
			`no "${name}" credential: ${JSON.stringify(credentials)}`,
		);
	}
	const workflows = await client.rest<Array<{ id: string }>>('GET', '/rest/workflows');
	assert.deepEqual(
		workflows.map((w) => w.id).filter((id) => exampleIds.includes(id)).sort(),
		exampleIds,
		'every example is in n8n',
	);
	// One example end to end. As shipped (Dry Run on), publishing and calling it sends nothing:
	// the webhook answers with the request the node would send.
	await client.activateWorkflow('rcWebhookBroadcast');
	const dry = await client.callWebhook('rongcloud-broadcast', { text: 'Hello from npm start' });
	assert.equal(dry.status, 200, `webhook answered ${dry.status}: ${dry.text}`);
	assert.equal((dry.body as { dryRun?: boolean }).dryRun, true, `the example as shipped is not a dry run: ${dry.text.slice(0, 300)}`);
	await sleep(500);
	assert.deepEqual(requestsIn(info.requestLog), [], 'the example as shipped (Dry Run on) reached the sandbox emulator');
	// Dry Run off, saved and published again, as the example's note says: now it broadcasts.
	await client.deactivateWorkflow('rcWebhookBroadcast');
	await client.updateWorkflowNodes('rcWebhookBroadcast', (nodes) => {
		for (const node of nodes.filter((n) => n.type === NODE_TYPE)) {
			const parameters = node.parameters as Record<string, unknown>;
			parameters.options = { ...(parameters.options as Record<string, unknown>), dryRun: false };
		}
	});
	await client.activateWorkflow('rcWebhookBroadcast');
	const res = await client.callWebhook('rongcloud-broadcast', { text: 'Hello from npm start' });
	assert.equal(res.status, 200, `webhook answered ${res.status}: ${res.text}`);
	let requests = requestsIn(info.requestLog);
	assert.equal(requests.length, 1, 'one request at the sandbox emulator');
	assert.equal(requests[0].path, '/message/broadcast.json');
	assert.equal(requests[0].signatureValid, true);
	assert.equal(requests[0].appKey, info.appKey);
	assert.equal((JSON.parse(requests[0].form?.content ?? '{}') as { content?: string }).content, 'Hello from npm start');
	assert.equal(requests[0].response?.status, 200);
	assert.equal((res.body as { messageUID?: string }).messageUID, (requests[0].response?.body as { messageUID?: string }).messageUID);
	ctx.log(`webhook example → emulator: ${requests[0].path} ${requests[0].response?.status}`);
	await tenSendsWithResets(ctx, client, info, emulatorPort);
	await stopSandbox(ctx, proc, info);
	const state = JSON.parse(readFileSync(join(dir, 'emulator-state.json'), 'utf8')) as { quotaUsage?: Record<string, number[]> };
	assert.equal(state.quotaUsage?.[info.appKey]?.length, 1, 'the emulator state file holds the quota used');
	const firstRunCalls = requestsIn(info.requestLog).length - 1;

	// Second start: the same instance (login, nothing re-imported), the quota remembered.
	({ proc, info } = await startSandbox(ctx, dir, port, emulatorPort, 2, launched));
	assert.equal(info.firstRun, false);
	assert.deepEqual(info.examplesImported, []);
	assert.equal(info.credential.action, 'pointed at the emulator');
	const again = await N8n.create(ctx.install, { name: 'sandbox-client', root: info.n8nRoot, port, log: ctx.log });
	await again.login();
	const executions = await again.listExecutions('rcWebhookBroadcast');
	// n8n lists 20 a page.
	assert.equal(executions.length, Math.min(20, 2 + firstRunCalls), 'the executions of the first run (the dry run, the broadcasts) are still there');
	// The workflow stayed published across the restart: 1 call of the hourly 2 was used, so one more passes and the next is 1008.
	const before = requestsIn(info.requestLog).length;
	const second = await again.callWebhook('rongcloud-broadcast', { text: 'second' });
	assert.equal(second.status, 200, `second call: ${second.status} ${second.text}`);
	const third = await again.callWebhook('rongcloud-broadcast', { text: 'third' });
	requests = requestsIn(info.requestLog).slice(before);
	assert.equal(requests.length, 2);
	assert.equal(requests[1].response?.status, 429, `the third broadcast of the hour: ${JSON.stringify(requests[1].response)}`);
	assert.equal((requests[1].response?.body as { code?: number }).code, 1008);
	assert.ok(third.status >= 400, `the third call answered ${third.status}`);
	ctx.log(`after a restart the quota still counted the first broadcast: 2nd → 200, 3rd → ${requests[1].response?.status} 1008`);
	await stopSandbox(ctx, proc, info);

	// Third start, with the reset the console offers: the quota is forgotten, the rest is kept.
	const issuedBefore = (JSON.parse(readFileSync(info.statePath, 'utf8')) as { issued?: unknown[] }).issued?.length;
	({ proc, info } = await startSandbox(ctx, dir, port, emulatorPort, 3, launched, ['--reset-quota']));
	assert.match(proc.text(), /--reset-quota: the emulator forgot the 2 broadcast call\(s\) it had counted/);
	const reset = JSON.parse(readFileSync(info.statePath, 'utf8')) as { quotaUsage?: Record<string, number[]>; issued?: unknown[] };
	assert.deepEqual(reset.quotaUsage?.[info.appKey] ?? [], [], 'the quota is still counted after --reset-quota');
	assert.equal(reset.issued?.length, issuedBefore, 'the issued messages are kept (they can still be recalled)');
	const afterRestart = await N8n.create(ctx.install, { name: 'sandbox-client', root: info.n8nRoot, port, log: ctx.log });
	await afterRestart.login();
	const afterReset = await afterRestart.callWebhook('rongcloud-broadcast', { text: 'after the reset' });
	assert.equal(afterReset.status, 200, `after --reset-quota: ${afterReset.status} ${afterReset.text}`);
	requests = requestsIn(info.requestLog);
	assert.equal(requests[requests.length - 1].response?.status, 200);
	ctx.log('npm start -- --reset-quota: the quota was forgotten (the next broadcast → 200), the issued messages kept');
	await stopSandbox(ctx, proc, info);
}

/**
 * Ten real broadcasts through the published webhook example, without a restart: whenever the
 * quota refuses one (1008), the node's error must end with the sandbox's words naming the reset,
 * and the reset (the URL by GET, `npm run sandbox:reset-quota` the other times) must let the next
 * broadcast pass. Ends with the quota reset and one broadcast counted, as the caller expects.
 */
async function tenSendsWithResets(ctx: ScenarioContext, client: N8n, info: SandboxInfo, emulatorPort: number): Promise<void> {
	const started = Date.now();
	const note = `Sandbox: reset the quota at ${info.resetQuotaUrl} (or npm run sandbox:reset-quota)`;
	const reset = async (how: 'url' | 'npm'): Promise<void> => {
		if (how === 'url') {
			const answer = await fetch(info.resetQuotaUrl);
			assert.equal(answer.status, 200, `GET ${info.resetQuotaUrl} answered ${answer.status}`);
			assert.match(String(((await answer.json()) as { message?: string }).message), /forgot the \d+ quota call/);
			return;
		}
		const npm = spawnSync('npm', ['run', '--silent', 'sandbox:reset-quota'], { cwd: REPO_ROOT, env: { ...process.env, SANDBOX_EMULATOR_PORT: String(emulatorPort) }, encoding: 'utf8' });
		assert.equal(npm.status, 0, `npm run sandbox:reset-quota exited ${npm.status}: ${npm.stdout}${npm.stderr}`);
		assert.match(npm.stdout, /\[sandbox\] The sandbox forgot the \d+ quota call/);
	};
	let sent = 0;
	let resets = 0;
	for (let call = 0; sent < 10 && call < 30; call++) {
		const before = requestsIn(info.requestLog).length;
		const answer = await postOnNewConnection(`${client.baseUrl}/webhook/rongcloud-broadcast`, { text: `Send ${sent + 1} of ten` });
		const [request] = requestsIn(info.requestLog).slice(before);
		assert.ok(request, `call ${call} reached no emulator`);
		if (request.response?.status === 200) {
			assert.equal(answer.status, 200, `a broadcast the emulator took, but the webhook answered ${answer.status}`);
			sent++;
			continue;
		}
		const body = request.response?.body as { code?: number; errorMessage?: string };
		assert.equal(body.code, 1008, `call ${call}: ${JSON.stringify(request.response)}`);
		assert.ok(body.errorMessage?.endsWith(note), `the 1008 answer does not end with how to go on: ${body.errorMessage}`);
		// What the user reads: the node's error in the execution.
		const [failed] = await client.listExecutions('rcWebhookBroadcast');
		const error = (await client.executionData(String(failed.id))).data?.resultData?.error as { message?: string } | undefined;
		assert.ok(error?.message?.includes(note), `the node's error does not say how to reset the quota: ${error?.message}`);
		if (resets === 0) ctx.log(`the refusal as n8n shows it: "${error?.message}"`);
		await reset(resets % 2 === 0 ? 'url' : 'npm');
		resets++;
	}
	assert.equal(sent, 10, `only ${sent} broadcasts passed`);
	assert.ok(resets >= 4, `ten broadcasts needed only ${resets} resets: the quota was not enforced`);
	await reset('url');
	const last = await postOnNewConnection(`${client.baseUrl}/webhook/rongcloud-broadcast`, { text: 'After the ten' });
	assert.equal(last.status, 200, `after a reset: ${last.status}`);
	ctx.log(`ten broadcasts with ${resets} resets in between, no restart, in ${Date.now() - started} ms`);
	ctx.report(`npm start sandbox: ten broadcasts and ${resets} quota resets without a restart took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * POST JSON on a connection of its own: the npm reset takes a few seconds, longer than n8n keeps an
 * idle connection open, and fetch would send the next call on the socket n8n is closing ("fetch failed").
 */
async function postOnNewConnection(url: string, body: unknown): Promise<{ status: number }> {
	return await new Promise((resolve, reject) => {
		const request = httpRequest(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (response) => {
			response.resume();
			response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
		});
		request.on('error', reject);
		request.end(JSON.stringify(body));
	});
}
