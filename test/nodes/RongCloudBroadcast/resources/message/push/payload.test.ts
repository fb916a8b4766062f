/**
 * The notification of push.json where RongCloud's sources differ, through the real execute()
 * against the emulator: the top-level alert (Go SDK v4 lets both platform alerts stand in for it,
 * its Java SDK and the Go SDK's master branch mark it required) and the iOS title (no source
 * limits it). What some source allows is sent; the output item says what the others say.
 */
import { NodeOperationError, type INodeParameters } from 'n8n-workflow';

import { PATHS } from '../../../../../support/emulator';
import { VALID_PUSH } from '../../../../../support/ruleViolations';
import { outputJson, runBroadcast } from '../../../../../support/runBroadcast';
import { withEmulator } from '../../../../../support/withEmulator';

const pushParameters = (patch: INodeParameters = {}): INodeParameters => ({ ...VALID_PUSH, ...patch });

const ALERT_LEFT_OUT =
	'Alert left out: sent with only the iOS Alert and the Android Alert, as RongCloud\'s Go SDK v4 allows; its Java SDK and the Go SDK\'s master branch mark alert required. HarmonyOS devices get the HarmonyOS Alert only when it is set.';

describe('push: the top-level alert', () => {
	const emulator = withEmulator();

	it('left out when the iOS Alert and the Android Alert are both given: sent without it, with a warning naming the sources', async () => {
		const notification = { iosAlert: 'Sale (iOS)', androidAlert: 'Sale (Android)' };
		const [json] = outputJson(await runBroadcast(emulator, { parameters: pushParameters({ alert: '', notification }) }));
		expect(emulator.requestsTo(PATHS.push).map((r) => (r.json as { notification: unknown }).notification)).toEqual([
			{ ios: { alert: 'Sale (iOS)' }, android: { alert: 'Sale (Android)' } },
		]);
		expect(json).toMatchObject({ code: 200, warning: ALERT_LEFT_OUT });
	});

	it('the Dry Run item shows the same warning', async () => {
		const notification = { iosAlert: 'Sale (iOS)', androidAlert: 'Sale (Android)' };
		const [json] = outputJson(await runBroadcast(emulator, { parameters: pushParameters({ alert: ' ', notification, options: { dryRun: true } }) }));
		expect(emulator.requests).toHaveLength(0);
		expect(json).toMatchObject({ dryRun: true, warning: ALERT_LEFT_OUT });
		expect((json.body as { notification: unknown }).notification).toEqual({ ios: { alert: 'Sale (iOS)' }, android: { alert: 'Sale (Android)' } });
	});

	it('given, it is sent beside the platform alerts, with no warning', async () => {
		const notification = { iosAlert: 'Sale (iOS)', androidAlert: 'Sale (Android)' };
		const [json] = outputJson(await runBroadcast(emulator, { parameters: pushParameters({ alert: 'Sale', notification }) }));
		expect((emulator.requestsTo(PATHS.push)[0].json as { notification: { alert: string } }).notification.alert).toBe('Sale');
		expect(json).not.toHaveProperty('warning');
	});

	it.each([
		['only the iOS Alert', { iosAlert: 'Sale (iOS)' }],
		['only the Android Alert', { androidAlert: 'Sale (Android)' }],
		// Go SDK v4 names the iOS and the Android alert; Java marks alert required and the HarmonyOS alert an override.
		['the iOS and the HarmonyOS Alert', { iosAlert: 'Sale (iOS)', harmonyOSAlert: 'Sale (HarmonyOS)' }],
		['no alert at all', {}],
	])('still required with %s: refused, naming the rule, nothing sent', async (_name, notification) => {
		const result = await runBroadcast(emulator, { parameters: pushParameters({ alert: '', notification }) });
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe(
			'Invalid Alert in Push Notification (alert): is required unless both the iOS Alert and the Android Alert are given (Notification Options): the text of the notification [item 0]',
		);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('push: the iOS title', () => {
	const emulator = withEmulator();

	it('is not limited to 50 characters (neither RongCloud\'s Java nor its Go SDK limits it): 120 characters are sent as given, with no warning', async () => {
		const iosTitle = 'T'.repeat(120);
		const [json] = outputJson(await runBroadcast(emulator, { parameters: pushParameters({ notification: { iosTitle } }) }));
		expect((emulator.requestsTo(PATHS.push)[0].json as { notification: { ios: { title: string } } }).notification.ios.title).toBe(iosTitle);
		expect(json).toMatchObject({ code: 200 });
		expect(json).not.toHaveProperty('warning');
	});

	it('the top-level title keeps its 50 characters, which both SDKs state', async () => {
		const result = await runBroadcast(emulator, { parameters: pushParameters({ notification: { title: 'T'.repeat(51) } }) });
		expect(result.error?.message).toContain('(notification.title): must be at most 50 characters (got 51 characters)');
		expect(emulator.requests).toHaveLength(0);
	});
});
