/**
 * The one place where text that came from a server is made safe to show: the request's Signature
 * (usable for minutes by anyone, since it does not cover the body), its Nonce and the App Secret
 * are removed by value, in every encoding a server can make of them, and quoted text is cut short,
 * put on one line and marked as the server's words.
 *
 * In time linear in the text, and cheap when nothing matches (every successful answer's messageUID
 * is checked): the text is read once into its significant characters (percent-encoding, \u escapes
 * and HTML entities undone, nested ones too; fullwidth forms folded to ASCII; lower case; all but
 * letters and digits dropped as separators), each remembering the stretch of the text it came from.
 * Every form of a value (its hex, its base64...) is a fixed string of such characters, known before
 * the answer arrives, so each window of the significant characters is looked up by a key, and what
 * holds a value is replaced in the original text, the separators inside it included.
 */

import { Lookup, merged } from './echoes/forms';
import { isPlain, plainSignificant, significantOf, significantText } from './echoes/significant';

const MARK = '[redacted]';

/**
 * A value's shape, the second net: what could be a request's Signature (40 hex digits), Nonce (16)
 * or Timestamp (13 digits) goes, whatever it was, for values the node did not know it sent.
 */
function redactShapes(text: string): string {
	return text.replace(/[0-9a-f]{16,}/gi, MARK).replace(/(?<![0-9])[0-9]{13}(?![0-9])/g, MARK);
}

export interface Redactor {
	/** Text from a server, with the request's values (by value) and what looks like them (by shape) removed. */
	text(text: string): string;
	/** True when a value the server sent carries one of the request's values, in any encoding. */
	reveals(value: string): boolean;
}

/** The forms of some values, worked out on first use, looked for in significant characters. */
export interface ValueForms {
	stretches(significant: string, firstOnly: boolean): Array<[number, number]>;
}

/**
 * Built once for values every request of a run carries (the App Secret) and handed to each
 * request's redactor: working out a value's forms for every request cost about 2 µs an item
 * (npm run bench).
 */
export function formsOf(values: Array<string | undefined>): ValueForms {
	const known = [...new Set(values.filter((value): value is string => typeof value === 'string' && value !== ''))];
	let lookup: Lookup | undefined;
	return {
		stretches: (significant, firstOnly) =>
			known.length === 0 || significant === '' ? [] : (lookup ??= new Lookup(known)).stretches(significant, firstOnly),
	};
}

/**
 * A redactor for the values of one request (and `shared`, those of every request). Each value
 * is removed as written in any case, spelled out with separators between its characters (any number: spaces, dashes, line breaks...),
 * percent-encoded once or more, as \u escapes or HTML entities, in fullwidth forms, as the hex of
 * its bytes, and as base64 or base64url of its text or of the bytes its hex stands for (split or
 * grouped as a server likes); then the shape rule runs. Its forms are worked out on first use.
 */
export function redactorFor(values: Array<string | undefined>, shared?: ValueForms): Redactor {
	const own = formsOf(values);
	const stretches = (significant: string, firstOnly: boolean) => {
		const found = own.stretches(significant, firstOnly);
		if (!shared || (firstOnly && found.length > 0)) return found;
		const more = shared.stretches(significant, firstOnly);
		return more.length === 0 ? found : merged([...found, ...more]);
	};
	const byValue = (text: string) => {
		// Where each significant character came from is worked out only when needed: to decode, or to replace what was found.
		let significant = isPlain(text) ? undefined : significantOf(text);
		const found = stretches(significant?.text ?? plainSignificant(text), false);
		if (found.length === 0) return text;
		const { from, to } = (significant ??= significantOf(text));
		let safe = '';
		let kept = 0;
		for (const [start, end] of found) {
			safe += `${text.slice(kept, from[start])}${MARK}`;
			kept = to[end - 1];
		}
		return `${safe}${text.slice(kept)}`;
	};
	return {
		text: (text) => redactShapes(byValue(text)),
		reveals: (value) => stretches(significantText(value), true).length > 0,
	};
}

/** Only the shape rule: for text from a server when the values of the request are not known. */
export const shapeRedactor: Redactor = { text: redactShapes, reveals: () => false };

/** How much of a server's text an error quotes. */
export const MAX_QUOTE_CHARACTERS = 300;

/**
 * A server's text as the node quotes it, as a sentence: redacted, on one line, at most MAX_QUOTE_CHARACTERS, in
 * quotation marks (its own escaped, so it cannot end the quotation) after the speaker's name, so
 * it never reads as the node's own sentence.
 */
export function quoteServer(speaker: 'RongCloud' | 'The server', text: string, redact: Redactor): string {
	// Format characters (right-to-left overrides and isolates, zero-width spaces) can make quoted
	// words read as something else, or hide some: they go, like control characters.
	const oneLine = redact.text(text).replace(/[\p{Cf}]+/gu, '').replace(/[\s\p{Cc}]+/gu, ' ').trim();
	const characters = Array.from(oneLine);
	const cut = characters.length > MAX_QUOTE_CHARACTERS ? `${characters.slice(0, MAX_QUOTE_CHARACTERS).join('')}…` : oneLine;
	// A sentence of its own: its full stop is the quoted text's when that ends one ("…per hour.").
	return `${speaker} said: ${JSON.stringify(cut)}${/[.!?。！？]$/u.test(cut) ? '' : '.'}`;
}
