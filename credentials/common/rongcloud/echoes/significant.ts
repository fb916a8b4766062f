/**
 * A server's text read once into its significant characters: letters and digits, lower case, with
 * percent-encoding, \u escapes and HTML entities undone (nested ones too) and fullwidth forms
 * folded to ASCII; each remembers the stretch of the text it came from, so what holds a request's
 * value can be replaced in the original, its separators included. Linear in the text.
 */
/** Percent-encoding, \u escapes and HTML entities are undone this many layers deep (a %2541 is an "A" after two). */
const DECODING_PASSES = 4;


/** A text's characters (UTF-16 units), each with the stretch of the original text it came from: [from[i], to[i]). */
interface Spans {
	codes: Int32Array;
	from: Int32Array;
	to: Int32Array;
	length: number;
}

/** Room for `size` characters: decoding never makes a text longer. */
const spansOf = (size: number): Spans => ({ codes: new Int32Array(size), from: new Int32Array(size), to: new Int32Array(size), length: 0 });

function push(spans: Spans, code: number, from: number, to: number): void {
	if (code > 0xffff) {
		// As UTF-16, like the rest of the text: two units for the same stretch (the escape took more than two characters).
		push(spans, 0xd800 + ((code - 0x10000) >> 10), from, to);
		code = 0xdc00 + ((code - 0x10000) & 0x3ff);
	}
	const at = spans.length++;
	spans.codes[at] = code;
	spans.from[at] = from;
	spans.to[at] = to;
}

/** Fullwidth forms (U+FF01 to U+FF5E) as the ASCII characters they stand for. */
const folded = (code: number) => (code >= 0xff01 && code <= 0xff5e ? code - 0xfee0 : code);

/** The character at `at`, or -1 past the end. */
const codeAt = (text: Spans, at: number) => (at < text.length ? text.codes[at] : -1);

