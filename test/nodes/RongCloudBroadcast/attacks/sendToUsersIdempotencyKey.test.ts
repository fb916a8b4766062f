/**
 * Attack: Send to Users with an Idempotency Key (msgRandom). RongCloud keeps one request per key
 * for a minute; the node splits a list into requests of 100 and gives each request the item's key.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET } from '../../../support/emulator';
import { VALID_SEND_TO_USERS } from '../../../support/ruleViolations';
import { runBroadcast } from '../../../support/runBroadcast';
import { perUser, users, withPacedEmulator } from './fakeClock';


describe('attack: Send to Users with an Idempotency Key', () => {
	const paced = withPacedEmulator();
	beforeEach(() => {
		paced.emulator.setApp({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, idempotency: true });
	});

	it('a list of 150 users with one Idempotency Key reaches all 150, or is refused before anything leaves; never "already delivered" for users who got nothing', async () => {
		const parameters: INodeParameters = { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.ids }}', options: { msgRandom: 42 } };
		const result = await runBroadcast(paced.emulator, { parameters, items: [{ json: { ids: users(150) } }] });
		const got = new Set(paced.emulator.deliveries.map((delivery) => delivery.userId));
		if (result.error) {
			// A refusal is acceptable only if nothing left.
			expect(paced.emulator.requests).toHaveLength(0);
			return;
		}
		const [json] = result.output![0].map((item) => item.json);
		const claimed = (json.toUserIds as string[]).filter((userId) => !got.has(userId));
		// Every user the item names as a success recipient got the message.
		expect({ alreadyDelivered: json.alreadyDelivered, usersWhoGotNothing: claimed.length }).toEqual({ alreadyDelivered: undefined, usersWhoGotNothing: 0 });
	});

	it('one user per item, 150 items sharing one Idempotency Key for the same message (the key\'s purpose): all 150 users get it', async () => {
		const parameters: INodeParameters = { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.userId }}', options: { msgRandom: 43 } };
		const result = await runBroadcast(paced.emulator, { parameters, items: perUser(users(150)) });
		const got = new Set(paced.emulator.deliveries.map((delivery) => delivery.userId));
		if (result.error) {
			expect(paced.emulator.requests).toHaveLength(0);
			return;
		}
		const silentlyLost = result.output![0].map((item) => item.json as IDataObject).filter((json) => !got.has((json.toUserIds as string[])[0]));
		expect(silentlyLost.map((json) => ({ toUserIds: json.toUserIds, alreadyDelivered: json.alreadyDelivered }))).toEqual([]);
	});

	it('a repeated key answered by RongCloud (1002, "already used") reads as it does for Send to All Users: RongCloud\'s code, not 200, and the warning that says what happened', async () => {
		const parameters: INodeParameters = { ...VALID_SEND_TO_USERS, toUserIds: 'alice', options: { msgRandom: 44 } };
		await runBroadcast(paced.emulator, { parameters });
		const repeated = await runBroadcast(paced.emulator, { parameters });
		const [json] = repeated.output![0].map((item) => item.json);
		expect(json.alreadyDelivered).toBe(true);
		// The README: "a success item with alreadyDelivered: true and a warning".
		expect(json.code).toBe(1002);
		expect(String(json.warning ?? '')).toContain('Already delivered');
	});
});
