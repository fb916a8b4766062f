/**
 * The run as a whole: a broadcast reaches every user, so n8n's Retry On Fail must never send an
 * item twice, and a run that stops half-way must say what it already delivered.
 *
 * Retry On Fail runs exactly as n8n's engine runs it (runNode's `retryOnFail`): a fresh context
 * per try on the same execution data, a retry after a throw and after a first output item that
 * carries an error.
 */
import { NodeApiError, NodeOperationError, type IDataObject } from 'n8n-workflow';

import { operations } from '../../../nodes/RongCloudBroadcast/resources/message';
import { MAY_HAVE_BEEN_DELIVERED, NOT_DELIVERED } from '../../../nodes/RongCloudBroadcast/transport/apiErrors';
import type { Fault } from '../../support/emulator';
import { VALID_PUSH } from '../../support/ruleViolations';
import type { RunNodeResult } from '../../support/runNode';
import { outputJson, runBroadcast } from '../../support/runBroadcast';
import { readSource } from '../../support/source';
import { SEND_ITEM_TEXT, sentTexts, textItems } from '../../support/textItems';
import { withEmulator } from '../../support/withEmulator';

const ROUTER_SOURCE = readSource('nodes/RongCloudBroadcast/router.ts');

const SEND = SEND_ITEM_TEXT;
const items = textItems;

