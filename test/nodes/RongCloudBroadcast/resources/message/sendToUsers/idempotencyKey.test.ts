/**
 * Send to Users with an Idempotency Key (msgRandom): RongCloud keeps one request per key for a
 * minute, so each request of a split list carries its own key (the first the key as given, each
 * later one a key derived from it and its place), the same on every attempt; RongCloud's answer to a
 * repeat reads as it does for Send to All Users.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { requestKey } from '../../../../../../nodes/RongCloudBroadcast/run/recipientGroups';
import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET, PATHS } from '../../../../../support/emulator';
import { perUser, users, withPacedEmulator } from '../../../../../support/fakeClock';
import { VALID_SEND_TO_USERS } from '../../../../../support/ruleViolations';
import { runBroadcast } from '../../../../../support/runBroadcast';

describe('Send to Users with an Idempotency Key reaches every recipient, each request under its own key', () => {
	const paced = withPacedEmulator();
	beforeEach(() => {
		paced.emulator.setApp({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, idempotency: true });
	});
	const keysSent = () => paced.emulator.requestsTo(PATHS.systemPublish).map((request) => request.form?.msgRandom);
	const got = () => new Set(paced.emulator.deliveries.map((delivery) => delivery.userId));

	it('a list of 150 users with one key: two requests, keys 42 and the one derived for the second, all 150 delivered, none "already delivered"', async () => {
		const parameters: INodeParameters = { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.ids }}', options: { msgRandom: 42 } };
		const result = await runBroadcast(paced.emulator, { parameters, items: [{ json: { ids: users(150) } }] });
		expect(result.error?.message).toBeUndefined();
		expect(keysSent()).toEqual(['42', requestKey('42', 1)]);
		const [json] = result.output![0].map((item) => item.json);
		expect(json.alreadyDelivered).toBeUndefined();
		expect((json.toUserIds as string[]).filter((userId) => !got().has(userId))).toEqual([]);
	});

	it('one user per item, 150 items sharing one key for the same message (the key\'s purpose): all 150 users get it', async () => {
		const parameters: INodeParameters = { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.userId }}', options: { msgRandom: 43 } };
		const result = await runBroadcast(paced.emulator, { parameters, items: perUser(users(150)) });
		expect(result.error?.message).toBeUndefined();
		const silentlyLost = result.output![0].map((item) => item.json as IDataObject).filter((json) => !got().has((json.toUserIds as string[])[0]));
		expect(silentlyLost.map((json) => ({ toUserIds: json.toUserIds, alreadyDelivered: json.alreadyDelivered }))).toEqual([]);
	});

	it('Retry On Fail sends a refused request again under the same key it carried the first time', async () => {
		paced.emulator.failNextWithCode(1009, { skip: 1 });
		const parameters: INodeParameters = { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.ids }}', options: { msgRandom: 45 } };
		const result = await runBroadcast(paced.emulator, { parameters, items: [{ json: { ids: users(150) } }], retryOnFail: { maxTries: 2 } });
		expect(result.error?.message).toBeUndefined();
		expect(keysSent()).toEqual(['45', requestKey('45', 1), requestKey('45', 1)]);
		expect(got().size).toBe(150);
	});

	it('a repeated key answered by RongCloud (1002, "already used") reads as for Send to All Users: RongCloud\'s code, alreadyDelivered and the warning', async () => {
		const parameters: INodeParameters = { ...VALID_SEND_TO_USERS, toUserIds: 'alice', options: { msgRandom: 44 } };
		await runBroadcast(paced.emulator, { parameters });
		const repeated = await runBroadcast(paced.emulator, { parameters });
		const [json] = repeated.output![0].map((item) => item.json);
		expect(json).toMatchObject({ code: 1002, alreadyDelivered: true });
		expect(String(json.warning ?? '')).toContain('Already delivered: RongCloud answered code 1002');
		expect(paced.emulator.deliveries).toHaveLength(1);
	});
});
