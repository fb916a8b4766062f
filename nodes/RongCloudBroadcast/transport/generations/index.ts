import type { RequestBody } from '../../shared/operation';
import type { ApiVersion, Generation } from './types';
import { v1 } from './v1';
import { v4 } from './v4';

export type { ApiVersion, AnswerIdentifiers, Generation, RecipientMessageUID, WireCall } from './types';

/** The API generations, by the credential's API Version; a saved credential without the setting speaks v1. */
export const GENERATIONS: Record<ApiVersion, Generation> = { v1, v4 };

export const DEFAULT_API_VERSION: ApiVersion = 'v1';

/** The generation a credential speaks; throws a plain Error, said as a sentence, for a value it does not know. */
export function generationOf(credentials: { apiVersion?: unknown }): Generation {
	const version = credentials.apiVersion ?? DEFAULT_API_VERSION;
	if (typeof version === 'string' && Object.hasOwn(GENERATIONS, version)) return GENERATIONS[version as ApiVersion];
	throw new Error(`Unknown API Version "${String(version).slice(0, 40)}" in the RongCloud credential: choose RongCloud v1 or Nexconn v4.`);
}

/** A body's bytes on the wire: form-encoded (a list field once per value) or JSON. */
export function encodeBody(body: RequestBody): { contentType: string; payload: string } {
	if (body.type === 'form') {
		// URLSearchParams writes its text a character at a time, a string of that many pieces; kept in
		// a dry-run item it held 9 times its length (npm run bench, memory). Copied once, it is flat.
		const pairs = Object.entries(body.fields).flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((one): [string, string] => [key, one]));
		const payload = Buffer.from(new URLSearchParams(pairs).toString(), 'latin1').toString('latin1');
		return { contentType: 'application/x-www-form-urlencoded', payload };
	}
	return { contentType: 'application/json', payload: JSON.stringify(body.value) };
}
