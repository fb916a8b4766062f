/**
 * Content leaves as the JSON text of the parsed object, so a number literal that JSON.parse
 * changes would leave changed: 12345678901234567890 as 12345678901234567000, 1e400 as null,
 * 1e-400 as 0. Numbers JSON carries exactly (1.5e300, 0.1) pass, whatever their notation.
 */
const STRING_OR_NUMBER = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** The first number literal of valid JSON text that would not survive parsing, if any. */
export function firstInexactNumber(jsonText: string): string | undefined {
	for (const [token] of jsonText.matchAll(STRING_OR_NUMBER)) {
		if (token.startsWith('"')) continue;
		const value = Number(token);
		const [digits] = token.split(/[eE]/);
		const overflows = !Number.isFinite(value);
		const underflows = value === 0 && /[1-9]/.test(digits);
		const roundedWholeNumber = /^-?\d+$/.test(token) && !Number.isSafeInteger(value);
		if (overflows || underflows || roundedWholeNumber) return token;
	}
	return undefined;
}