describe('the run as a whole', () => {
	const emulator = withEmulator();

	const run = async (
		texts: string[],
		options: { timeout?: number; continueOnFail?: boolean; retry?: boolean; parameters?: IDataObject } = {},
	): Promise<RunNodeResult> =>
		await runBroadcast(emulator, {
			parameters: { ...SEND, options: { timeout: options.timeout ?? 3000 }, ...options.parameters },
			items: items(...texts),
			continueOnFail: options.continueOnFail,
			retryOnFail: options.retry === false ? undefined : { maxTries: 3 },
		});

	describe('Retry On Fail never sends an item twice', () => {
		const mayHaveBeenDelivered: Array<[string, Fault]> = [
			['hangs (timeout)', { kind: 'hang', afterProcessing: true }],
			['resets after processing', { kind: 'reset', afterProcessing: true }],
			['answers 500 / 1000', { kind: 'code', code: 1000, httpStatus: 500 }],
			['answers an HTML 502', { kind: 'html', httpStatus: 502 }],
			['answers 504 / 1050', { kind: 'code', code: 1050, httpStatus: 504 }],
			['redirects (307)', { kind: 'redirect', httpStatus: 307, location: 'http://127.0.0.1:1/message/broadcast.json' }],
			['trickles its answer past the deadline', { kind: 'trickle', intervalMs: 200 }],
		];

		it.each(mayHaveBeenDelivered)('the server %s: one request in all, and the last error says why no retry was sent', async (_name, fault) => {
			emulator.failNext(fault, { times: 5 });
			const result = await run(['hello'], { timeout: 600 });
			expect(result.attempts).toBe(3);
			expect(emulator.requests).toHaveLength(1);
			expect(result.error).toBeInstanceOf(NodeOperationError);
			const error = result.error as NodeOperationError;
			expect(error.message).toBe('Not re-sent: the earlier attempt of item 0 may have been delivered, so this retry did not send it again.');
			expect(error.description).toContain("n8n's Retry On Fail ran the node again after");
			expect(error.description).toContain(emulator.requests[0].headers['x-request-id']);
			expect(error.context).toMatchObject({ mayHaveBeenDelivered: true, notResent: true });
		});

		it('the same under Continue On Fail, whose error item also makes n8n retry: one request, the item says it was not re-sent', async () => {
			emulator.failNext({ kind: 'hang', afterProcessing: true });
			const result = await run(['hello'], { timeout: 500, continueOnFail: true });
			expect(result.attempts).toBe(3);
			expect(emulator.requests).toHaveLength(1);
			const [json] = outputJson(result);
			expect(json).toMatchObject({ mayHaveBeenDelivered: true, notResent: true, requestId: emulator.requests[0].headers['x-request-id'] });
			expect(String(json.error)).toContain('Not re-sent');
		});

		it('items already delivered are not sent again: their earlier output comes back, only the failed item is in question', async () => {
			emulator.failNext({ kind: 'hang', afterProcessing: true }, { skip: 1 });
			const result = await run(['first', 'second'], { timeout: 500 });
			expect(result.attempts).toBe(3);
			expect(sentTexts(emulator)).toEqual(['first', 'second']);
			const error = result.error as NodeOperationError;
			expect(error.message).toContain('Not re-sent: the earlier attempt of item 1');
			expect(error.message).toContain('Already delivered in this run: item 0.');
			const messageUID = (emulator.requests[0].response?.body as IDataObject).messageUID as string;
			expect(error.description).toContain(`item 0 (messageUID ${messageUID})`);
		});

		it('an item that provably did not leave is tried again: 1009 first, then delivered once', async () => {
			emulator.failNextWithCode(1009);
			const result = await run(['hello']);
			expect(result.attempts).toBe(2);
			expect(emulator.requests.map((r) => r.response?.status)).toEqual([430, 200]);
			const [json] = outputJson(result);
			expect(json).toMatchObject({ code: 200, messageUID: (emulator.requests[1].response?.body as IDataObject).messageUID });
		});

		it('a delivered item next to a refused one: the retry sends only the refused one', async () => {
			// item 0 delivered; item 1 gets 1009 (provably not delivered) on the first try only.
			emulator.failNextWithCode(1009, { skip: 1 });
			const result = await run(['first', 'second']);
			expect(result.attempts).toBe(2);
			expect(sentTexts(emulator)).toEqual(['first', 'second', 'second']);
			expect(outputJson(result).map((json) => json.messageUID)).toEqual([
				(emulator.requests[0].response?.body as IDataObject).messageUID,
				(emulator.requests[2].response?.body as IDataObject).messageUID,
			]);
		});

		it('a later try that fails before sending (the credential can no longer be read) still lists what the first try delivered', async () => {
			emulator.failNextWithCode(1009, { skip: 1 });
			const result = await runBroadcast(emulator, {
				parameters: { ...SEND, options: { timeout: 3000 } },
				items: items('first', 'second'),
				retryOnFail: { maxTries: 2 },
				credentialsUnreadableFromAttempt: 2,
			});
			expect(result.attempts).toBe(2);
			expect(sentTexts(emulator)).toEqual(['first', 'second']);
			const error = result.error as NodeOperationError & { description?: string };
			const messageUID = (emulator.requests[0].response?.body as IDataObject).messageUID as string;
			expect(error.message).toContain('Already delivered in this run: item 0.');
			expect(error.description).toContain(`item 0 (messageUID ${messageUID})`);
			expect(error.description ?? '').not.toContain('Nothing was sent.');
		});

		it('validation errors are checked again on each try and nothing is ever sent', async () => {
			const result = await run(['hello'], { parameters: { fromUserId: '' } });
			expect(result.attempts).toBe(3);
			expect(emulator.requests).toHaveLength(0);
			expect(result.error?.message).toContain('(fromUserId)');
		});

		it('push and recall are guarded the same way', async () => {
			emulator.failNext({ kind: 'hang', afterProcessing: true });
			const push = await runBroadcast(emulator, { parameters: { ...VALID_PUSH, options: { timeout: 400 } }, retryOnFail: { maxTries: 3 } });
			expect(push.error?.message).toContain('Not re-sent');
			const sent = await runBroadcast(emulator, { parameters: { ...SEND, text: 'to recall', options: {} } });
			expect(sent.error).toBeUndefined();
			emulator.failNext({ kind: 'reset', afterProcessing: true });
			const recall = await runBroadcast(emulator, {
				parameters: { operation: 'recall', options: {} },
				items: sent.output?.[0],
				retryOnFail: { maxTries: 3 },
			});
			expect(recall.error?.message).toContain('Not re-sent');
			expect(emulator.requests.map((r) => r.path)).toEqual(['/push.json', '/message/broadcast.json', '/message/broadcast/recall.json']);
		});

		it('a fresh run of the same workflow is a new run: it sends again (only retries are guarded)', async () => {
			await run(['hello'], { retry: false });
			await run(['hello'], { retry: false });
			expect(emulator.requests).toHaveLength(2);
		});
	});

	it('knows no operation by name: what an operation does with its answer, its words and its quota are its own', () => {
		const router = ROUTER_SOURCE;
		for (const value of Object.keys(operations)) expect(router).not.toMatch(new RegExp(`['"\`]${value}['"\`]`));
	});

	it.each(['toString', '__proto__', 'constructor', 'nope'])('an operation named %s is refused in words, nothing sent', async (operation) => {
		const result = await runBroadcast(emulator, { parameters: { ...SEND, operation } });
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe(`The operation "${operation}" is not supported`);
		expect(emulator.requests).toHaveLength(0);
	});

	describe('a run that stops half-way says what it delivered', () => {
		it('items 0 and 1 delivered, item 2 refused (1008 after the hourly quota): the error lists both messageUIDs and says not to re-run', async () => {
			const result = await run(['one', 'two', 'three', 'four'], { retry: false });
			expect(emulator.requests).toHaveLength(3);
			const error = result.error as NodeApiError;
			expect(error).toBeInstanceOf(NodeApiError);
			expect(error.message).toContain('RongCloud error 1008');
			expect(error.message).toContain('Already delivered in this run: items 0, 1.');
			const [uid0, uid1] = emulator.requests.slice(0, 2).map((r) => (r.response?.body as IDataObject).messageUID as string);
			expect(error.description).toContain(`item 0 (messageUID ${uid0}), item 1 (messageUID ${uid1})`);
			expect(error.description).toContain('Not attempted: item 3.');
			expect(error.description).toContain('Do not re-run the whole workflow');
			expect(error.description).toContain('Item 2 was not delivered.');
			expect(error.description).not.toContain(NOT_DELIVERED);
			expect(error.context.deliveredItems).toEqual([
				{ item: 0, delivered: `messageUID ${uid0}` },
				{ item: 1, delivered: `messageUID ${uid1}` },
			]);
			expect(error.context.notAttemptedItems).toEqual([3]);
		});

		it('when the failed item may itself have been delivered, the error says that too', async () => {
			emulator.failNext({ kind: 'reset', afterProcessing: true }, { skip: 1 });
			const error = (await run(['one', 'two'], { retry: false })).error as NodeApiError;
			expect(error.description).toContain(MAY_HAVE_BEEN_DELIVERED);
			expect(error.description).toContain('Already delivered in this run: item 0 (messageUID');
		});

		it('"Nothing was delivered" only when it is true: the first item refused', async () => {
			emulator.failNextWithCode(1009);
			const error = (await run(['one', 'two'], { retry: false })).error as NodeApiError;
			expect(error.description).toContain(NOT_DELIVERED);
			expect(error.description).toContain('Not attempted: item 1.');
			expect(error.message).not.toContain('Already delivered');
		});
	});
});
