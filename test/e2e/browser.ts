/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * The editor in a real browser: Debian's Chromium (installed with apt when missing; never a
 * downloaded browser), driven by playwright-core, logged into the running n8n with the owner's
 * `n8n-auth` cookie. It opens the every-field example, the RongCloud node's panel and the
 * credential dialog, takes screenshots, and fails if the panel shows an error, a parameter issue
 * ("Issues", an unknown or unsupported value) or the node as not installed.
 *
 * Two negative controls prove the checks can fail: a copy of the node with a missing required
 * value and an unsupported option value must show issues, and a node type that does not exist
 * must show as not installed.
 *
 * The output schemas: opening the Recall node of the send-then-recall example makes the editor
 * preview what the (not yet run) Send to All Users node will output, from
 * `/schemas/<node type>/1.0.0/message/send.json` (the node's resource, then the operation); that
 * request must answer 200 with the package's schema,
 * and the input panel must offer messageUID. Every operation's schema is also fetched directly.
 *
 * Screenshots go to the scenario folder; with E2E_UPDATE_SCREENSHOTS=1 the n8n 2.x run also
 * writes them to docs/images/ (the README shows those). They are not refreshed on every run:
 * they show a random port, so each run would change the committed files.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

import { operations } from '../../nodes/RongCloudBroadcast/resources/message';
import { RESOURCE } from '../../nodes/RongCloudBroadcast/shared/operation';
import { REPO_ROOT } from './emulator';
import {
	assert,
	expectAccepted,
	expectSignedRequest,
	exampleWorkflows,
	NODE_TYPE,
	rongCloudCredential,
	settledRequests,
	type Scenario,
} from './harness';
import { ensureDebianPackages } from './services';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--headless',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
];

const NODE_NAME = 'RongCloud Broadcast';
const OPERATIONS = Object.keys(operations);

/** The output schema the package ships for an operation (the build copies it next to the node). */
function shippedSchema(operation: string): unknown {
	return JSON.parse(readFileSync(join(REPO_ROOT, 'nodes', 'RongCloudBroadcast', '__schema__', 'v1.0.0', RESOURCE, `${operation}.json`), 'utf8'));
}

/** What n8n's editor shows when something is wrong with a node (test ids of n8n 1.123 and 2.41). */
const PROBLEM_TEST_IDS = ['node-issues', 'parameter-issues', 'node-not-installed', 'install-community-node-button', 'canvas-node-status-issues'];
const PROBLEM_TEXTS = [/Install this node to use it/i, /not currently installed/i, /unknown parameter/i, /could not be loaded/i, /Problem loading/i, /is not supported/i, /Issues:/];

export function ensureChromium(log: (line: string) => void): void {
	ensureDebianPackages([{ pkg: 'chromium', present: () => existsSync(CHROMIUM) }], log);
}

/** Problems the editor shows inside `scope` (a CSS selector), as readable strings. */
async function problemsShown(page: Page, scope: string): Promise<string[]> {
	const found: string[] = [];
	for (const id of PROBLEM_TEST_IDS) {
		const count = await page.locator(`${scope} [data-test-id="${id}"]`).count();
		if (count > 0) found.push(`${count} × [data-test-id="${id}"]`);
	}
	const text = await page.locator(scope).first().innerText();
	for (const pattern of PROBLEM_TEXTS) {
		const match = pattern.exec(text);
		if (match) found.push(`text "${match[0]}"`);
	}
	return found;
}

const canvasNode = (name: string): string => `[data-test-id="canvas-node"][data-node-name="${name}"]`;

