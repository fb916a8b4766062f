/**
 * The one place where text that came from a server is made safe to show: the request's Signature
 * (usable for minutes by anyone, since it does not cover the body), its Nonce and the App Secret
 * are removed by value, in every encoding a server can make of them, and quoted text is cut short,
 * put on one line and marked as the server's words.
 */

const MARK = '[redacted]';

/** Characters a server may put between the groups of a value it echoes: dashes, spaces, colons, line breaks... */
const SEPARATOR = '[^0-9A-Za-z]{0,3}';

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** One character as itself or percent-encoded (its UTF-8 bytes); case is left to the `i` flag. */
function characterPattern(character: string): string {
	const encoded = [...Buffer.from(character, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
	return `(?:${escapeRegExp(character)}|${encoded})`;
}

/** The value's characters in order, each possibly percent-encoded, with separators allowed between them. */
function spelledPattern(value: string): string {
	return Array.from(value, characterPattern).join(SEPARATOR);
}

const BASE64_CHARACTER: Record<string, string> = { '+': '(?:\\+|-|%2[bB])', '/': '(?:\\/|_|%2[fF])' };

/** Between base64 characters: line breaks (also as JSON's \\n) and grouping marks such as dashes (a dash also stands for base64url's "+"). */
const BASE64_SEPARATOR = '(?:[^0-9A-Za-z+/_=]|\\\\[rn]){0,3}';

/**
 * A random hex value (a Signature, a Nonce) is also removed piece by piece: any run of this many of
 * its characters, so that one split into short pieces with anything between them leaves nothing
 * usable. Eight random hex digits occur in unrelated text about once in four billion.
 */
const HEX_PIECE = 8;

/**
 * The base64 characters that depend on `bytes` alone, wherever the bytes sit in a longer encoded
 * text: for each of the three alignments, the characters whose 6 bits all come from `bytes`.
 * Matched in base64 and base64url alike, line breaks allowed between characters.
 */
function base64Patterns(bytes: Buffer): string[] {
	const patterns: string[] = [];
	for (let offset = 0; offset < 3; offset++) {
		const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
		const core = encoded.slice(Math.ceil((offset * 8) / 6), Math.floor(((offset + bytes.length) * 8) / 6));
		if (core.length >= 6) patterns.push(Array.from(core, (c) => BASE64_CHARACTER[c] ?? c).join(BASE64_SEPARATOR));
	}
	return patterns;
}

/** The characters that follow in the value, as far as the text goes on with them. */
function continuation(rest: string): string {
	return rest === '' ? '' : `(?:${SEPARATOR}${characterPattern(rest[0])}${continuation(rest.slice(1))})?`;
}

/**
 * Every run of at least HEX_PIECE characters of a random hex value, spelled as the whole value is:
 * a piece is removed up to its last character, not just its first HEX_PIECE.
 */
function hexPieces(value: string): string[] {
	if (!/^[0-9a-f]{16,}$/i.test(value)) return [];
	return Array.from({ length: value.length - HEX_PIECE + 1 }, (_, at) =>
		`${spelledPattern(value.slice(at, at + HEX_PIECE))}${continuation(value.slice(at + HEX_PIECE))}`,
	);
}

/** The byte strings a server may base64-encode: the text (in its case and upper case) and, for hex, the bytes it stands for. */
function encodableBytes(value: string): Buffer[] {
	const variants = [...new Set([value, value.toUpperCase(), value.toLowerCase()])].map((text) => Buffer.from(text, 'utf8'));
	if (/^(?:[0-9a-f]{2})+$/i.test(value)) variants.push(Buffer.from(value, 'hex'));
	return variants;
}

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

/**
 * A redactor for the values of one request. Each value is removed as written in any case, spelled
 * out with separators between its characters, percent-encoded, as the hex of its bytes, and as
 * base64 or base64url of its text or of the bytes its hex stands for; then the shape rule runs.
 */
export function redactorFor(values: Array<string | undefined>): Redactor {
	const known = [...new Set(values.filter((value): value is string => typeof value === 'string' && value !== ''))];
	const spelled = known.flatMap((value) => [spelledPattern(value), spelledPattern(Buffer.from(value, 'utf8').toString('hex')), ...hexPieces(value)]);
	const encoded = known.flatMap((value) => encodableBytes(value).flatMap(base64Patterns));
	// Longest first, so a value inside a longer encoding never leaves part of that encoding behind.
	const bySize = (a: string, b: string) => b.length - a.length;
	const caseless = spelled.length ? new RegExp(spelled.sort(bySize).join('|'), 'gi') : undefined;
	// Base64 is matched in any case too: a host name, for one, arrives lower-cased, and that still leaks.
	const exact = encoded.length ? new RegExp(encoded.sort(bySize).join('|'), 'gi') : undefined;
	const byValue = (text: string) => {
		let safe = text;
		if (exact) safe = safe.replace(exact, MARK);
		if (caseless) safe = safe.replace(caseless, MARK);
		return safe;
	};
	return { text: (text) => redactShapes(byValue(text)), reveals: (value) => byValue(value) !== value };
}

/** Only the shape rule: for text from a server when the values of the request are not known. */
export const shapeRedactor: Redactor = { text: redactShapes, reveals: () => false };

/** How much of a server's text an error quotes. */
export const MAX_QUOTE_CHARACTERS = 300;

/**
 * A server's text as the node quotes it: redacted, on one line, at most MAX_QUOTE_CHARACTERS, in
 * quotation marks (its own escaped, so it cannot end the quotation) after the speaker's name, so
 * it never reads as the node's own sentence.
 */
export function quoteServer(speaker: 'RongCloud' | 'The server', text: string, redact: Redactor): string {
	const oneLine = redact.text(text).replace(/[\s\p{Cc}]+/gu, ' ').trim();
	const characters = Array.from(oneLine);
	const cut = characters.length > MAX_QUOTE_CHARACTERS ? `${characters.slice(0, MAX_QUOTE_CHARACTERS).join('')}…` : oneLine;
	return `${speaker} said: ${JSON.stringify(cut)}`;
}
