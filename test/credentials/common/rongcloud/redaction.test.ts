/**
 * Echoes a gateway or a debugging proxy makes of the request's Signature, Nonce or App Secret that
 * whole-value patterns with at most three separators let through: long separators, double
 * percent-encoding, JSON \u escapes, HTML entities, fullwidth forms, and base64 split or spaced
 * widely. Through the node's real execute() against the emulator (an error's quote, an HTML page,
 * a messageUID), and on a 64 KB hostile text handed to the redactor directly (the node quotes only
 * its first few hundred characters).
 */
import { NodeApiError, type IDataObject } from 'n8n-workflow';

import { redactorFor } from '../../../../credentials/common/rongcloud/redaction';
import { MAX_ANSWER_BYTES } from '../../../../nodes/RongCloudBroadcast/shared/limits';
import { DEFAULT_APP_SECRET, type RecordedRequest } from '../../../support/emulator';
import type { RunNodeResult } from '../../../support/runNode';
import { runBroadcast } from '../../../support/runBroadcast';
import { withEmulator } from '../../../support/withEmulator';

const TEXT_SEND = { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'hello', options: {} };

type Value = 'signature' | 'nonce' | 'appSecret';
const VALUES: Value[] = ['signature', 'nonce', 'appSecret'];

const valueOf = (request: RecordedRequest, value: Value): string => (value === 'appSecret' ? DEFAULT_APP_SECRET : request.headers[value]);
const hexOf = (value: string) => /^(?:[0-9a-f]{2})+$/.test(value);
const bytesOf = (value: string) => (hexOf(value) ? Buffer.from(value, 'hex') : Buffer.from(value));
const inGroups = (value: string, size: number) => value.match(new RegExp(`.{1,${size}}`, 'g')) ?? [];
const code = (character: string, digits: number, radix = 16) => character.charCodeAt(0).toString(radix).toUpperCase().padStart(digits, '0');
const base64url = (bytes: Buffer) => bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const halves = (text: string, between: string) => `${text.slice(0, text.length >> 1)}${between}${text.slice(text.length >> 1)}`;

