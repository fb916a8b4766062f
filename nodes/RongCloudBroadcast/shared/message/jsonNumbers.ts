/**
 * JSON number literals, read as the text they are rather than the doubles JSON.parse makes of them.
 *
 * Content leaves as the JSON text of the parsed object, so a literal leaves unchanged only when its
 * exact decimal value is the value of the double JSON.stringify prints for it: 0.1 and 1.5e300
 * pass, 12345678901234567890.0, 9007199254740993e0 and 1.00000000000000000001 do not (they print
 * as other numbers), nor 1e400 (null) or 1e-400 (0). Comparing decimal values, not spellings, is
 * what lets every notation of an exact number through.
 */
const NUMBER_PARTS = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** A decimal value as sign, significant digits (no leading or trailing zeros) and exponent; zero has no digits and no sign. */
function decimalValue(literal: string): string {
	const [, sign, whole, fraction = '', exponent = '0'] = NUMBER_PARTS.exec(literal) ?? [];
	if (whole === undefined) return literal;
	const all = `${whole}${fraction}`;
	// Counted, not matched: /0*$/ tries every start in a run of zeros, and a long one took seconds.
	let first = 0;
	while (first < all.length && all.charCodeAt(first) === 48) first++;
	let end = all.length;
	while (end > first && all.charCodeAt(end - 1) === 48) end--;
	const trailing = all.length - end;
	const digits = all.slice(first, end);
	// BigInt: an exponent of any length is compared exactly, never rounded.
	let scale = BigInt(exponent) - BigInt(fraction.length);
	scale += BigInt(trailing);
	return digits === '' ? '0' : `${sign}${digits}e${scale}`;
}

/** True when the literal is the number JSON.stringify will write for it, in value. */
export function leavesAsWritten(literal: string): boolean {
	const value = Number(literal);
	if (!Number.isFinite(value)) return false;
	// Most literals are written the way JSON.stringify writes their double: the same text, the same value.
	return String(value) === literal || decimalValue(literal) === decimalValue(String(value));
}

/** What a token of JSON text is; a string's quotes and contents are one token. */
const enum Token {
	String,
	Number,
	/** true, false or null. */
	Word,
	Open,
	Close,
	Colon,
	Comma,
}

/**
 * Each token of valid JSON text, in order, with where it starts and ends: a scan by hand, once over
 * the text, which costs a fraction of a regular expression's match objects (every answer and JSON
 * content is read this way).
 */
function scanTokens(jsonText: string, visit: (token: Token, start: number, end: number) => void): void {
	const length = jsonText.length;
	for (let at = 0; at < length; ) {
		const code = jsonText.charCodeAt(at);
		if (code === 34 /* " */) {
			let end = at + 1;
			while (end < length) {
				const next = jsonText.charCodeAt(end);
				if (next === 92 /* \ */) end += 2;
				else if (next === 34) break;
				else end++;
			}
			// An unfinished string ends the scan: only text that is not valid JSON has one.
			if (end >= length) return;
			visit(Token.String, at, end + 1);
			at = end + 1;
		} else if (code === 45 /* - */ || (code >= 48 && code <= 57)) {
			let end = at + 1;
			while (end < length && isNumberCharacter(jsonText.charCodeAt(end))) end++;
			visit(Token.Number, at, end);
			at = end;
		} else if (code === 123 /* { */ || code === 91 /* [ */) {
			visit(Token.Open, at, ++at);
		} else if (code === 125 /* } */ || code === 93 /* ] */) {
			visit(Token.Close, at, ++at);
		} else if (code === 58 /* : */) {
			visit(Token.Colon, at, ++at);
		} else if (code === 44 /* , */) {
			visit(Token.Comma, at, ++at);
		} else if (code >= 97 && code <= 122) {
			const start = at;
			while (at < length && jsonText.charCodeAt(at) >= 97 && jsonText.charCodeAt(at) <= 122) at++;
			visit(Token.Word, start, at);
		} else {
			at++;
		}
	}
}

/** Digits, ".", "e", "E", "+" and "-": what follows the first character of a JSON number. */
function isNumberCharacter(code: number): boolean {
	return (code >= 48 && code <= 57) || code === 46 || code === 101 || code === 69 || code === 43 || code === 45;
}

/** A key as JSON.parse reads it (text that is not valid JSON may hold a key JSON.parse refuses). */
function keyOf(quoted: string): string {
	if (!quoted.includes('\\')) return quoted.slice(1, -1);
	try {
		return JSON.parse(quoted) as string;
	} catch {
		return quoted.slice(1, -1);
	}
}

/** The first number literal of valid JSON text that would not survive parsing, if any. */
export function firstInexactNumber(jsonText: string): string | undefined {
	let inexact: string | undefined;
	scanTokens(jsonText, (token, start, end) => {
		if (token === Token.Number && inexact === undefined) {
			const literal = jsonText.slice(start, end);
			if (!leavesAsWritten(literal)) inexact = literal;
		}
	});
	return inexact;
}

/**
 * The literal text of each number that is a direct member of the top-level object of valid JSON
 * text, the last one of a repeated key (as JSON.parse keeps it). Identifiers are read from here, so
 * a messageUID sent as a number beyond 2^53 is output with the digits RongCloud sent.
 */
export function topLevelNumberLiterals(jsonText: string): Map<string, string> {
	const literals = new Map<string, string>();
	let depth = 0;
	let key: string | undefined;
	let expectingValue = false;
	scanTokens(jsonText, (token, start, end) => {
		if (token === Token.Open) {
			if (depth === 1 && expectingValue && key !== undefined) literals.delete(key);
			depth++;
			expectingValue = false;
		} else if (token === Token.Close) {
			depth--;
		} else if (token === Token.Colon) {
			expectingValue = depth === 1;
		} else if (token === Token.Comma) {
			expectingValue = false;
			key = undefined;
		} else if (depth === 1 && !expectingValue && token === Token.String) {
			key = keyOf(jsonText.slice(start, end));
		} else if (depth === 1 && expectingValue && key !== undefined) {
			if (token === Token.Number) literals.set(key, jsonText.slice(start, end));
			else literals.delete(key);
			expectingValue = false;
		}
	});
	return literals;
}
