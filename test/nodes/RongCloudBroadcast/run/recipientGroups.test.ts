/**
 * Items of Send to Users that send the same message form one group: "a user listed twice for the
 * same message receives it once" (README) holds whatever the items' own settings for the request,
 * which the group takes at their strictest. Each request of a group keeps its place, and its
 * Idempotency Key, from one attempt to the next.
 */
import type { INodeParameters } from 'n8n-workflow';

import { groupItems, requestKey, requestsOf } from '../../../../nodes/RongCloudBroadcast/run/recipientGroups';
import type { ItemCall } from '../../../../nodes/RongCloudBroadcast/run/types';
import { PATHS } from '../../../support/emulator';
import { withPacedEmulator } from '../../../support/fakeClock';
import { VALID_SEND_TO_USERS } from '../../../support/ruleViolations';
import { runBroadcast } from '../../../support/runBroadcast';

describe('Send to Users: one message, items with different request settings, each user once', () => {
	const paced = withPacedEmulator();
	const copiesOf = (userId: string) => paced.emulator.deliveries.filter((delivery) => delivery.userId === userId).length;

	it.each<[string, INodeParameters]>([
		['Timeout', { timeout: '={{ $json.timeout }}' }],
		['Recipients per Second', { recipientsPerSecond: '={{ $json.rate }}' }],
		['Send Again on Retry', { sendAgainOnRetry: '={{ $json.again }}' }],
	])('a user listed by two items with the same message but a different %s receives it once', async (_name, options) => {
		const parameters: INodeParameters = { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.ids }}', options };
		const items = [
			{ json: { ids: ['alice', 'bob'], timeout: 5000, rate: 100, again: false } },
			{ json: { ids: ['bob', 'carol'], timeout: 6000, rate: 200, again: true } },
		];
		const result = await runBroadcast(paced.emulator, { parameters, items });
		expect(result.error?.message).toBeUndefined();
		expect(['alice', 'bob', 'carol'].map(copiesOf)).toEqual([1, 1, 1]);
	});

	it('the group paces at the lowest Recipients per Second of its items', async () => {
		const parameters: INodeParameters = { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.ids }}', options: { recipientsPerSecond: '={{ $json.rate }}' } };
		const items = [{ json: { ids: ['alice', 'bob'], rate: 100 } }, { json: { ids: ['carol'], rate: 1 } }];
		const result = await runBroadcast(paced.emulator, { parameters, items });
		expect(result.error?.message).toBeUndefined();
		expect(paced.emulator.requestsTo(PATHS.systemPublish).map((request) => request.formValues?.toUserId)).toEqual([['alice'], ['bob'], ['carol']]);
	});

	it('a Dry Run item never shares a request with one that sends', async () => {
		const parameters: INodeParameters = { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.ids }}', options: { dryRun: '={{ $json.dry }}' } };
		const items = [{ json: { ids: ['alice'], dry: true } }, { json: { ids: ['bob'], dry: false } }];
		const result = await runBroadcast(paced.emulator, { parameters, items });
		expect(result.error?.message).toBeUndefined();
		expect(paced.emulator.deliveries.map((delivery) => delivery.userId)).toEqual(['bob']);
	});
});

describe('groupItems: the strictest settings of a group\'s items', () => {
	const call = (userIds: string[], timeout: number, perSecond: number, sendAgainOnRetry: boolean): ItemCall => ({
		prepared: { body: { type: 'form', fields: { fromUserId: 'system', toUserId: [], objectName: 'RC:TxtMsg', content: '{}' } }, summary: {}, recipients: { userIds, perSecond } },
		request: { path: '/message/system/publish.json', body: { type: 'form', fields: {} }, timeout },
		dryRun: false,
		sendAgainOnRetry,
		summary: {},
		expectedResults: [],
		warnings: [],
	});

	it('the longest Timeout, the lowest Recipients per Second, Send Again on Retry only if every item asks for it', () => {
		const { groups } = groupItems([call(['a'], 5000, 100, true), call(['b'], 9000, 40, true), call(['c'], 7000, 60, false)]);
		expect(groups).toHaveLength(1);
		const [{ template, parts }] = groups;
		expect({ timeout: template.request.timeout, perSecond: template.prepared.recipients?.perSecond, sendAgainOnRetry: template.sendAgainOnRetry }).toEqual({ timeout: 9000, perSecond: 40, sendAgainOnRetry: false });
		expect(parts.map(({ userId }) => userId)).toEqual(['a', 'b', 'c']);
	});

	it('requests of at most the rate, the first with the items\' key, each later one with its own', () => {
		const keyed = call(['a', 'b', 'c'], 5000, 1, false);
		if (keyed.prepared.body.type === 'form') keyed.prepared.body.fields.msgRandom = '42';
		const { groups } = groupItems([keyed]);
		const requests = requestsOf(groups[0], 100);
		expect(requests.map(({ parts }) => parts.map(({ userId }) => userId))).toEqual([['a'], ['b'], ['c']]);
		const keys = requests.map(({ template }) => template.request.idempotencyKey ?? (template.prepared.body.type === 'form' ? template.prepared.body.fields.msgRandom : undefined));
		expect(keys).toEqual(['42', requestKey('42', 1), requestKey('42', 2)]);
		expect(requests.map(({ template }) => (template.prepared.body.type === 'form' ? template.prepared.body.fields.msgRandom : undefined))).toEqual(keys);
	});
});

describe('requestKey: one key per request, derived, within the option\'s range', () => {
	it('the first request keeps the key; later ones get distinct positive whole numbers of at most 53 bits, the same every time', () => {
		const keys = Array.from({ length: 1000 }, (_, position) => requestKey('-7', position));
		expect(keys[0]).toBe('-7');
		expect(new Set(keys).size).toBe(1000);
		for (const key of keys.slice(1)) {
			expect(key).toMatch(/^\d+$/);
			expect(Number.isSafeInteger(Number(key))).toBe(true);
		}
		expect(requestKey('-7', 5)).toBe(keys[5]);
		expect(requestKey('-8', 5)).not.toBe(keys[5]);
	});
});