/** Each character of the value written another way, or with a separator longer than three characters between. */
const CHARACTER_FORMS: Record<string, (value: string) => string> = {
	'four spaces between characters': (value) => Array.from(value).join('    '),
	'"----" between characters': (value) => Array.from(value).join('----'),
	'four line breaks between characters': (value) => Array.from(value).join('\n\n\n\n'),
	'percent-encoded twice': (value) => Array.from(value, (c) => `%25${code(c, 2)}`).join(''),
	'JSON \\u escapes': (value) => Array.from(value, (c) => `\\u${code(c, 4).toLowerCase()}`).join(''),
	'HTML hexadecimal entities': (value) => Array.from(value, (c) => `&#x${code(c, 2)};`).join(''),
	'HTML decimal entities': (value) => Array.from(value, (c) => `&#${code(c, 1, 10)};`).join(''),
	'HTML entities escaped twice (&amp;#...;)': (value) => Array.from(value, (c) => `&amp;#${code(c, 1, 10)};`).join(''),
	'groups of 4 between &nbsp;': (value) => inGroups(value, 4).join('&nbsp;'),
	'fullwidth forms': (value) => Array.from(value, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join(''),
	'fullwidth upper case in groups of 5 between ideographic spaces': (value) =>
		inGroups(Array.from(value.toUpperCase(), (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join(''), 5).join('\u3000'),
};

/** Base64 of the value's text or of the bytes its hex stands for, cut by more than three characters. */
const BASE64_FORMS: Record<string, (value: string) => string> = {
	'base64 of the text, split in two by a blank line': (value) => halves(Buffer.from(value).toString('base64'), '\r\n\r\n'),
	'base64url of the raw bytes, split in two by a folded header line': (value) => halves(base64url(bytesOf(value)), '\n        '),
	'base64 of the raw bytes in groups of 4, four spaces between': (value) => inGroups(bytesOf(value).toString('base64'), 4).join('    '),
	'base64 of the text after one byte, in lines of 8, four line breaks between': (value) =>
		inGroups(Buffer.from(`x${value}`).toString('base64'), 8).join('\n\n\n\n'),
};

/**
 * What a reader recovers from text: every layer of these encodings undone, fullwidth folded to
 * ASCII, then only its letters and digits, in lower case (so a leak split by anything still shows).
 */
function recoverable(text: string): string {
	let decoded = text;
	for (let previous = ''; previous !== decoded; ) {
		previous = decoded;
		decoded = decoded
			.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
			.replace(/\\u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
			.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
			.replace(/&#([0-9]+);/g, (_, decimal: string) => String.fromCharCode(Number(decimal)))
			.replace(/&amp;/g, '&')
			.replace(/&nbsp;/g, ' ');
	}
	return decoded
		.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.toLowerCase()
		.replace(/[^0-9a-z]/g, '');
}

let lastRecovered = { text: '', recovered: '' };

/** No run of `size` characters of what leaked (all of it when shorter: a Nonce's 8 bytes are 10 or 11 of base64) can be recovered from the text. */
function expectNothingOf(text: string, leaked: string, size: number): void {
	if (lastRecovered.text !== text) lastRecovered = { text, recovered: recoverable(text) };
	const haystack = lastRecovered.recovered;
	const needle = recoverable(leaked);
	const window = Math.min(size, needle.length);
	expect(window).toBeGreaterThanOrEqual(6);
	const found = Array.from({ length: needle.length - window + 1 }, (_, at) => needle.slice(at, at + window)).filter((piece) => haystack.includes(piece));
	expect({ leaked, found }).toEqual({ leaked, found: [] });
}

/** The value itself for a form of its characters (8 of a hex value's, 10 of the App Secret's), the base64 text for a base64 form. */
function expectNoTrace(text: string, value: string, form: string, echoed: string): void {
	if (form in BASE64_FORMS) expectNothingOf(text, echoed, 10);
	else expectNothingOf(text, value, hexOf(value) ? 8 : 10);
}

function everything(result: RunNodeResult): string {
	const error = result.error as NodeApiError | undefined;
	return [error?.message, error?.description, JSON.stringify(error?.context ?? {}), JSON.stringify(result.output ?? [])].join('\n');
}

const FORMS = { ...CHARACTER_FORMS, ...BASE64_FORMS };
const cases = VALUES.flatMap((value) => Object.keys(FORMS).map((form): [Value, string] => [value, form]));

describe('echoes the first redaction let through, by value', () => {
	const emulator = withEmulator();

	/** The server answers with the request's value in the given form; returns what it was and what was sent. */
	const echo = (value: Value, form: string, answer: (echoed: string) => { status: number; headers: Record<string, string>; body: string }) => {
		const seen = { value: '', echoed: '' };
		emulator.failNext({
			kind: 'custom',
			answer: (request) => {
				seen.value = valueOf(request, value);
				seen.echoed = FORMS[form](seen.value);
				return answer(seen.echoed);
			},
		});
		return seen;
	};
	const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

	it.each(cases)('%s as %s in RongCloud\'s errorMessage: not in the error', async (value, form) => {
		const seen = echo(value, form, (echoed) => ({ status: 400, headers: JSON_TYPE, body: JSON.stringify({ code: 1002, errorMessage: `bad request, got ${echoed} here` }) }));
		const result = await runBroadcast(emulator, { parameters: TEXT_SEND });
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error?.message).toContain('RongCloud said: "bad request, got ');
		expectNoTrace(everything(result), seen.value, form, seen.echoed);
	});

	it.each(cases)('%s as %s in an HTML page: not in the error', async (value, form) => {
		const seen = echo(value, form, (echoed) => ({ status: 502, headers: { 'content-type': 'text/html' }, body: `<html><body><p>Headers:</p><pre>${echoed}</pre></body></html>` }));
		const result = await runBroadcast(emulator, { parameters: TEXT_SEND });
		expect(result.error?.message).toContain('HTML page');
		expectNoTrace(everything(result), seen.value, form, seen.echoed);
	});

	it.each(cases)('%s as %s in the messageUID: not output', async (value, form) => {
		const seen = echo(value, form, (echoed) => ({ status: 200, headers: JSON_TYPE, body: JSON.stringify({ code: 200, messageUID: echoed }) }));
		const result = await runBroadcast(emulator, { parameters: TEXT_SEND });
		expect(result.error).toBeUndefined();
		expectNoTrace(everything(result), seen.value, form, seen.echoed);
		expect(String((result.output?.[0][0].json as IDataObject).warning)).toContain('without a usable messageUID');
	});

	it('a page of about 60 KB that opens with echoes and goes on with near misses: the quote has none of them', async () => {
		const seen = { signature: '', nonce: '', bytes: 0 };
		emulator.failNext({
			kind: 'custom',
			answer: (request) => {
				seen.signature = request.headers.signature;
				seen.nonce = request.headers.nonce;
				const page = hostilePage(seen.signature, seen.nonce, DEFAULT_APP_SECRET, 52 * 1024);
				seen.bytes = Buffer.byteLength(page.text);
				return { status: 502, headers: { 'content-type': 'text/html' }, body: page.text };
			},
		});
		const result = await runBroadcast(emulator, { parameters: TEXT_SEND });
		expect(seen.bytes).toBeGreaterThan(56 * 1024);
		expect(seen.bytes).toBeLessThanOrEqual(MAX_ANSWER_BYTES);
		expect((result.error as NodeApiError).description).toContain('The server said: "');
		for (const value of [seen.signature, seen.nonce]) expectNothingOf(everything(result), value, 8);
		expectNothingOf(everything(result), DEFAULT_APP_SECRET, 10);
	});
});

/**
 * Text a hostile server could send: the values echoed in every form above, between stretches of
 * near misses (7 characters of a hex value, then a letter that is not hex; escapes and entities
 * left unfinished; runs of "%25"), until it is `size` characters long. `kept` are the stretches
 * that carry nothing of the values and must come out unchanged.
 */
function hostilePage(signature: string, nonce: string, appSecret: string, size: number): { text: string; echoed: Array<{ value: string; form: string; echoed: string }>; kept: string[] } {
	const echoed = [signature, nonce, appSecret].flatMap((value) => Object.entries(FORMS).map(([form, write]) => ({ value, form, echoed: write(value) })));
	const nearMisses = [
		...inGroups(signature, 7).map((piece, at) => `${piece}g ${nonce.slice(at % 9, (at % 9) + 7)} z`),
		'%25%25%25%25%25%25%25%25%2', '%%%%%%%%%%%%%%%%', '&#x;&#;&#xZZ;&amp&ampamp;&#99999999999;', '\\u00\\u0\\u\\\\\\\\\\',
		'ｇｈｉｊｋｌ　ｍｎｏｐ', '漢字のテキスト、日本語の文章。', `${Buffer.from(signature, 'hex').toString('base64').slice(0, 5)} ${Buffer.from(nonce).toString('base64').slice(0, 5)}`,
	];
	const kept: string[] = [];
	const parts: string[] = [];
	let length = 0;
	for (let at = 0; length < size; at++) {
		// The echoes first (the node quotes the start of a page), then one every 24 stretches.
		const echo = at < echoed.length ? echoed[at] : at % 24 === 0 ? echoed[at % echoed.length] : undefined;
		const stretch = `<p>${nearMisses[at % nearMisses.length]} #${at}</p>\n`;
		kept.push(stretch);
		parts.push(echo ? `<pre>${echo.echoed}</pre>\n${stretch}` : stretch);
		length += parts[parts.length - 1].length;
	}
	return { text: parts.join('').slice(0, size), echoed, kept: kept.slice(0, -1) };
}

describe('the redactor on a 64 KB hostile text', () => {
	it('removes every echo and keeps every stretch that carries none', () => {
		const signature = 'c0ffee254729296a45a3885639ac7d9e67b1a8f0';
		const nonce = '8d2b0c7e91a4f356';
		const page = hostilePage(signature, nonce, 'test-app-secret', 64 * 1024);
		expect(page.text.length).toBe(64 * 1024);
		const redact = redactorFor([signature, nonce, 'test-app-secret']);
		const safe = redact.text(page.text);
		for (const { value, form, echoed } of page.echoed) expectNoTrace(safe, value, form, echoed);
		for (const stretch of page.kept) expect(safe).toContain(stretch);
		expect(redact.reveals(page.text)).toBe(true);
		expect(redact.reveals(page.kept.join(''))).toBe(false);
	});
});
