import { MAX_USER_ID_LENGTH } from './limits';
import { asText, characterCount, describeValue, ensure, firstCharacters, invalid, type RuleId } from './validation';

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

/** A list of user IDs, by the rules of its parameter: at least one, at most `max`, each at most 64 characters. */
export function readUserIds(raw: unknown, parameter: string, max: number, rules: { required: RuleId; count: RuleId; length: RuleId }): string[] {
	const userIds = readList(raw, parameter);
	ensure(userIds.length > 0, rules.required);
	ensure(userIds.length <= max, rules.count, `got ${userIds.length}`);
	const tooLong = userIds.find((userId) => characterCount(userId) > MAX_USER_ID_LENGTH);
	ensure(tooLong === undefined, rules.length, `got "${firstCharacters(tooLong ?? '', 20)}…" with ${characterCount(tooLong ?? '')} characters`);
	return userIds;
}