async function openWorkflow(page: Page, baseUrl: string, id: string, nodeName: string): Promise<void> {
	await page.goto(`${baseUrl}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
	await page.locator(canvasNode(nodeName)).waitFor({ state: 'visible', timeout: 30_000 });
}

async function openNodePanel(page: Page, nodeName: string): Promise<void> {
	await page.locator(canvasNode(nodeName)).dblclick();
	await page.locator('[data-test-id="ndv"]').waitFor({ state: 'visible', timeout: 15_000 });
	await page.locator('[data-test-id="node-parameters"]').waitFor({ state: 'visible', timeout: 15_000 });
	// Parameter issues are computed once the panel rendered its inputs.
	await page.waitForTimeout(1000);
}

function workflowCopy(id: string, change: (node: Record<string, unknown>) => void): Record<string, unknown> {
	const example = exampleWorkflows().find((e) => e.file === 'every-field.json');
	assert.ok(example, 'examples/every-field.json is missing');
	const copy = structuredClone(example.workflow);
	copy.id = id;
	copy.name = `E2E control: ${id}`;
	const node = (copy.nodes as Array<Record<string, unknown>>).find((n) => n.name === NODE_NAME);
	assert.ok(node, `every-field.json has no node named ${NODE_NAME}`);
	change(node);
	return copy;
}

/** A workflow with nothing but its trigger: where a newcomer adds the node from the nodes panel. */
const NEWCOMER_WORKFLOW = {
	id: 'e2eNewcomer',
	name: 'E2E: a newcomer adds the node',
	active: false,
	nodes: [{ id: 'f3b0c1d2-0000-4000-8000-000000000001', name: 'Manual Trigger', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }],
	connections: {},
	settings: { executionOrder: 'v1' },
	pinData: {},
};

/** Whether the switch of a boolean parameter shows on (n8n's switch: `is-checked` or aria-checked). */
async function switchIsOn(page: Page, parameter: string): Promise<boolean> {
	const input = page.locator(`[data-test-id="parameter-input-${parameter}"]`).first();
	await input.waitFor({ state: 'visible', timeout: 10_000 });
	return await input.evaluate((element) => {
		const node = element as unknown as { querySelector(selector: string): { className: string; getAttribute(name: string): string | null } | null; className: string };
		const checked = node.querySelector('[aria-checked]')?.getAttribute('aria-checked') ?? node.querySelector('input[type="checkbox"]')?.getAttribute('aria-checked');
		if (checked === 'true' || checked === 'false') return checked === 'true';
		return /is-checked/.test(`${node.className} ${node.querySelector('.el-switch')?.className ?? ''}`);
	});
}

/** Types into the nodes panel's search and returns the node names it lists. */
async function searchNodes(page: Page, words: string): Promise<string[]> {
	const bar = page.locator('[data-test-id="node-creator-search-bar"]').first();
	const input = (await bar.evaluate((element) => (element as unknown as { tagName: string }).tagName)) === 'INPUT' ? bar : bar.locator('input').first();
	await input.fill(words);
	// The list filters as the user types: wait until it lists the node (or give up and return what it lists).
	const names = async (): Promise<string[]> => (await page.locator('[data-test-id="node-creator-item-name"]').allInnerTexts()).map((name) => name.trim());
	return await waitUntil(names, (listed) => listed.includes(NODE_NAME), 10_000);
}

/** Reads `read` until `done` holds or `timeoutMs` passed; returns the last reading (the caller asserts on it). */
async function waitUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let value = await read();
	while (!done(value) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 100));
		value = await read();
	}
	return value;
}

/**
 * Issue 26 in the editor (n8n 2.x): the nodes panel finds the node by "recall" and "nexconn"; a
 * node added from the action "Send to all users" takes that name; Dry Run added from Add Option
 * shows switched on.
 */
async function newcomerInEditor(page: Page, baseUrl: string, shots: string, log: (line: string) => void): Promise<void> {
	await openWorkflow(page, baseUrl, NEWCOMER_WORKFLOW.id, 'Manual Trigger');
	await page.locator('[data-test-id="node-creator-plus-button"]').first().click();
	await page.locator('[data-test-id="node-creator"]').waitFor({ state: 'visible', timeout: 15_000 });
	for (const words of ['recall', 'nexconn']) {
		const found = await searchNodes(page, words);
		await page.screenshot({ path: join(shots, `nodes-panel-${words}.png`), animations: 'disabled' });
		assert.ok(found.includes(NODE_NAME), `the nodes panel searched for "${words}" lists ${JSON.stringify(found)}, not ${NODE_NAME}`);
	}
	log(`the nodes panel finds ${NODE_NAME} by "recall" and by "nexconn"`);
	await page.locator('[data-test-id="node-creator-item-name"]', { hasText: NODE_NAME }).first().click();
	const action = page.locator('[data-test-id="node-creator"] [data-test-id="item-iterator-item"]', { hasText: /^\s*Send to all users\s*$/ });
	await action.first().waitFor({ state: 'visible', timeout: 15_000 });
	await page.screenshot({ path: join(shots, 'nodes-panel-actions.png'), animations: 'disabled' });
	await action.first().click();
	await page.locator('[data-test-id="ndv"]').waitFor({ state: 'visible', timeout: 15_000 });
	await page.locator('[data-test-id="node-parameters"]').waitFor({ state: 'visible', timeout: 15_000 });
	await page.keyboard.press('Escape');
	await page.locator(canvasNode('Send to all users')).waitFor({ state: 'visible', timeout: 15_000 });
	log('a node added from the action "Send to all users" is named "Send to all users"');

	await openNodePanel(page, 'Send to all users');
	assert.equal(await page.locator('[data-test-id="parameter-input-dryRun"]').count(), 0, 'Dry Run is shown before it was added');
	// The Options collection sits near the bottom of a long panel, below Sender Info (another collection
	// with its own adder), so it is found by its label; its adder is n8n 2.41's select
	// (collection-parameter-add, items collection-parameter-option) or, in the editor's newer
	// collection, a dropdown menu (collection-parameter-add-header / -add-dropdown, menu items).
	const optionsCollection = page
		.locator('[data-test-id="ndv"] [data-test-id="parameter-item"]')
		.filter({ has: page.getByText('Options', { exact: true }) })
		.filter({ has: page.locator('[data-test-id^="collection-parameter-add"]') })
		.last();
	await optionsCollection.scrollIntoViewIfNeeded({ timeout: 10_000 });
	await optionsCollection.locator('[data-test-id="collection-parameter-add"], [data-test-id="collection-parameter-add-dropdown"], [data-test-id="collection-parameter-add-header"]').first().click();
	const dryRunOption = page
		.locator('[data-test-id="collection-parameter-option"], [role="menuitem"]')
		.filter({ hasText: /^\s*Dry Run\s*$/ })
		.locator('visible=true')
		.first();
	await dryRunOption.waitFor({ state: 'visible', timeout: 10_000 });
	await page.screenshot({ path: join(shots, 'add-option-list.png'), animations: 'disabled' });
	await dryRunOption.click();
	const dryRun = page.locator('[data-test-id="parameter-input-dryRun"]').first();
	await dryRun.waitFor({ state: 'visible', timeout: 10_000 });
	await dryRun.scrollIntoViewIfNeeded();
	await page.screenshot({ path: join(shots, 'dry-run-added.png'), animations: 'disabled' });
	assert.equal(await switchIsOn(page, 'dryRun'), true, 'Dry Run, added from Add Option, shows switched off');
	// Control: the same reading sees the switch off once clicked (the editor re-renders it, so read until it settles).
	await page.locator('[data-test-id="parameter-input-dryRun"] [role="switch"], [data-test-id="parameter-input-dryRun"] .el-switch').first().click();
	const afterClick = await waitUntil(async () => await switchIsOn(page, 'dryRun'), (on) => !on, 5_000);
	assert.equal(afterClick, false, 'control: Dry Run clicked off still reads as on');
	log('Dry Run added from Add Option shows switched on (and reads off once clicked)');
}

export const editorScenario: Scenario = {
	name: 'editor-in-browser',
	emulator: true,
	// Chromium's apt install on a new machine, n8n's start on a busy one, and the newcomer's steps.
	timeoutMs: 480_000,
	attempts: 2,
	async run(ctx) {
		ensureChromium(ctx.log);
		// Loaded here, not at the top: only this scenario needs the browser driver.
		const { chromium } = await import('playwright-core');
		const example = exampleWorkflows().find((e) => e.file === 'every-field.json');
		assert.ok(example, 'examples/every-field.json is missing');
		const sendThenRecall = exampleWorkflows().find((e) => e.file === 'send-then-recall.json');
		assert.ok(sendThenRecall, 'examples/send-then-recall.json is missing');
		await ctx.n8n.importCredentials([rongCloudCredential(ctx.emulator)]);
		await ctx.n8n.importWorkflow([
			example.workflow,
			sendThenRecall.workflow,
			workflowCopy('e2eControlIssues', (node) => {
				const parameters = node.parameters as Record<string, unknown>;
				parameters.text = '';
				(parameters.options as Record<string, unknown>).os = 'Windows';
			}),
			workflowCopy('e2eControlUnknown', (node) => {
				node.type = 'n8n-nodes-rongcloud.noSuchNode';
			}),
			NEWCOMER_WORKFLOW,
		]);
		await ctx.n8n.start();
		await ctx.n8n.setupOwner();
		const cookie = ctx.n8n.authCookie();
		assert.ok(cookie, 'no login cookie');
		const separator = cookie.indexOf('=');

		const userDataDir = mkdtempSync(join(ctx.workDir, 'chromium-profile-'));
		const shots = join(ctx.workDir, 'screenshots');
		mkdirSync(shots, { recursive: true });
		const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
			executablePath: CHROMIUM,
			headless: true,
			args: CHROMIUM_ARGS,
			viewport: { width: 1440, height: 900 },
			deviceScaleFactor: 1,
		});
		const pageErrors: string[] = [];
		const failedResponses: string[] = [];
		const offHost: string[] = [];
		try {
			// The page may only talk to this n8n: anything else is recorded and refused.
			await context.route(
				(url) => !/^(http:\/\/127\.0\.0\.1(:\d+)?|data:|blob:)/.test(url.href),
				async (route) => {
					offHost.push(route.request().url());
					await route.abort();
				},
			);
			await context.addCookies([{ name: cookie.slice(0, separator), value: cookie.slice(separator + 1), domain: '127.0.0.1', path: '/' }]);
			const page = context.pages()[0] ?? (await context.newPage());
			page.on('pageerror', (error) => pageErrors.push(error.message));
			page.on('console', (message) => {
				if (message.type() === 'error') pageErrors.push(message.text());
			});
			page.on('response', (response) => {
				if (response.status() >= 400) failedResponses.push(`${response.status()} ${response.url()}`);
			});

			await openWorkflow(page, ctx.n8n.baseUrl, 'rcEveryField', NODE_NAME);
			const onCanvas = await problemsShown(page, canvasNode(NODE_NAME));
			assert.deepEqual(onCanvas, [], `the canvas shows problems on the node: ${onCanvas.join(', ')}`);
			const icon = page.locator(`${canvasNode(NODE_NAME)} img`).first();
			if ((await icon.count()) > 0) {
				// Wait for the image to finish loading (or fail) rather than reading it mid-load.
				const width = await icon.evaluate(
					(img) =>
						new Promise<number>((resolve) => {
							const image = img as unknown as {
								complete: boolean;
								naturalWidth: number;
								addEventListener: (event: string, listener: () => void) => void;
							};
							if (image.complete && image.naturalWidth > 0) return resolve(image.naturalWidth);
							image.addEventListener('load', () => resolve(image.naturalWidth));
							image.addEventListener('error', () => resolve(0));
							setTimeout(() => resolve(image.naturalWidth), 10000);
						}),
				);
				assert.ok(width > 0, 'the node icon did not load');
			}

			await openNodePanel(page, NODE_NAME);
			const inPanel = await problemsShown(page, '[data-test-id="ndv"]');
			const panelText = await page.locator('[data-test-id="ndv"]').innerText();
			await page.screenshot({ path: join(shots, 'node-panel.png'), animations: 'disabled' });
			assert.deepEqual(inPanel, [], `the node panel shows problems: ${inPanel.join(', ')}`);
			for (const label of ['Credential', 'Operation', 'From User ID', 'Message Type', 'Text', 'Sender Info', 'Options', 'Push Settings',
				'Huawei (HW)', 'Honor', 'Xiaomi (MI)', 'OPPO', 'VIVO', 'Apple (APNs)', 'Firebase (FCM)', 'HarmonyOS (OHOS)']) {
				assert.ok(panelText.includes(label), `the panel does not show "${label}"`);
			}
			const valueOf = async (parameter: string): Promise<string> =>
				await page.locator(`[data-test-id="parameter-input-${parameter}"] input, [data-test-id="parameter-input-${parameter}"] textarea`).first().inputValue();
			assert.equal(await valueOf('operation'), 'Send to All Users');
			assert.equal(await valueOf('fromUserId'), '2191');
			assert.equal(await valueOf('objectName'), 'Text (RC:TxtMsg)');
			assert.equal(await valueOf('text'), 'hello');
			assert.equal(await page.locator('[data-test-id="node-credentials-select"] input').first().inputValue(), 'RongCloud Sandbox');

			// The credential dialog; n8n tests the credential when it opens it (a real signed request).
			const before = ctx.emulator.requests().length;
			await page.locator('[data-test-id="credential-edit-button"]').click();
			const dialog = page.locator('[data-test-id="editCredential-modal"]');
			await dialog.waitFor({ state: 'visible', timeout: 15_000 });
			await page.locator('[data-test-id="credentials-config-container-test-success"]').waitFor({ state: 'visible', timeout: 20_000 });
			await page.waitForTimeout(500);
			const dialogText = await dialog.innerText();
			await page.screenshot({ path: join(shots, 'credential-dialog.png'), animations: 'disabled' });
			const dialogValues = await dialog.locator('input').evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value));
			for (const label of ['RongCloud Sandbox', 'RongCloud API', 'App Key', 'App Secret', 'API Version', 'Region', 'Base URL', 'Backup Base URL', 'Connection tested successfully']) {
				assert.ok(dialogText.includes(label), `the credential dialog does not show "${label}"`);
			}
			for (const value of [ctx.emulator.appKey, 'Custom', ctx.emulator.baseUrl]) {
				assert.ok(dialogValues.includes(value), `the credential dialog has no field with "${value}" (fields: ${JSON.stringify(dialogValues)})`);
			}
			assert.ok(![dialogText, ...dialogValues].some((text) => text.includes(ctx.emulator.appSecret)), 'the dialog shows the App Secret in clear');
			const tests = (await settledRequests(ctx.emulator)).slice(before);
			assert.equal(tests.length, 1, `the dialog's credential test made ${tests.length} requests`);
			expectSignedRequest(tests[0], ctx.emulator, '/user/checkOnline.json');
			expectAccepted(tests[0]);
			await page.keyboard.press('Escape');

			// The output schema, as a user meets it: the Recall node's input panel previews what the
			// send (which has not run) will output, so messageUID can be mapped before any broadcast.
			// The editor puts the node's resource ("message") before the operation in the path.
			// Checked last (a failure here is kept until the other checks have run).
			const schemaCheck = async (): Promise<void> => {
				const schemaPath = `/schemas/${NODE_TYPE}/1.0.0/${RESOURCE}/send.json`;
				const asked: string[] = [];
				const record = (response: { url(): string; status(): number }): void => {
					if (new URL(response.url()).pathname.startsWith(`/schemas/${NODE_TYPE}/`)) asked.push(`${new URL(response.url()).pathname} ${response.status()}`);
				};
				page.on('response', record);
				try {
					const schemaResponse = page.waitForResponse((response) => new URL(response.url()).pathname === schemaPath, { timeout: 30_000 }).catch(() => undefined);
					await openWorkflow(page, ctx.n8n.baseUrl, String(sendThenRecall.workflow.id), 'Recall Broadcast');
					await openNodePanel(page, 'Recall Broadcast');
					const response = await schemaResponse;
					assert.ok(response, `the editor did not ask for ${schemaPath} (it asked for: ${asked.join(', ') || 'no schema'})`);
					assert.equal(response.status(), 200, `GET ${schemaPath} answered ${response.status()}: the package ships no schema where the editor looks (it asked for: ${asked.join(', ')})`);
					assert.deepEqual(await response.json(), shippedSchema('send'), `GET ${schemaPath}: not the package's schema`);
					const inputPanel = page.locator('[data-test-id="ndv-input-panel"]');
					await inputPanel.getByText('messageUID', { exact: true }).first().waitFor({ state: 'visible', timeout: 15_000 });
					await page.screenshot({ path: join(shots, 'schema-preview.png'), animations: 'disabled' });
					ctx.log(`the editor asked for ${schemaPath}: ${response.status()}; the Recall node's input panel offers messageUID before the send has run`);
				} finally {
					page.off('response', record);
					await page.keyboard.press('Escape');
				}
				// Every operation's schema, as n8n serves it (no login needed: the editor asks without credentials).
				for (const operation of OPERATIONS) {
					const res = await fetch(`${ctx.n8n.baseUrl}/schemas/${NODE_TYPE}/1.0.0/${RESOURCE}/${operation}.json`);
					assert.equal(res.status, 200, `GET /schemas/…/${RESOURCE}/${operation}.json answered ${res.status}`);
					assert.deepEqual(await res.json(), shippedSchema(operation), `GET /schemas/…/${RESOURCE}/${operation}.json: not the package's schema`);
				}
				const missing = await fetch(`${ctx.n8n.baseUrl}/schemas/${NODE_TYPE}/1.0.0/${RESOURCE}/noSuchOperation.json`);
				assert.equal(missing.status, 404, 'control: a schema the package does not ship must not be found');
				ctx.log(`GET /schemas/${NODE_TYPE}/1.0.0/${RESOURCE}/{${OPERATIONS.join(',')}}.json: 200 each, the shipped schemas; an unknown operation: 404`);
			};
			const schemaFailure = await schemaCheck().then(
				() => undefined,
				(error: unknown) => error as Error,
			);
			if (schemaFailure) ctx.log(`output schema: FAILED ${schemaFailure.message}`);

			// Negative controls: the same checks must see these problems.
			await openWorkflow(page, ctx.n8n.baseUrl, 'e2eControlIssues', NODE_NAME);
			await openNodePanel(page, NODE_NAME);
			const issues = await problemsShown(page, '[data-test-id="ndv"]');
			assert.ok(issues.some((p) => p.includes('parameter-issues')), `control: a missing Text and os "Windows" showed no parameter issues (${issues.join(', ')})`);
			await openWorkflow(page, ctx.n8n.baseUrl, 'e2eControlUnknown', NODE_NAME);
			const unknown = await problemsShown(page, canvasNode(NODE_NAME));
			assert.ok(unknown.some((p) => p.includes('node-not-installed')), `control: an unknown node type was not shown as not installed (${unknown.join(', ')})`);
			ctx.log(`controls: issues → ${issues.join(', ')}; unknown type → ${unknown.join(', ')}`);

			if (ctx.major >= 2) {
				await newcomerInEditor(page, ctx.n8n.baseUrl, shots, ctx.log).catch(async (error: unknown) => {
					// What the page showed when a step failed, kept with the scenario's screenshots.
					await page.screenshot({ path: join(shots, 'newcomer-failed.png'), animations: 'disabled' }).catch(() => undefined);
					throw error;
				});
			}
			if (schemaFailure) throw schemaFailure;
		} finally {
			await context.close();
		}
		const ours = [...pageErrors, ...failedResponses].filter((line) => /rongcloud/i.test(line));
		assert.deepEqual(ours, [], `the editor logged errors about the package: ${ours.join('\n')}`);
		if (pageErrors.length > 0) ctx.log(`page console errors (not about the package): ${pageErrors.map((e) => e.slice(0, 120)).join(' | ')}`);
		if (offHost.length > 0) ctx.log(`the page tried to reach (refused): ${[...new Set(offHost)].join(', ')}`);
		ctx.log(`screenshots: ${join(shots, 'node-panel.png')}, ${join(shots, 'credential-dialog.png')}`);
		if (process.env.E2E_UPDATE_SCREENSHOTS === '1' && ctx.major >= 2) {
			const target = join(REPO_ROOT, 'docs', 'images');
			mkdirSync(target, { recursive: true });
			for (const file of ['node-panel.png', 'credential-dialog.png']) copyFileSync(join(shots, file), join(target, file));
			ctx.log(`screenshots copied to ${target}`);
		}
	},
};
