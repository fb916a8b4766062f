/**
 * Attack: the words of a Send to Users run that stops: where something before the sending stops a
 * later attempt (Retry On Fail's next try cannot read the credential). Send to All Users lists what
 * an earlier try delivered (router.test.ts); a listed-user send keeps its record per recipient. And
 * a refusal in the middle of one item's list of recipients.
 */

import { VALID_SEND_TO_USERS } from '../../../support/ruleViolations';
import { runBroadcast } from '../../../support/runBroadcast';
import { ONE_PER_ITEM, perUser, users, withPacedEmulator } from './fakeClock';


describe('attack: the words of a Send to Users run that stops', () => {
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
		const error = result.error as Error & { description?: string };
		expect(error.message).toContain('Already delivered');
	});

	describe('one item listing 250 users; RongCloud refuses the second request (1009), the third is never sent', () => {
		const refusedMidList = async () => {
			paced.emulator.failNextWithCode(1009, { skip: 1 });
			const result = await runBroadcast(paced.emulator, { parameters: { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.ids }}' }, items: [{ json: { ids: users(250) } }] });
			expect(paced.emulator.deliveries).toHaveLength(100);
			return result.error as Error & { description?: string; context: Record<string, unknown> };
		};

		it('the error does not call item 0 both delivered and not delivered', async () => {
			const error = await refusedMidList();
			const words = `${error.message} ${error.description ?? ''}`;
			expect(words.includes('Item 0 was not delivered') && words.includes('Already delivered in this run: item 0')).toBe(false);
		});

		it('the error says which recipients were delivered, as the README promises ("says which recipients were delivered")', async () => {
			const error = await refusedMidList();
			expect(JSON.stringify(error.context)).toContain('"u99"');
		});
	});
});
