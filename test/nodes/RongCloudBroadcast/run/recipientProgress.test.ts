/**
 * The words of a Send to Users run that stops say which recipients were delivered (the README: "the
 * run stops and says which recipients were delivered"), recipient by recipient
 * (run/recipientProgress.ts): one item's list split over requests may be delivered to some, refused
 * for others and never sent to the rest. And where something before the sending stops a later
 * attempt (Retry On Fail's next try cannot read the credential), as Send to All Users lists what
 * an earlier try delivered (router.test.ts).
 */

import { ONE_PER_ITEM, perUser, users, withPacedEmulator } from '../../../support/fakeClock';
import { VALID_SEND_TO_USERS } from '../../../support/ruleViolations';
import { runBroadcast } from '../../../support/runBroadcast';

type ToldError = Error & { description?: string; context: Record<string, unknown> };

describe('a Send to Users run that stops says which recipients were delivered', () => {
	const paced = withPacedEmulator();

	it('try 1 delivers 100 of 150 users and is refused (1009); try 2 cannot read the credential: the error still says who was delivered', async () => {
		paced.emulator.failNextWithCode(1009, { skip: 1 });
		const result = await runBroadcast(paced.emulator, {
			parameters: ONE_PER_ITEM,
			items: perUser(users(150)),
			retryOnFail: { maxTries: 2 },
			credentialsUnreadableFromAttempt: 2,
		});
		expect(result.attempts).toBe(2);
		expect(paced.emulator.deliveries).toHaveLength(100);
		const error = result.error as ToldError;
		expect(error.message).toContain('Already delivered in this run: 100 items (0 to 99).');
		expect(error.description).toContain('item 0 (recipient u0)');
		const delivered = error.context.deliveredItems as Array<{ item: number; deliveredTo: string[] }>;
		expect(delivered.flatMap(({ deliveredTo }) => deliveredTo)).toEqual(users(100));
	});

	describe('one item listing 250 users; RongCloud refuses the second request (1009), the third is never sent', () => {
		const refusedMidList = async () => {
			paced.emulator.failNextWithCode(1009, { skip: 1 });
			const result = await runBroadcast(paced.emulator, { parameters: { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.ids }}' }, items: [{ json: { ids: users(250) } }] });
			expect(paced.emulator.deliveries).toHaveLength(100);
			return result.error as ToldError;
		};

		it('the error does not call item 0 both delivered and not delivered', async () => {
			const error = await refusedMidList();
			const words = `${error.message} ${error.description ?? ''}`;
			expect(words.includes('Item 0 was not delivered') && words.includes('Already delivered in this run: item 0')).toBe(false);
		});

		it('the words name a few recipients of each kind and count the rest; the context lists every one', async () => {
			const error = await refusedMidList();
			expect(error.description).toContain('This request, to 100 recipients (u100, u101, u102 and 97 more) of item 0, was not delivered.');
			expect(error.description).toContain('Already delivered in this run: item 0 (100 of 250 recipients: u0, u1, u2 and 97 more).');
			expect(error.description).toContain('Not attempted: 50 recipients of item 0 (u200, u201, u202 and 47 more).');
			expect(error.context.deliveredItems).toEqual([{ item: 0, delivered: '100 of 250 recipients: u0, u1, u2 and 97 more', deliveredTo: users(100) }]);
			expect(error.context.notDeliveredTo).toEqual(users(200).slice(100));
			expect(error.context.notAttemptedRecipients).toEqual([{ item: 0, userIds: users(250).slice(200) }]);
		});
	});
});
