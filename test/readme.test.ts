/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { RONGCLOUD_CODES as RONGCLOUD_ERRORS } from '../credentials/common/rongcloud/codes';
import { REGIONS } from '../credentials/common/rongcloud/regions';
import { VENDORS } from '../nodes/RongCloudBroadcast/shared/pushExt/vendors';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

describe('the README speaks with the code\'s voice', () => {
	it.each(Object.entries(RONGCLOUD_ERRORS))('error %s: the same meaning and advice as the node gives', (code, info) => {
		const row = readme.split('\n').find((line) => line.startsWith(`| ${code} |`));
		expect(row).toBe(`| ${code} | ${info.httpStatus} | ${info.meaning} | ${info.action} |`);
	});

	it('lists every region with both domains', () => {
		for (const region of Object.values(REGIONS)) {
			expect(readme).toContain(`| ${region.name} | \`${region.primary}\` | \`${region.backup}\` |`);
		}
	});

	it('documents every push vendor', () => {
		for (const vendor of VENDORS) expect(readme).toMatch(new RegExp(`^\\| \`${vendor.key}\``, 'm'));
	});

	it('links only example files that exist', () => {
		for (const [, file] of readme.matchAll(/\]\((examples\/[^)]+)\)/g)) {
			expect(() => readFileSync(join(__dirname, '..', file))).not.toThrow();
		}
	});
});
