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

const MARK = '[redacted]';

/**
 * A random hex value (a Signature, a Nonce) is also removed piece by piece: any run of this many of
 * its characters, so that one split into short pieces with anything between them leaves nothing
 * usable. Eight random hex digits occur in unrelated text about once in four billion. The text is
 * looked up by windows of this many characters.
 */
const HEX_PIECE = 8;

/** Percent-encoding, \u escapes and HTML entities are undone this many layers deep (a %2541 is an "A" after two). */
const DECODING_PASSES = 4;

/** Base64 shorter than this (of a very short App Secret) is too likely in unrelated text to be removed. */
const MIN_BASE64 = 6;

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

function hexDigit(code: number): number {
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
interface Significant {
	text: string;
	/** Where each came from in the original text: [from[i], to[i]). */
	from: Int32Array;
	to: Int32Array;
}

function significantOf(text: string): Significant {
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
const isPlain = (text: string) => !NOT_PLAIN.test(text);

/** What significantOf gives for plain text, as fast as the regular expression engine goes. */
const plainSignificant = (text: string) => text.replace(/[^0-9A-Za-z]+/g, '').toLowerCase();

function significantText(text: string): string {
	return isPlain(text) ? plainSignificant(text) : significantOf(text).text;
}

/** Characters from their codes, a few thousand at a time (a call takes only so many arguments). */
function fromCodes(codes: number[] | Int32Array): string {
	if (codes.length <= 4096) return String.fromCharCode(...codes);
	let text = '';
	for (let at = 0; at < codes.length; at += 4096) text += String.fromCharCode(...codes.slice(at, at + 4096));
	return text;
}

/** Where a form's bytes come from: a text (its UTF-8) or the bytes a hex text stands for. */
class Bytes {
	/** One character per byte, or the hex digits. */
	private readonly written: string;
	readonly length: number;

	constructor(
		text: string,
		private readonly hex: boolean,
	) {
		this.written = hex || !/[\u0080-\uffff]/.test(text) ? text : Buffer.from(text, 'utf8').toString('latin1');
		this.length = hex ? text.length >> 1 : this.written.length;
	}

	at(index: number): number {
		if (!this.hex) return this.written.charCodeAt(index);
		return (hexDigit(this.written.charCodeAt(2 * index)) << 4) | hexDigit(this.written.charCodeAt(2 * index + 1));
	}
}

const NO_BYTES = new Bytes('', false);
const codesOf = (text: string) => Array.from(text, (character) => character.charCodeAt(0));
const HEX_DIGITS = codesOf('0123456789abcdef');
/** Base64's alphabet as significant characters: in lower case, and "+" and "/" (base64url's "-" and "_") are separators. */
const BASE64_SIGNIFICANT = codesOf('abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz0123456789');

/** A form a server can make of a value, as significant characters. */
interface Form {
	bytes: Bytes;
	/**
	 * HEX: the hex of the bytes. 0, 2 or 4: the base64 characters that depend on the bytes alone,
	 * wherever they sit in a longer encoded text; for each of base64's three alignments, a character
	 * starts at this bit of the bytes (mod 6).
	 */
	encoding: number;
	/** The hash of its first HEX_PIECE characters. */
	hash: number;
	/** The whole form, once it is needed. */
	whole?: string;
}

const HEX = -1;
const BASE64_ALIGNMENTS = [0, 2, 4];

/** Writes the form's first `limit` significant characters into `codes`; returns how many there are. */
function spellInto(bytes: Bytes, encoding: number, limit: number, codes: number[] | Int32Array): number {
	let count = 0;
	if (encoding === HEX) {
		for (let at = 0; at < bytes.length && count < limit; at++) {
			codes[count++] = HEX_DIGITS[bytes.at(at) >> 4];
			if (count < limit) codes[count++] = HEX_DIGITS[bytes.at(at) & 15];
		}
		return count;
	}
	for (let bit = encoding; bit + 6 <= bytes.length * 8 && count < limit; bit += 6) {
		const pair = (bytes.at(bit >> 3) << 8) | ((bit >> 3) + 1 < bytes.length ? bytes.at((bit >> 3) + 1) : 0);
		const index = (pair >> (10 - (bit & 7))) & 63;
		if (index < 62) codes[count++] = BASE64_SIGNIFICANT[index];
	}
	return count;
}

function spell(bytes: Bytes, encoding: number): string {
	const codes: number[] = [];
	spellInto(bytes, encoding, Infinity, codes);
	return fromCodes(codes);
}

/**
 * Windows of HEX_PIECE significant characters are looked up by a 32-bit rolling hash, first in a
 * bit set (a miss, the usual case, costs one load), then, on a hit, character by character.
 */
const BASE = 31;
const TOP = Array.from({ length: HEX_PIECE - 1 }).reduce<number>((power) => Math.imul(power, BASE), 1);
/** 2^11 bits, 16 to an element: a plain array of small integers costs less to make than a typed array. */
const BITS = 11;

function hashOf(codes: ArrayLike<number>, at: number): number {
	let hash = 0;
	for (let i = at; i < at + HEX_PIECE; i++) hash = (Math.imul(hash, BASE) + codes[i]) | 0;
	return hash;
}

function hashAt(text: string, at: number): number {
	let hash = 0;
	for (let i = at; i < at + HEX_PIECE; i++) hash = (Math.imul(hash, BASE) + text.charCodeAt(i)) | 0;
	return hash;
}

const roll = (hash: number, out: number, into: number) => (Math.imul((hash - Math.imul(out, TOP)) | 0, BASE) + into) | 0;
const bitOf = (hash: number) => Math.imul(hash, 0x9e3779b1) >>> (32 - BITS);

/** The first characters of a form, while it is being looked up (one at a time, synchronously). */
const head = new Int32Array(HEX_PIECE);

/** The values of one request, ready to be looked up. */
class Lookup {
	private readonly bits: number[] = new Array<number>(1 << (BITS - 4)).fill(0);
	/** Random hex values, in lower case: any HEX_PIECE of their characters are looked for. */
	private readonly hexValues: string[] = [];
	/** Every other form, looked for whole by the hash of its first HEX_PIECE characters... */
	private readonly forms: Form[] = [];
	/** ...or, when shorter (a short App Secret's), one by one. */
	private readonly short: string[] = [];

	/**
	 * Each value as written in any case and spelled with anything between its characters, as the hex
	 * of its bytes, and as base64 or base64url of its text (in its case, upper and lower case) or of
	 * the bytes its hex stands for; a random hex value by its pieces too.
	 */
	constructor(values: string[]) {
		for (const value of values) {
			if (/^[0-9a-f]{16,}$/i.test(value)) this.addPieces(value.toLowerCase());
			else this.addWhole(significantText(value));
			const written = new Bytes(value, false);
			this.add(written, HEX);
			const upper = value.toUpperCase();
			const lower = value.toLowerCase();
			const texts = [written];
			if (upper !== value) texts.push(new Bytes(upper, false));
			if (lower !== value && lower !== upper) texts.push(new Bytes(lower, false));
			if (/^(?:[0-9a-f]{2})+$/i.test(value)) texts.push(new Bytes(value, true));
			for (const bytes of texts) for (const encoding of BASE64_ALIGNMENTS) this.add(bytes, encoding, MIN_BASE64);
		}
	}

	private mark(hash: number): void {
		const bit = bitOf(hash);
		this.bits[bit >> 4] |= 1 << (bit & 15);
	}

	private addPieces(value: string): void {
		this.hexValues.push(value);
		let hash = hashAt(value, 0);
		for (let at = 0; ; at++) {
			this.mark(hash);
			if (at + HEX_PIECE >= value.length) break;
			hash = roll(hash, value.charCodeAt(at), value.charCodeAt(at + HEX_PIECE));
		}
	}

	private addWhole(whole: string): void {
		if (whole.length < HEX_PIECE) {
			if (whole !== '') this.short.push(whole);
			return;
		}
		const hash = hashAt(whole, 0);
		this.forms.push({ bytes: NO_BYTES, encoding: HEX, hash, whole });
		this.mark(hash);
	}

	/** A form by its bytes and encoding, unless it is shorter than `shortest`. */
	private add(bytes: Bytes, encoding: number, shortest = 1): void {
		const count = spellInto(bytes, encoding, HEX_PIECE, head);
		if (count === HEX_PIECE) {
			const hash = hashOf(head, 0);
			this.forms.push({ bytes, encoding, hash });
			this.mark(hash);
		} else if (count >= shortest) {
			this.short.push(fromCodes(head.subarray(0, count)));
		}
	}

	/** The stretches of significant characters that hold a value, as [start, end) in order, overlapping and adjacent ones merged. */
	stretches(text: string, firstOnly: boolean): Array<[number, number]> {
		const found: Array<[number, number]> = [];
		if (text.length >= HEX_PIECE) {
			let hash = hashAt(text, 0);
			for (let at = 0; ; at++) {
				const bit = bitOf(hash);
				if ((this.bits[bit >> 4] & (1 << (bit & 15))) !== 0) this.look(text, at, hash, found);
				if ((firstOnly && found.length > 0) || at + HEX_PIECE >= text.length) break;
				hash = roll(hash, text.charCodeAt(at), text.charCodeAt(at + HEX_PIECE));
			}
		}
		for (const form of this.short) {
			for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) found.push([at, at + form.length]);
		}
		found.sort((a, b) => a[0] - b[0]);
		const merged: Array<[number, number]> = [];
		for (const [start, end] of found) {
			const last = merged[merged.length - 1];
			if (last && start <= last[1]) last[1] = Math.max(last[1], end);
			else merged.push([start, end]);
		}
		return merged;
	}

	/** What starts at `at`, whose window hashes to `hash`, the bit set having said it may. */
	private look(text: string, at: number, hash: number, found: Array<[number, number]>): void {
		const window = text.slice(at, at + HEX_PIECE);
		if (this.hexValues.some((value) => value.includes(window))) found.push([at, at + HEX_PIECE]);
		for (const form of this.forms) {
			if (form.hash !== hash) continue;
			form.whole ??= spell(form.bytes, form.encoding);
			if (text.startsWith(form.whole, at)) found.push([at, at + form.whole.length]);
		}
	}
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
 * out with separators between its characters (any number: spaces, dashes, line breaks...),
 * percent-encoded once or more, as \u escapes or HTML entities, in fullwidth forms, as the hex of
 * its bytes, and as base64 or base64url of its text or of the bytes its hex stands for (split or
 * grouped as a server likes); then the shape rule runs. Its forms are worked out on first use.
 */
export function redactorFor(values: Array<string | undefined>): Redactor {
	const known = [...new Set(values.filter((value): value is string => typeof value === 'string' && value !== ''))];
	let lookup: Lookup | undefined;
	const stretches = (significant: string, firstOnly: boolean) =>
		known.length === 0 || significant === '' ? [] : (lookup ??= new Lookup(known)).stretches(significant, firstOnly);
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
