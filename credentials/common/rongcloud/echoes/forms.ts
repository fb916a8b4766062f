import { fromCodes, hexDigit, significantText } from './significant';

/**
 * The forms a server can make of a request's value (the value spelled out, the hex of its bytes,
 * base64 of its text or of the bytes its hex stands for, pieces of a random hex value), each a
 * fixed string of significant characters known before the answer arrives, found in an answer's
 * significant characters by a rolling hash of their first characters.
 */
/**
 * A random hex value (a Signature, a Nonce) is also removed piece by piece: any run of this many of
 * its characters, so that one split into short pieces with anything between them leaves nothing
 * usable. Eight random hex digits occur in unrelated text about once in four billion. The text is
 * looked up by windows of this many characters.
 */
const HEX_PIECE = 8;

/** Base64 shorter than this (of a very short App Secret) is too likely in unrelated text to be removed. */
const MIN_BASE64 = 6;

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

/** Stretches as [start, end), in order, overlapping and adjacent ones merged. */
export function merged(found: Array<[number, number]>): Array<[number, number]> {
	found.sort((a, b) => a[0] - b[0]);
	const result: Array<[number, number]> = [];
	for (const [start, end] of found) {
		const last = result[result.length - 1];
		if (last && start <= last[1]) last[1] = Math.max(last[1], end);
		else result.push([start, end]);
	}
	return result;
}

/** The first characters of a form, while it is being looked up (one at a time, synchronously). */
const head = new Int32Array(HEX_PIECE);

/** The values of one request, ready to be looked up. */
export class Lookup {
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
		return merged(found);
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
