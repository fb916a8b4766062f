/**
 * What the editor says about two push settings, checked against what they do: `os` picks which
 * operating system gets the push notification (RongCloud's SDK doc comments), the message itself
 * still reaches every user; Xiaomi no longer shows `large_icon_uri`, which is still sent when set;
 * the HarmonyOS image formats are those RongCloud's Java SDK lists (HarmonyOSPlatformNotification).
 */
import type { INodeProperties } from 'n8n-workflow';

import { RongCloudBroadcast } from '../../../nodes/RongCloudBroadcast/RongCloudBroadcast.node';
import { PATHS } from '../../support/emulator';
import { outputJson, runBroadcast } from '../../support/runBroadcast';
import { walkProperties } from '../../support/walkProperties';
import { withEmulator } from '../../support/withEmulator';

const located = (name: string): INodeProperties[] =>
	walkProperties(new RongCloudBroadcast().description.properties)
		.filter(({ property }) => property.name === name)
		.map(({ property }) => property);

const SEND = { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', contentMode: 'fields', text: 'hi' };

describe('push settings say what they do', () => {
	const emulator = withEmulator();

	it('os: the editor says it chooses which operating system gets the push notification, not who gets the message; it is sent as chosen', async () => {
		const [os] = located('os');
		expect(os.displayName).toBe('Push Notification OS');
		expect(os.description).toBe(
			'Which operating system gets the push notification that offline users receive (iOS or Android). The message itself still reaches every user on every platform. Leave this option out to push to both.',
		);
		const [json] = outputJson(await runBroadcast(emulator, { parameters: { ...SEND, options: { os: 'iOS' } } }));
		expect(json.code).toBe(200);
		expect(emulator.requestsTo(PATHS.broadcast)[0].form).toMatchObject({ os: 'iOS' });
		const refused = await runBroadcast(emulator, { parameters: { ...SEND, options: { os: 'Windows' } } });
		expect(refused.error?.message).toContain('(options.os): must be iOS or Android (leave it out to push to both)');
	});

	it('MI large_icon_uri: the editor says Xiaomi no longer shows it, wherever it is offered; a value given is still sent', async () => {
		const icons = located('large_icon_uri');
		// pushExt of Send to All Users and of Send to Users, and the vendor settings of Push Notification.
		expect(icons).toHaveLength(3);
		for (const icon of icons) {
			expect(icon.description).toBe(
				'Xiaomi no longer shows this icon: it dropped support for the large icon, so on current devices this has no effect. Sent as given when set (an absolute URL of a 120x120 px PNG or JPG).',
			);
		}
		await runBroadcast(emulator, { parameters: { ...SEND, pushExt: { pushConfigs: { MI: { large_icon_uri: 'https://e.com/m.png' } } } } });
		expect(JSON.parse(emulator.requestsTo(PATHS.broadcast)[0].form!.pushExt)).toEqual({ pushConfigs: [{ MI: { large_icon_uri: 'https://e.com/m.png' } }] });
	});

	it('OHOS image: the editor lists png, jpg, jpeg, heif, gif and bmp under 25,000 pixels, wherever it is offered; a HEIF image is sent', async () => {
		const images = located('image').filter((property) => /HarmonyOS/.test(property.description ?? ''));
		// pushExt of Send to All Users and of Send to Users, and the vendor settings of Push Notification.
		expect(images).toHaveLength(3);
		for (const image of images) {
			expect(image.description).toBe(
				'HTTPS URL of the large icon on the right of the HarmonyOS notification (png, jpg, jpeg, heif, gif or bmp, under 25,000 pixels (width × height); otherwise the device does not show the notification)',
			);
		}
		await runBroadcast(emulator, { parameters: { operation: 'push', platform: ['android'], audience: 'all', alert: 'hi', notification: { vendorSettings: { OHOS: { image: 'https://e.com/h.heif' } } } } });
		expect((emulator.requestsTo(PATHS.push)[0].json as { notification: unknown }).notification).toEqual({ alert: 'hi', harmonyOS: { ohos: { image: 'https://e.com/h.heif' } } });
	});
});
