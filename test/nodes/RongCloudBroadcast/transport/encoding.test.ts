/**
 * The form body goes on the wire exactly as `new URLSearchParams(fields).toString()` writes it: the
 * same bytes the node has always sent, whatever text the fields hold.
 */
import { encodeBody } from '../../../../nodes/RongCloudBroadcast/transport/generations';

const encodeFormComponent = (text: string): string => encodeBody({ type: 'form', fields: { '': text } }).payload.slice(1);

/** Deterministic, so a failure can be replayed. */
function prng(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1103515245 + 12345) & 0x7fffffff;
		return state / 0x80000000;
	};
}

const ALPHABET: number[][] = [
	Array.from({ length: 128 }, (_, i) => i), // every ASCII character, controls included
	[0xa0, 0xe9, 0xff, 0x100, 0x7ff, 0x800], // Latin-1 and UTF-8 length boundaries
	[0x4f60, 0x597d, 0x3000, 0xfeff, 0xfffd, 0xffff], // CJK, ideographic space, BOM, specials
	[0xd83d, 0xde00, 0xd800, 0xdfff], // surrogates: paired when they happen to meet, lone otherwise
];

function randomText(random: () => number, maxLength: number): string {
	const length = Math.floor(random() * maxLength);
	let text = '';
	for (let i = 0; i < length; i++) {
		const group = ALPHABET[Math.floor(random() * ALPHABET.length)];
		text += String.fromCharCode(group[Math.floor(random() * group.length)]);
	}
	return text;
}

describe('encodeBody: the form on the wire is what URLSearchParams writes', () => {
	it('for every ASCII character alone', () => {
		for (let code = 0; code < 128; code++) {
			const text = String.fromCharCode(code);
			expect(encodeFormComponent(text)).toBe(new URLSearchParams([['', text]]).toString().slice(1));
		}
	});

	it('for lone and paired surrogates, emoji and CJK', () => {
		for (const text of ['\ud83d\ude00', '\ud83d', '\ude00x', 'a\ud800b\udfffc', '你好 世界', '\ufeff\ufffd']) {
			expect(encodeFormComponent(text)).toBe(new URLSearchParams([['', text]]).toString().slice(1));
		}
	});

	it('for 3,000 random forms (names and values), in field order', () => {
		const random = prng(20240601);
		for (let n = 0; n < 3000; n++) {
			const fields: Record<string, string> = {};
			const count = 1 + Math.floor(random() * 6);
			for (let i = 0; i < count; i++) fields[`${randomText(random, 6)}${i}`] = randomText(random, 40);
			const { contentType, payload } = encodeBody({ type: 'form', fields });
			expect(contentType).toBe('application/x-www-form-urlencoded');
			expect(payload).toBe(new URLSearchParams(fields).toString());
		}
	});

	it('for fields larger than the reused buffers (a 128 KB content), and after them', () => {
		const fields = { content: JSON.stringify({ content: 'é ('.repeat(45_000) }), fromUserId: 'system' };
		expect(encodeBody({ type: 'form', fields }).payload).toBe(new URLSearchParams(fields).toString());
		expect(encodeBody({ type: 'form', fields: { a: 'b c' } }).payload).toBe('a=b+c');
	});

	it('for an empty form', () => {
		expect(encodeBody({ type: 'form', fields: {} }).payload).toBe('');
	});

	it('for a real broadcast form with JSON content and pushExt', () => {
		const fields = {
			content: JSON.stringify({ content: "Hello (world)! It's ~100% *great*", extra: 'a&b=c+d' }),
			fromUserId: 'system',
			objectName: 'RC:TxtMsg',
			pushExt: JSON.stringify({ title: 'T', pushConfigs: [{ HW: { image: 'https://example.com/a b.png?x=1&y=2' } }] }),
		};
		expect(encodeBody({ type: 'form', fields }).payload).toBe(new URLSearchParams(fields).toString());
	});
});
