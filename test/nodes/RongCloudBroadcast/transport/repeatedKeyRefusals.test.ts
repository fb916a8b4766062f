/**
 * With an Idempotency Key (msgRandom), only RongCloud's answer to a repeated key means "an
 * earlier request with this key was delivered". Other refusals that speak of something repeated
 * or duplicated (a toUserId given twice, a pushExt parameter given twice, content RongCloud will
 * not send twice) are refusals like any other: an error, never a success item with
 * `alreadyDelivered: true`, which would hide a message that reached nobody behind a green run.
 */
import { NodeApiError } from 'n8n-workflow';

import { outputJson, runBroadcast } from '../../../support/runBroadcast';
import { withEmulator } from '../../../support/withEmulator';

const SEND_WITH_KEY = { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'Sale starts', options: { msgRandom: 20240601001 } };

describe('with an Idempotency Key, a refusal that is not the repeated-key answer', () => {
	const emulator = withEmulator();

	// RongCloud answers in English or in Chinese (重复: repeated; 参数: parameter; 不允许: not allowed).
	it.each([
		['toUserId repeated', 1002, 400],
		['toUserId \u91cd\u590d', 1002, 400],
		['pushExt parameter repeated', 1002, 400],
		['pushExt \u53c2\u6570\u91cd\u590d', 1002, 400],
		['duplicate message content is not allowed', 20604, 200],
		['\u4e0d\u5141\u8bb8\u53d1\u9001\u91cd\u590d\u7684\u6d88\u606f\u5185\u5bb9', 20604, 200],
	])('"%s" (code %i, HTTP %i) is an error, not "already delivered"', async (errorMessage, code, httpStatus) => {
		emulator.failNext({ kind: 'code', code, httpStatus, errorMessage });
		const result = await runBroadcast(emulator, { parameters: SEND_WITH_KEY });
		expect(emulator.requests).toHaveLength(1);
		const json = result.error ? undefined : outputJson(result)[0];
		expect(json?.alreadyDelivered).not.toBe(true);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toContain(String(code));
	});
});
