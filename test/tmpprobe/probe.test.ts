import { VALID_SEND_TO_USERS } from '../support/ruleViolations';
import { runBroadcast } from '../support/runBroadcast';
import { ONE_PER_ITEM, perUser, users, withPacedEmulator } from '../nodes/RongCloudBroadcast/attacks/fakeClock';

describe('probe', () => {
	const paced = withPacedEmulator();
	it('words', async () => {
		paced.emulator.failNextWithCode(1009, { skip: 1 });
		const result = await runBroadcast(paced.emulator, { parameters: { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.ids }}' }, items: [{ json: { ids: users(250) } }] });
		const e = result.error as any;
		console.log(e.message, '\n', e.description, '\n', JSON.stringify(e.context).slice(0, 600));
	});
	it('retry on fail', async () => {
		paced.emulator.failNextWithCode(1009, { skip: 1 });
		const result = await runBroadcast(paced.emulator, { parameters: ONE_PER_ITEM, items: perUser(users(150)), retryOnFail: { maxTries: 2 }, credentialsUnreadableFromAttempt: 2 });
		const e = result.error as any;
		console.log(e.message, '\n', e.description, '\n', JSON.stringify(e.context).slice(0, 600));
	});
	it('concurrent', async () => {
		paced.emulator.failNextWithCode(1009);
		const failed = await runBroadcast(paced.emulator, { parameters: ONE_PER_ITEM, items: perUser(users(250)), executionId: '71' });
		const [a, b] = await Promise.all([
			runBroadcast(paced.emulator, { parameters: ONE_PER_ITEM, retryOf: failed, executionId: '72' }),
			runBroadcast(paced.emulator, { parameters: ONE_PER_ITEM, retryOf: failed, executionId: '73' }),
		]);
		for (const r of [a, b]) {
			const e = r.error as any;
			console.log(e?.message, '\n', e?.description?.slice(0, 800), '\n', JSON.stringify(r.output?.[0]?.slice(0, 2)));
		}
		console.log(paced.emulator.requests.length, paced.emulator.deliveries.length);
	});
});