export function hexDigit(code: number): number {
	if (code >= 48 && code <= 57) return code - 48;
	const lower = code | 0x20;
	return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

const isDigit = (code: number) => code >= 48 && code <= 57;
const isAsciiAlphanumeric = (code: number) => isDigit(code) || ((code | 0x20) >= 97 && (code | 0x20) <= 122);

/** The number written with `count` hex digits from `at`, or -1. */
function hexNumber(text: Spans, at: number, count: number): number {
	let value = 0;
	for (let i = at; i < at + count; i++) {
		const digit = hexDigit(codeAt(text, i));
		if (digit < 0) return -1;
		value = value * 16 + digit;
	}
	return value;
}

/** An escape found at some place: the character it stands for and how many characters it takes. */
interface Escape {
	code: number;
	length: number;
}

const REPLACEMENT = 0xfffd;

/** %XX, with the %XX that follow when it starts a UTF-8 sequence. */
function percentAt(text: Spans, at: number): Escape | undefined {
	const byte = hexNumber(text, at + 1, 2);
	if (byte < 0) return undefined;
	if (byte < 0x80) return { code: byte, length: 3 };
	const following = byte >= 0xf0 ? 3 : byte >= 0xe0 ? 2 : byte >= 0xc0 ? 1 : 0;
	if (following === 0) return { code: REPLACEMENT, length: 3 };
	let code = byte & (0x3f >> following);
	for (let k = 1; k <= following; k++) {
		const next = codeAt(text, at + 3 * k) === 37 ? hexNumber(text, at + 3 * k + 1, 2) : -1;
		if (next < 0x80 || next > 0xbf) return { code: REPLACEMENT, length: 3 };
		code = (code << 6) | (next & 0x3f);
	}
	return { code, length: 3 * (following + 1) };
}

/** JSON's escapes: \uXXXX, and \n, \r, \t... (separators, such as line breaks between characters). */
function backslashAt(text: Spans, at: number): Escape | undefined {
	const next = codeAt(text, at + 1);
	if (next === 117 /* u */) {
		const code = hexNumber(text, at + 2, 4);
		return code < 0 ? undefined : { code, length: 6 };
	}
	if (next === 110 || next === 114 || next === 116 || next === 98 || next === 102) return { code: 32, length: 2 };
	if (next === 47 || next === 92 || next === 34 || next === 39) return { code: next, length: 2 };
	return undefined;
}

const NAMED_ENTITIES: Record<string, number> = { amp: 38, lt: 60, gt: 62, quot: 34, apos: 39 };
const MAX_ENTITY_DIGITS = 8;
const MAX_ENTITY_NAME = 32;

/** &#x61; and &#97; (the semicolon optional, as browsers read them), and named entities: one this does not know reads as a separator. */
function entityAt(text: Spans, at: number): Escape | undefined {
	let i = at + 1;
	if (codeAt(text, i) === 35 /* # */) {
		const hex = (codeAt(text, i + 1) | 0x20) === 120; /* x */
		i += hex ? 2 : 1;
		const start = i;
		let code = 0;
		for (; i < start + MAX_ENTITY_DIGITS; i++) {
			const character = codeAt(text, i);
			const digit = hex ? hexDigit(character) : isDigit(character) ? character - 48 : -1;
			if (digit < 0) break;
			code = code * (hex ? 16 : 10) + digit;
		}
		if (i === start) return undefined;
		if (codeAt(text, i) === 59 /* ; */) i++;
		return { code: code > 0x10ffff ? REPLACEMENT : code, length: i - at };
	}
	let name = '';
	for (; i < at + 1 + MAX_ENTITY_NAME && isAsciiAlphanumeric(codeAt(text, i)); i++) name += String.fromCharCode(text.codes[i]);
	if (name === '' || codeAt(text, i) !== 59) return undefined;
	return { code: Object.hasOwn(NAMED_ENTITIES, name) ? NAMED_ENTITIES[name] : 32, length: i + 1 - at };
}

/** One layer of percent-encoding, escapes and entities undone; undefined when there was none. */
function decodeOnce(text: Spans): Spans | undefined {
	const decoded = spansOf(text.length);
	let changed = false;
	for (let at = 0; at < text.length; ) {
		const code = folded(text.codes[at]);
		const escape = code === 37 ? percentAt(text, at) : code === 92 ? backslashAt(text, at) : code === 38 ? entityAt(text, at) : undefined;
		if (escape) {
			push(decoded, escape.code, text.from[at], text.to[at + escape.length - 1]);
			at += escape.length;
			changed = true;
		} else {
			push(decoded, code, text.from[at], text.to[at]);
			at++;
		}
	}
	return changed ? decoded : undefined;
}

const MAY_BE_ENCODED = /[%\\&\uff05\uff3c\uff06]/;
const WIDE_SIGNIFICANT = /[\p{L}\p{N}\p{M}]/u;

/** A text's significant characters: its letters and digits (any script), in lower case. */
export interface Significant {
	text: string;
	/** Where each came from in the original text: [from[i], to[i]). */
	from: Int32Array;
	to: Int32Array;
}

export function significantOf(text: string): Significant {
	let spans = spansOf(text.length);
	for (let at = 0; at < text.length; at++) push(spans, text.charCodeAt(at), at, at + 1);
	if (MAY_BE_ENCODED.test(text)) {
		for (let pass = 0; pass < DECODING_PASSES; pass++) {
			const decoded = decodeOnce(spans);
			if (!decoded) break;
			spans = decoded;
		}
	}
	const kept = spansOf(spans.length);
	for (let at = 0; at < spans.length; at++) {
		let code = folded(spans.codes[at]);
		if (code < 0x80) {
			if (!isAsciiAlphanumeric(code)) continue;
			code |= 0x20;
		} else if (code < 0xd800 || code > 0xdfff) {
			const character = String.fromCharCode(code);
			if (!WIDE_SIGNIFICANT.test(character)) continue;
			const lower = character.toLowerCase();
			if (lower.length === 1) code = lower.charCodeAt(0);
		}
		push(kept, code, spans.from[at], spans.to[at]);
	}
	return { text: fromCodes(kept.codes.subarray(0, kept.length)), from: kept.from, to: kept.to };
}

/** Not printable ASCII with nothing to decode: text without these is read without the work of remembering where each character came from. */
const NOT_PLAIN = /[^\t\n\r -$'-[\]-~]/;
export const isPlain = (text: string) => !NOT_PLAIN.test(text);

/** What significantOf gives for plain text, as fast as the regular expression engine goes. */
export const plainSignificant = (text: string) => text.replace(/[^0-9A-Za-z]+/g, '').toLowerCase();

export function significantText(text: string): string {
	return isPlain(text) ? plainSignificant(text) : significantOf(text).text;
}

/** Characters from their codes, a few thousand at a time (a call takes only so many arguments). */
export function fromCodes(codes: number[] | Int32Array): string {
	if (codes.length <= 4096) return String.fromCharCode(...codes);
	let text = '';
	for (let at = 0; at < codes.length; at += 4096) text += String.fromCharCode(...codes.slice(at, at + 4096));
	return text;
}
