/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A file of the repository as text, by its path from the repository's root. */
export function readSource(path: string): string {
	return readFileSync(join(__dirname, '..', '..', path), 'utf8');
}
