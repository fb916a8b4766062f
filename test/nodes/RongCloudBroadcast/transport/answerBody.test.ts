/**
 * Every request keeps its own deadline, though the deadlines of all requests in flight share one
 * timer: a short Timeout after a long one, or next to one in another execution, still ends its
 * request on time. Through the node's real execute() against the emulator. (Had the short deadline
 * waited for the long one's timer, these tests would run into their own time limit, or the later
 * request would finish first.)
 */
import { NodeApiError } from 'n8n-workflow';

import { runBroadcast, outputJson } from '../../../support/runBroadcast';
import { SEND_ITEM_TEXT, sentTexts } from '../../../support/textItems';
import { withEmulator, withEmulatorPair } from '../../../support/withEmulator';

const WITH_ITEM_TIMEOUT = { ...SEND_ITEM_TEXT, options: { timeout: '={{ $json.timeout }}' } };
/** Headers at once, then a byte every 100 ms, never ending: n8n's own timeout (the wait for headers, then for each byte) never runs out. */
const TRICKLE = { kind: 'trickle', intervalMs: 100, endless: true } as const;

describe('each request keeps its own deadline', () => {
	const emulator = withEmulator();

	it('an item with a Timeout of 400 ms after one of 60 s: it fails after its own 400 ms', async () => {
		emulator.failNext(TRICKLE, { skip: 1 });
		const result = await runBroadcast(emulator, {
			parameters: WITH_ITEM_TIMEOUT,
			items: [{ json: { text: 'first', timeout: 60_000 } }, { json: { text: 'second', timeout: 400 } }],
		});
		const error = result.error as NodeApiError;
		expect(error.message).toContain('within 400 ms');
		expect(error.description).toContain('Already delivered in this run: item 0');
		expect(sentTexts(emulator)).toEqual(['first', 'second']);
	}, 20_000);

	it('an item with a Timeout of 30 s after one of 300 ms: the first one\'s deadline does not end it', async () => {
		emulator.failNext({ kind: 'delay', ms: 1200 }, { skip: 1 });
		const result = await runBroadcast(emulator, {
			parameters: WITH_ITEM_TIMEOUT,
			items: [{ json: { text: 'first', timeout: 300 } }, { json: { text: 'second', timeout: 30_000 } }],
		});
		expect(outputJson(result).map((json) => json.code)).toEqual([200, 200]);
	}, 20_000);
});

describe('deadlines of two executions at once', () => {
	const servers = withEmulatorPair();

	it('a Timeout of 400 ms next to one of 30 s in another execution ends first', async () => {
		servers.primary.failNext({ kind: 'delay', ms: 2000 });
		servers.backup.failNext(TRICKLE);
		const finished: string[] = [];
		const long = runBroadcast(servers.primary, { parameters: WITH_ITEM_TIMEOUT, items: [{ json: { text: 'long', timeout: 30_000 } }] }).then((run) => {
			finished.push('long');
			return run;
		});
		await servers.primary.waitForRequest();
		const short = runBroadcast(servers.backup, { parameters: WITH_ITEM_TIMEOUT, items: [{ json: { text: 'short', timeout: 400 } }] }).then((run) => {
			finished.push('short');
			return run;
		});
		const [longRun, shortRun] = await Promise.all([long, short]);
		expect(finished).toEqual(['short', 'long']);
		expect(shortRun.error?.message).toContain('within 400 ms');
		expect(outputJson(longRun)[0].code).toBe(200);
	}, 20_000);
});
