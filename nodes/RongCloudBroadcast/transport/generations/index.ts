import type { RequestBody } from '../../shared/operation';
import type { ApiVersion, Generation } from './types';
import { v1 } from './v1';
import { v4 } from './v4';

export type { ApiVersion, AnswerIdentifiers, Generation, RecipientMessageUID, WireCall } from './types';

/** The API generations, by the credential's API Version; a saved credential without the setting speaks v1. */
export const GENERATIONS: Record<ApiVersion, Generation> = { v1, v4 };

export const DEFAULT_API_VERSION: ApiVersion = 'v1';

/** The generation a credential speaks; throws a plain Error, said as a sentence, for a value it does not know. */
export function generationOf(credentials: { apiVersion?: unknown }): Generation {
	const version = credentials.apiVersion ?? DEFAULT_API_VERSION;
	if (typeof version === 'string' && Object.hasOwn(GENERATIONS, version)) return GENERATIONS[version as ApiVersion];
	throw new Error(`Unknown API Version "${String(version).slice(0, 40)}" in the RongCloud credential: choose RongCloud v1 or Nexconn v4.`);
}

/** A body's bytes on the wire: form-encoded (a list field once per value) or JSON. */
export function encodeBody(body: RequestBody): { contentType: string; payload: string } {
	if (body.type === 'form') {
		// Joined, the text is one flat string: URLSearchParams writes it a character at a time, a string
		// of that many pieces that, kept in a dry-run item, held 9 times its length (npm run bench,
		// memory), and copying it flat through a Buffer cost about 4 µs a send.
		const pairs: string[] = [];
		for (const [key, value] of Object.entries(body.fields)) {
			const name = formComponent(key);
			for (const one of Array.isArray(value) ? value : [value]) pairs.push(`${name}=${formComponent(one)}`);
		}
		return { contentType: 'application/x-www-form-urlencoded', payload: pairs.join('&') };
	}
	return { contentType: 'application/json', payload: JSON.stringify(body.value) };
}

/** What encodeURIComponent leaves as it is and a form encodes (URLSearchParams' rule), and its space. */
const FORM_DIFFERENCES = /[!'()~]|%20/g;
const FORM_SPELLING: Record<string, string> = { '!': '%21', "'": '%27', '(': '%28', ')': '%29', '~': '%7E', '%20': '+' };

/**
 * Longer text goes through URLSearchParams: for a 128 KB content, encodeURIComponent's copy and
 * the replaced one are large strings of their own, and a dry run over 1,000 such items peaked 70 MB
 * higher (npm run bench, memory). The joined form is flat either way.
 */
const NATIVE_UP_TO = 16 * 1024;

/**
 * One name or value exactly as URLSearchParams writes it: encodeURIComponent, native and flat,
 * with the five characters it keeps percent-encoded and a space as "+". A "%20" in its output is
 * always a space: a "%" in the text becomes "%25". Text with a lone surrogate, which
 * encodeURIComponent refuses, goes through URLSearchParams itself (it writes U+FFFD).
 */
function formComponent(text: string): string {
	if (text.length > NATIVE_UP_TO) return new URLSearchParams([['', text]]).toString().slice(1);
	try {
		return encodeURIComponent(text).replace(FORM_DIFFERENCES, (found) => FORM_SPELLING[found]);
	} catch {
		return new URLSearchParams([['', text]]).toString().slice(1);
	}
}
