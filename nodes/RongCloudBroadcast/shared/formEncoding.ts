/** Bytes the form serializer of URLSearchParams writes as they are: ASCII letters, digits, `*-._`. */
const FORM_SAFE = new Uint8Array(256);
for (const char of '*-._0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz') FORM_SAFE[char.charCodeAt(0)] = 1;
const HEX_DIGITS = Buffer.from('0123456789ABCDEF', 'latin1');
/** Reused between calls (encoding is synchronous); a form too large for them gets buffers of its own. */
const scratch = { utf8: Buffer.allocUnsafe(16 * 1024), encoded: Buffer.allocUnsafe(64 * 1024) };

/** Appends `text` form-encoded to `encoded` at `at`; returns the new end. */
function appendFormEncoded(text: string, utf8: Buffer, encoded: Buffer, at: number): number {
	const length = utf8.write(text, 0, 'utf8');
	for (let i = 0; i < length; i++) {
		const byte = utf8[i];
		if (FORM_SAFE[byte] === 1) {
			encoded[at++] = byte;
		} else if (byte === 0x20) {
			encoded[at++] = 0x2b; // +
		} else {
			encoded[at++] = 0x25; // %
			encoded[at++] = HEX_DIGITS[byte >> 4];
			encoded[at++] = HEX_DIGITS[byte & 15];
		}
	}
	return at;
}

/**
 * `name=value&...` byte for byte as `new URLSearchParams(fields).toString()` writes it (UTF-8,
 * lone surrogates as U+FFFD, space as `+`, all but `*-._` and alphanumerics as %XX), in one pass
 * over the bytes and one flat string. URLSearchParams builds its answer character by character:
 * about twice as slow, and a rope of small strings holding several times the memory of the text.
 */
export function encodeForm(fields: Record<string, string>): string {
	const entries = Object.entries(fields);
	// UTF-8 takes at most 3 bytes per UTF-16 unit, and each byte becomes at most 3 characters.
	let longest = 0;
	let units = 0;
	for (const [name, value] of entries) {
		longest = Math.max(longest, name.length, value.length);
		units += name.length + value.length + 1;
	}
	let utf8 = scratch.utf8;
	let encoded = scratch.encoded;
	if (3 * longest > utf8.length || 9 * units > encoded.length) {
		const bytes = entries.flat().map((text) => Buffer.byteLength(text, 'utf8'));
		utf8 = Buffer.allocUnsafe(Math.max(...bytes, 0));
		encoded = Buffer.allocUnsafe(3 * bytes.reduce((sum, n) => sum + n, 0) + entries.length * 2);
	}
	let at = 0;
	for (let index = 0; index < entries.length; index++) {
		if (index > 0) encoded[at++] = 0x26; // &
		at = appendFormEncoded(entries[index][0], utf8, encoded, at);
		encoded[at++] = 0x3d; // =
		at = appendFormEncoded(entries[index][1], utf8, encoded, at);
	}
	return encoded.toString('latin1', 0, at);
}
