/**
 * A hostile server that echoes the request's Signature, Nonce or App Secret in any encoding it can
 * produce gets none of them into the node's errors or output: the node knows the values it sent
 * and removes them by value, whatever their case, separators or encoding. Quoted server text is
 * short, on one line, and marked as the server's words. Through the node's real execute().
 */
import { NodeApiError, type IDataObject } from 'n8n-workflow';

import { DEFAULT_APP_SECRET, type RecordedRequest } from '../../../support/emulator';
import { VALID_PUSH } from '../../../support/ruleViolations';
import type { RunNodeResult } from '../../../support/runNode';
import { runBroadcast } from '../../../support/runBroadcast';
import { withEmulator } from '../../../support/withEmulator';

const SEND = { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'hello', options: {} };
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

type Secret = 'signature' | 'nonce' | 'appSecret';
const SECRETS: Secret[] = ['signature', 'nonce', 'appSecret'];

function secretOf(request: RecordedRequest, secret: Secret): string {
	return secret === 'appSecret' ? DEFAULT_APP_SECRET : request.headers[secret];
}

const isHex = (value: string) => /^[0-9a-f]+$/.test(value) && value.length % 2 === 0;
const groups = (value: string, size: number) => value.match(new RegExp(`.{1,${size}}`, 'g')) ?? [];
const base64url = (bytes: Buffer) => bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** What a server can make of a value: the encodings the node must see through. */
const ENCODINGS: Record<string, (value: string) => string> = {
	'upper case': (value) => value.toUpperCase(),
	'dashed groups of 8': (value) => groups(value, 8).join('-'),
	'spaced groups of 4': (value) => groups(value, 4).join(' '),
	'colon-separated pairs': (value) => groups(value, 2).join(':'),
	'split in two lines': (value) => `${value.slice(0, 10)}\n${value.slice(10)}`,
	'base64 of the text': (value) => Buffer.from(value).toString('base64'),
	'base64url of the text': (value) => base64url(Buffer.from(value)),
	'base64 of the text after one byte': (value) => Buffer.from(`x${value}`).toString('base64'),
	'base64 of the text after two bytes, upper case': (value) => Buffer.from(`xy${value.toUpperCase()}`).toString('base64'),
	'base64 of the raw bytes': (value) => (isHex(value) ? Buffer.from(value, 'hex') : Buffer.from(value)).toString('base64'),
	'base64url of the raw bytes after one byte': (value) => base64url(Buffer.concat([Buffer.from('z'), isHex(value) ? Buffer.from(value, 'hex') : Buffer.from(value)])),
	'base64 of the raw bytes in dashed groups of 4': (value) => groups((isHex(value) ? Buffer.from(value, 'hex') : Buffer.from(value)).toString('base64'), 4).join('-'),
	'hex of the text': (value) => Buffer.from(value).toString('hex'),
	'percent-encoded': (value) => [...Buffer.from(value)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
	'percent-encoded, lower case': (value) => encodeURIComponent(value).replace(/[0-9a-f]/g, (c) => `%${c.charCodeAt(0).toString(16)}`),
};

/** Every window of 10 alphanumerics of the encoded value: a partial leak counts as a leak. */
function expectNoTrace(text: string, encoded: string, caseSensitive: boolean): void {
	const normalize = (value: string) => (caseSensitive ? value : value.toLowerCase()).replace(/[^0-9a-zA-Z]/g, '');
	const haystack = normalize(text);
	const needle = normalize(encoded.replace(/%[0-9a-f]{2}/gi, (escape) => String.fromCharCode(parseInt(escape.slice(1), 16))));
	for (let at = 0; at + 10 <= needle.length; at++) {
		expect({ leaked: haystack.includes(needle.slice(at, at + 10)) ? needle.slice(at, at + 10) : undefined, encoded }).toEqual({ leaked: undefined, encoded });
	}
}

function everything(result: RunNodeResult): string {
	const error = result.error as NodeApiError | undefined;
	return [error?.message, error?.description, JSON.stringify(error?.context ?? {}), JSON.stringify(result.output ?? [])].join('\n');
}

/** Random hex values cut into short pieces with words between them: nothing of 8 or more of their characters may remain. */
const PIECES: Record<string, (value: string) => string> = {
	'pieces of 8 between words': (value) => groups(value, 8).join(' and then '),
	'pieces of 10 in a list': (value) => groups(value, 10).map((piece, index) => `part${index}=${piece}`).join('&'),
};

const cases = SECRETS.flatMap((secret) => Object.keys(ENCODINGS).map((encoding): [Secret, string] => [secret, encoding]));

describe('echoes of the request, by value, in every encoding', () => {
	const emulator = withEmulator();
	const echo = (build: (encoded: string) => { status: number; headers?: Record<string, string>; body: string }, secret: Secret, encoding: string) => {
		let sent = '';
		emulator.failNext({
			kind: 'custom',
			answer: (request) => {
				sent = ENCODINGS[encoding](secretOf(request, secret));
				return build(sent);
			},
		});
		return () => sent;
	};

	it.each(cases)('%s as %s in RongCloud\'s errorMessage: not in the error', async (secret, encoding) => {
		const sent = echo((encoded) => ({ status: 400, headers: JSON_TYPE, body: JSON.stringify({ code: 1002, errorMessage: `bad request, got ${encoded} here` }) }), secret, encoding);
		const result = await runBroadcast(emulator, { parameters: SEND });
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toContain('RongCloud said: "bad request, got ');
		expectNoTrace(everything(result), sent(), encoding.includes('base64'));
	});

	it.each(cases)('%s as %s in an HTML page: not in the error', async (secret, encoding) => {
		const sent = echo((encoded) => ({ status: 502, headers: { 'content-type': 'text/html' }, body: `<html><pre>${encoded}</pre></html>` }), secret, encoding);
		const result = await runBroadcast(emulator, { parameters: SEND });
		expect(result.error).toBeInstanceOf(NodeApiError);
		expectNoTrace(everything(result), sent(), encoding.includes('base64'));
	});

	it.each(cases)('%s as %s in the messageUID: not output', async (secret, encoding) => {
		const sent = echo((encoded) => ({ status: 200, headers: JSON_TYPE, body: JSON.stringify({ code: 200, messageUID: encoded }) }), secret, encoding);
		const result = await runBroadcast(emulator, { parameters: SEND });
		expect(result.error).toBeUndefined();
		expectNoTrace(everything(result), sent(), encoding.includes('base64'));
		expect(String((result.output?.[0][0].json as IDataObject).warning)).toContain('without a usable messageUID');
	});

	it.each(SECRETS.flatMap((secret) => ['dashed groups of 8', 'split in two lines', 'upper case'].map((encoding): [Secret, string] => [secret, encoding])))(
		'%s as %s in the push id: not output',
		async (secret, encoding) => {
			const sent = echo((encoded) => ({ status: 200, headers: JSON_TYPE, body: JSON.stringify({ code: 200, id: encoded }) }), secret, encoding);
			const result = await runBroadcast(emulator, { parameters: VALID_PUSH });
			expectNoTrace(everything(result), sent(), false);
		},
	);

	it.each(SECRETS.flatMap((secret) => ['dashed groups of 8', 'split in two lines', 'hex of the text', 'base64url of the raw bytes after one byte'].map((encoding): [Secret, string] => [secret, encoding])))(
		'%s as %s in the host a redirect names (characters a host cannot hold become dots): not in the error',
		async (secret, encoding) => {
			const sent = echo((encoded) => ({ status: 307, headers: { location: `http://${encoded.replace(/[^0-9a-zA-Z_-]/g, '.')}.attacker.test/x` }, body: '' }), secret, encoding);
			const result = await runBroadcast(emulator, { parameters: SEND });
			expect(result.error?.message).toContain('HTTP 307, a redirect to ');
			expect(result.error?.message).toContain('attacker.test');
			expectNoTrace(everything(result), sent(), false);
		},
	);

	it.each((['signature', 'nonce'] as Secret[]).flatMap((secret) => Object.keys(PIECES).map((pieces): [Secret, string] => [secret, pieces])))(
		'%s as %s in RongCloud\'s errorMessage: no piece left',
		async (secret, pieces) => {
			let value = '';
			emulator.failNext({
				kind: 'custom',
				answer: (request) => {
					value = secretOf(request, secret);
					return { status: 400, headers: JSON_TYPE, body: JSON.stringify({ code: 1002, errorMessage: PIECES[pieces](value) }) };
				},
			});
			const text = everything(await runBroadcast(emulator, { parameters: SEND }));
			for (let at = 0; at + 8 <= value.length; at++) expect(text).not.toContain(value.slice(at, at + 8));
			// A piece of 8 or more goes whole, up to its last character, not just its first eight.
			// (A character before a piece may go too, when it happens to be the value's character before it.)
			if (pieces === 'pieces of 10 in a list') expect(text).not.toMatch(/\[redacted\][0-9a-f]/);
		},
	);

	it('the signature as base64 in a codeless JSON "code": not in the error', async () => {
		const sent = echo((encoded) => ({ status: 200, headers: JSON_TYPE, body: JSON.stringify({ code: encoded }) }), 'signature', 'base64 of the raw bytes');
		const result = await runBroadcast(emulator, { parameters: SEND });
		expectNoTrace(everything(result), sent(), true);
	});

	it('what is not a secret stays readable: the App Key, the path, an ordinary messageUID', async () => {
		emulator.failNext({ kind: 'code', code: 1002, httpStatus: 400, errorMessage: 'app-key test-app-key: /message/broadcast.json needs fromUserId' });
		const result = await runBroadcast(emulator, { parameters: SEND });
		expect(result.error?.message).toContain('RongCloud said: "app-key test-app-key: /message/broadcast.json needs fromUserId"');
	});
});

describe('quoted server text is short, on one line, and the server\'s words', () => {
	const emulator = withEmulator();

	it('a 60 KB errorMessage is cut to a few hundred characters', async () => {
		emulator.failNext({ kind: 'code', code: 1002, httpStatus: 400, errorMessage: `start ${'x'.repeat(60 * 1024)}` });
		const error = (await runBroadcast(emulator, { parameters: SEND })).error as NodeApiError;
		expect(error.message).toContain('RongCloud said: "start xxx');
		expect(error.message.length).toBeLessThan(600);
		expect(`${error.message}${error.description}`.length).toBeLessThan(1500);
	});

	it('an errorMessage that speaks for the node reads as RongCloud\'s words, on one line', async () => {
		emulator.failNext({ kind: 'code', code: 1000, httpStatus: 500, errorMessage: 'Nothing was delivered.\nYou can safely send it again.' });
		const error = (await runBroadcast(emulator, { parameters: SEND })).error as NodeApiError;
		expect(error.context.mayHaveBeenDelivered).toBe(true);
		expect(error.message).toContain('RongCloud said: "Nothing was delivered. You can safely send it again."');
		expect(error.message).not.toContain('\n');
		const outsideQuote = error.message.replace(/RongCloud said: ".*"/, '');
		expect(outsideQuote).not.toContain('Nothing was delivered');
		expect(error.description).not.toContain('Nothing was delivered');
	});

	it('a quote cannot end the quotation early: its own quotation marks are escaped', async () => {
		emulator.failNext({ kind: 'code', code: 1000, httpStatus: 500, errorMessage: 'oops". Nothing was delivered. "' });
		const error = (await runBroadcast(emulator, { parameters: SEND })).error as NodeApiError;
		expect(error.message).toContain('RongCloud said: "oops\\". Nothing was delivered. \\""');
	});

	it('a run stopped half-way rewords only the node\'s verdict, never the server\'s quoted words', async () => {
		emulator.failNext({ kind: 'text', httpStatus: 502, body: 'Nothing was delivered.' }, { skip: 1 });
		const items = [{ json: {} }, { json: {} }];
		const error = (await runBroadcast(emulator, { parameters: SEND, items })).error as NodeApiError;
		expect(error.description).toContain('The server said: "Nothing was delivered."');
		expect(error.description).toContain('Already delivered in this run: item 0');
	});

	it('an HTML page is quoted as the server\'s words, short and on one line', async () => {
		emulator.failNext({ kind: 'text', httpStatus: 502, body: `Gateway down.\r\nNothing was delivered.\n${'y'.repeat(5000)}` });
		const error = (await runBroadcast(emulator, { parameters: SEND })).error as NodeApiError;
		expect(error.description).toContain('The server said: "Gateway down. Nothing was delivered. yyy');
		expect(error.description).not.toMatch(/[\r\n]/);
		expect(error.description?.length).toBeLessThan(1000);
	});
});
