/**
 * Text is counted one way and leaves as shown: lengths are code points (as RongCloud counts
 * characters, so an emoji is one), a lone surrogate (half a character, which UTF-8 cannot carry and
 * the form encoding would turn into U+FFFD) is refused naming its parameter, and Dry Run shows
 * the very bytes a send puts on the wire. Through the node's real execute() against the emulator.
 */
import { NodeOperationError, type INodeParameters } from 'n8n-workflow';

import { VALID_PUSH } from '../../support/ruleViolations';
import { outputJson, runBroadcast } from '../../support/runBroadcast';
import { withEmulator } from '../../support/withEmulator';

const EMOJI = '\u{1F600}';
const LONE = '\ud83d';
const send = (patch: INodeParameters): INodeParameters => ({
	operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'hello', options: {}, ...patch,
});

describe('lengths are counted in code points, everywhere', () => {
	const emulator = withEmulator();

	it.each([
		['fromUserId', send({ fromUserId: EMOJI.repeat(64) })],
		['customObjectName', send({ objectName: 'custom', customObjectName: EMOJI.repeat(32), content: '{"a":1}' })],
		// A dry run: the emulator, like RongCloud, knows no such built-in type.
		['builtInObjectName', send({ objectName: 'otherBuiltIn', builtInObjectName: `RC:${EMOJI.repeat(29)}`, content: '{"a":1}', options: { dryRun: true } })],
		['userIds', { ...VALID_PUSH, audience: 'userid', userIds: EMOJI.repeat(64) }],
		['pushExt.title', send({ pushExt: { title: EMOJI.repeat(50) } })],
	])('%s at its limit in emoji is sent', async (_parameter, parameters) => {
		const result = await runBroadcast(emulator, { parameters });
		expect(result.error).toBeUndefined();
		const dryRun = (parameters.options as { dryRun?: boolean } | undefined)?.dryRun === true;
		expect(emulator.requests).toHaveLength(dryRun ? 0 : 1);
	});

	it.each([
		['fromUserId', send({ fromUserId: EMOJI.repeat(65) }), 65],
		['customObjectName', send({ objectName: 'custom', customObjectName: EMOJI.repeat(33), content: '{"a":1}' }), 33],
		['userIds', { ...VALID_PUSH, audience: 'userid', userIds: EMOJI.repeat(65) }, 65],
	])('%s one past its limit is refused, the count in characters', async (parameter, parameters, count) => {
		const result = await runBroadcast(emulator, { parameters });
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toContain(`(${parameter})`);
		expect(result.error?.message).toContain(`${count} characters`);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('a lone surrogate is refused, naming the parameter', () => {
	const emulator = withEmulator();

	it.each([
		['fromUserId', send({ fromUserId: `sys${LONE}tem` })],
		['text', send({ text: `hello ${LONE}` })],
		['options.pushContent', send({ options: { pushContent: `new ${LONE}` } })],
		['options.pushData', send({ options: { pushData: `{"a":"${LONE}"}` } })],
		['pushExt.title', send({ pushExt: { title: LONE } })],
		['alert', { ...VALID_PUSH, alert: `x${LONE}` }],
		['tags', { ...VALID_PUSH, audience: 'tag', tags: `vip,${LONE}` }],
	])('in %s: nothing is sent', async (parameter, parameters) => {
		for (const dryRun of [false, true]) {
			const withDryRun = { ...parameters, options: { ...(parameters.options as object), dryRun } };
			const result = await runBroadcast(emulator, { parameters: withDryRun });
			expect(result.error).toBeInstanceOf(NodeOperationError);
			expect(result.error?.message).toContain(`(${parameter})`);
			expect(result.error?.message).toContain('lone surrogate');
		}
		expect(emulator.requests).toHaveLength(0);
	});

	it('a whole emoji (a surrogate pair) is sent', async () => {
		const result = await runBroadcast(emulator, { parameters: send({ text: `hi ${EMOJI}` }) });
		expect(result.error).toBeUndefined();
		expect(JSON.parse(emulator.requests[0].form?.content ?? '{}').content).toBe(`hi ${EMOJI}`);
	});
});

describe('Dry Run shows the bytes a send puts on the wire', () => {
	const emulator = withEmulator();
	const tricky = { fromUserId: `é ${EMOJI} +&=%`, text: `line1\nline2 \u00a0 ${EMOJI} "quoted" \\ & = + %20`, options: { pushContent: '中文 + ü', pushData: '{"k":"v w"}' } };

	it.each([
		['a form body', send(tricky)],
		['a JSON body', { ...VALID_PUSH, alert: tricky.text, sendMessage: true, fromUserId: tricky.fromUserId, objectName: 'RC:TxtMsg', text: tricky.text }],
	])('%s: encodedBody is byte for byte what the server received', async (_name, parameters) => {
		const dry = outputJson(await runBroadcast(emulator, { parameters: { ...parameters, options: { ...(parameters.options as object), dryRun: true } } }))[0];
		expect(emulator.requests).toHaveLength(0);
		const sent = await runBroadcast(emulator, { parameters });
		expect(sent.error).toBeUndefined();
		expect(emulator.requests[0].rawBody).toBe(dry.encodedBody);
		expect(emulator.requests[0].form ?? emulator.requests[0].json).toEqual(dry.body);
		expect(emulator.requests[0].headers['content-type']).toBe((dry.headers as Record<string, string>)['Content-Type']);
	});
});
