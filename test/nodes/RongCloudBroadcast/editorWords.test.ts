/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * What a newcomer meets in the editor: errors that name the field as the editor labels it (with
 * the parameter path in parentheses, and the expression that found nothing), Dry Run on once
 * added, the node found in the nodes panel by the words people search with.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeProperties } from 'n8n-workflow';

import { RongCloudBroadcast } from '../../../nodes/RongCloudBroadcast/RongCloudBroadcast.node';
import { runBroadcast } from '../../support/runBroadcast';
import { withEmulator } from '../../support/withEmulator';

describe('the words of the editor', () => {
	const emulator = withEmulator();

	it.each([
		['Text left empty, in Fields mode', { text: '' }, [], 'Invalid Text in Send to All Users (content.content): must contain every field'],
		[
			'Text from an expression that found nothing',
			{ text: '={{ $json.text }}' },
			[{ json: {} }],
			'Invalid Text in Send to All Users (content.content): must contain every field the message type needs to be displayed (RC:TxtMsg needs "content" (parameter text)). Its expression {{ $json.text }} found nothing for this item',
		],
		['an option, by its group', { options: { os: 'Windows' } }, [], 'Invalid Options → Push Notification OS in Send to All Users (options.os): must be iOS or Android'],
		[
			'a vendor field, by its groups',
			{ pushExt: { pushConfigs: { HW: { image: 'http://e.com/a.png' } } } },
			[],
			'Invalid Push Settings → Vendor Settings → Huawei (HW) → Image URL in Send to All Users (pushExt.pushConfigs.HW.image): must be an https:// URL',
		],
		['Content (JSON) in JSON mode', { contentMode: 'json', content: '{"content":""}' }, [], 'Invalid Content (JSON) in Send to All Users (content.content)'],
	])('%s', async (_name, patch, items, words) => {
		const result = await runBroadcast(emulator, {
			parameters: { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'hello', ...patch },
			...(items.length ? { items } : {}),
		});
		expect(result.error?.message).toContain(words);
		expect((result.error as { description?: string }).description).toMatch(/^Nothing was sent for this item\. Fix .+ \(.+\) and run again\.$/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('Dry Run is on once added from Add Option; what a saved workflow holds (false, or no option) still sends', async () => {
		const options = new RongCloudBroadcast().description.properties.filter((p) => p.name === 'options');
		for (const collection of options) {
			const dryRun = (collection.options as INodeProperties[]).find((o) => o.name === 'dryRun');
			expect(dryRun?.default).toBe(true);
		}
		await runBroadcast(emulator, { parameters: { operation: 'sendOnline', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'a', options: { dryRun: false } } });
		await runBroadcast(emulator, { parameters: { operation: 'sendOnline', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'b' } });
		expect(emulator.requests).toHaveLength(2);
	});

	it('the nodes panel finds the node by recall, system message, push notification, announcement, RongCloud and Nexconn', () => {
		const codex = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'nodes', 'RongCloudBroadcast', 'RongCloudBroadcast.node.json'), 'utf8')) as { alias: string[] };
		const searchable = [new RongCloudBroadcast().description.displayName, ...codex.alias].map((word) => word.toLowerCase());
		for (const word of ['recall', 'system message', 'push notification', 'announcement', 'rongcloud', 'nexconn', 'send to users']) {
			expect(searchable.some((entry) => entry.includes(word))).toBe(true);
		}
	});
});
