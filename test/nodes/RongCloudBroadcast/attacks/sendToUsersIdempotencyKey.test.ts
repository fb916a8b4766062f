/**
 * Attack: Send to Users with an Idempotency Key (msgRandom). RongCloud keeps one request per key
 * for a minute; the node splits a list into requests of 100 and gives each request the item's key.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET, startEmulator, type RongCloudEmulator } from '../../../support/emulator';
import { VALID_SEND_TO_USERS } from '../../../support/ruleViolations';
import { runBroadcast } from '../../../support/runBroadcast';
import { FakeClock, useFakeClock } from './fakeClock';

const users = (count: number) => Array.from({ length: count }, (_, index) => `u${index}`);
const perUser = (userIds: string[]): INodeExecutionData[] => userIds.map((userId) => ({ json: { userId } }));

describe('attack: Send to Users with an Idempotency Key', () => {
	let clock: FakeClock;
	let restore: () => void;
	let emulator: RongCloudEmulator;
	beforeEach(async () => {
		clock = new FakeClock();
		restore = useFakeClock(clock);
		emulator = await startEmulator({ now: clock.now });
		emulator.setApp({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, idempotency: true });
	});
	afterEach(async () => {
		restore();
		await emulator.close();
	});

	it('a list of 150 users with one Idempotency Key reaches all 150, or is refused before anything leaves; never "already delivered" for users who got nothing', async () => {
		const parameters: INodeParameters = { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.ids }}', options: { msgRandom: 42 } };
		const result = await runBroadcast(emulator, { parameters, items: [{ json: { ids: users(150) } }] });
		const got = new Set(emulator.deliveries.map((delivery) => delivery.userId));
		if (result.error) {
			// A refusal is acceptable only if nothing left.
			expect(emulator.requests).toHaveLength(0);
			return;
		}
		const [json] = result.output![0].map((item) => item.json);
		const claimed = (json.toUserIds as string[]).filter((userId) => !got.has(userId));
		// Every user the item names as a success recipient got the message.
		expect({ alreadyDelivered: json.alreadyDelivered, usersWhoGotNothing: claimed.length }).toEqual({ alreadyDelivered: undefined, usersWhoGotNothing: 0 });
	});

	it('one user per item, 150 items sharing one Idempotency Key for the same message (the key\'s purpose): all 150 users get it', async () => {
		const parameters: INodeParameters = { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.userId }}', options: { msgRandom: 43 } };
		const result = await runBroadcast(emulator, { parameters, items: perUser(users(150)) });
		const got = new Set(emulator.deliveries.map((delivery) => delivery.userId));
		if (result.error) {
			expect(emulator.requests).toHaveLength(0);
			return;
		}
		const silentlyLost = result.output![0].map((item) => item.json as IDataObject).filter((json) => !got.has((json.toUserIds as string[])[0]));
		expect(silentlyLost.map((json) => ({ toUserIds: json.toUserIds, alreadyDelivered: json.alreadyDelivered }))).toEqual([]);
	});

	it('a repeated key answered by RongCloud (1002, "already used") reads as it does for Send to All Users: RongCloud\'s code, not 200, and the warning that says what happened', async () => {
		const parameters: INodeParameters = { ...VALID_SEND_TO_USERS, toUserIds: 'alice', options: { msgRandom: 44 } };
		await runBroadcast(emulator, { parameters });
		const repeated = await runBroadcast(emulator, { parameters });
		const [json] = repeated.output![0].map((item) => item.json);
		expect(json.alreadyDelivered).toBe(true);
		// The README: "a success item with alreadyDelivered: true and a warning".
		expect(json.code).toBe(1002);
		expect(String(json.warning ?? '')).toContain('Already delivered');
	});
});
