import {
	computeSignature,
	createNonce,
	chosenSigningInput,
	createRequestId,
	createSigningInput,
	signRequest,
} from '../../../../credentials/common/rongcloud/signing';

describe('signing', () => {
	it('matches a fixed vector: sha1(secret + nonce + timestamp) in lowercase hex', () => {
		// printf '%s' 'test-app-secret143141585127132438' | sha1sum
		expect(computeSignature('test-app-secret', '14314', '1585127132438')).toBe(
			'b3b56b4703a6318d89ad9044737152cb4c5dc6c5',
		);
		// printf '%s' 'Rt8sEcReT143141585127132438' | sha1sum
		expect(computeSignature('Rt8sEcReT', '14314', '1585127132438')).toBe('145a51dd4c4feb6785af0b9d974c2f882f554051');
	});

	it('signs each request afresh: millisecond timestamp, a short nonce never reused', () => {
		const now = 1585127132438;
		const signed = [...Array(2000)].map(() => signRequest('key', 'secret', createSigningInput(now)));
		expect(new Set(signed.map((h) => h.Nonce)).size).toBe(2000);
		for (const headers of signed.slice(0, 20)) {
			expect(headers['App-Key']).toBe('key');
			expect(headers.Timestamp).toBe('1585127132438');
			expect(headers.Nonce.length).toBeLessThanOrEqual(18);
			expect(headers.Signature).toBe(computeSignature('secret', headers.Nonce, headers.Timestamp));
		}
		expect(createNonce()).toMatch(/^[0-9a-f]{16}$/);
		expect(createRequestId()).toHaveLength(36);
	});

	it('keeps a Nonce and Timestamp the caller chose only when they are its own shape and a minute from now at most', () => {
		const now = 1585127132438;
		const nonce = 'a1b2c3d4e5f60718';
		expect(chosenSigningInput({ Nonce: nonce, Timestamp: String(now + 59_000) }, now)).toEqual({ nonce, timestamp: String(now + 59_000) });
		expect(chosenSigningInput({ Nonce: nonce, Timestamp: String(now + 61_000) }, now)).toBeUndefined();
		expect(chosenSigningInput({ Nonce: nonce, Timestamp: String(now - 61_000) }, now)).toBeUndefined();
		expect(chosenSigningInput({ Nonce: 'A1B2C3D4E5F60718', Timestamp: String(now) }, now)).toBeUndefined();
		expect(chosenSigningInput({ Nonce: `${nonce}00`, Timestamp: String(now) }, now)).toBeUndefined();
		expect(chosenSigningInput({ Nonce: nonce, Timestamp: String(now / 1000) }, now)).toBeUndefined();
		expect(chosenSigningInput({}, now)).toBeUndefined();
	});
});
