/**
 * JSON number literals, read as the text they are rather than the doubles JSON.parse makes of them.
 *
 * Content leaves as the JSON text of the parsed object, so a literal leaves unchanged only when its
 * exact decimal value is the value of the double JSON.stringify prints for it: 0.1 and 1.5e300
 * pass, 12345678901234567890.0, 9007199254740993e0 and 1.00000000000000000001 do not (they print
 * as other numbers), nor 1e400 (null) or 1e-400 (0). Comparing decimal values, not spellings, is
 * what lets every notation of an exact number through.
 */
const STRING_OR_NUMBER = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
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
	return Number.isFinite(value) && decimalValue(literal) === decimalValue(String(value));
}

/** The first number literal of valid JSON text that would not survive parsing, if any. */
export function firstInexactNumber(jsonText: string): string | undefined {
	for (const [token] of jsonText.matchAll(STRING_OR_NUMBER)) {
		if (!token.startsWith('"') && !leavesAsWritten(token)) return token;
	}
	return undefined;
}

/**
 * The literal text of each number that is a direct member of the top-level object of valid JSON
 * text, the last one of a repeated key (as JSON.parse keeps it). Identifiers are read from here, so
 * a messageUID sent as a number beyond 2^53 is output with the digits RongCloud sent.
 */
export function topLevelNumberLiterals(jsonText: string): Map<string, string> {
	const literals = new Map<string, string>();
	const token = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[{}[\]:,]|true|false|null/g;
	let depth = 0;
	let key: string | undefined;
	let expectingValue = false;
	for (const [text] of jsonText.matchAll(token)) {
		if (text === '{' || text === '[') {
			if (depth === 1 && expectingValue && key !== undefined) literals.delete(key);
			depth++;
			expectingValue = false;
		} else if (text === '}' || text === ']') {
			depth--;
		} else if (text === ':') {
			expectingValue = depth === 1;
		} else if (text === ',') {
			expectingValue = false;
			key = undefined;
		} else if (depth === 1 && !expectingValue && text.startsWith('"')) {
			key = JSON.parse(text) as string;
		} else if (depth === 1 && expectingValue && key !== undefined) {
			if (/^-?\d/.test(text)) literals.set(key, text);
			else literals.delete(key);
			expectingValue = false;
		}
	}
	return literals;
}
