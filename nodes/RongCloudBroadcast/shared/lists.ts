import { asText, describeValue, invalid } from './validation';

/**
 * A list parameter: comma-separated (or one per line) text from the UI, or an array from an
 * expression. Entries are trimmed; empty and repeated ones are dropped.
 */
export function readList(raw: unknown, parameter: string): string[] {
	if (raw === undefined || raw === null || raw === '') return [];
	let entries: unknown[];
	if (typeof raw === 'string') entries = raw.split(/[,\n]/);
	else if (Array.isArray(raw)) entries = raw;
	else return invalid('listType', `got ${describeValue(raw)}`, parameter);
	const list = new Set<string>();
	for (const entry of entries) {
		const text = asText(entry, parameter).trim();
		if (text !== '') list.add(text);
	}
	return [...list];
}
