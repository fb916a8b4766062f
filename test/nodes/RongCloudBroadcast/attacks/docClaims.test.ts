/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * Attack: limits the README states, against the code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { MAX_RECIPIENTS_PER_ITEM } from '../../../../nodes/RongCloudBroadcast/shared/limits';

const root = join(__dirname, '..', '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('attack: what the README says about Send to Users', () => {
	it('the README\'s To User IDs row does not promise "any length" when the node refuses more than the per-item cap', () => {
		const row = readme.split('\n').find((line) => line.startsWith('| To User IDs |')) ?? '';
		expect(row).not.toBe('');
		const cap = MAX_RECIPIENTS_PER_ITEM.toLocaleString('en-US');
		expect({ anyLength: row.includes('any length'), namesTheCap: row.includes(cap) }).toEqual({ anyLength: false, namesTheCap: true });
	});
});
