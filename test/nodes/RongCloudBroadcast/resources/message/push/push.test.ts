import { NodeApiError, NodeOperationError, type INodeParameters } from 'n8n-workflow';

import { BROADCAST_QUOTA } from '../../../../../../credentials/common/rongcloud/codes';
import {
	DEFAULT_APP_KEY,
	DEFAULT_APP_SECRET,
	PATHS,
	startEmulator,
	type RongCloudEmulator,
} from '../../../../../support/emulator';
import { readExample, rongCloudNodesInOrder, runExampleChain, withDryRunOff } from '../../../../../support/examples';
import { VALID_PUSH } from '../../../../../support/ruleViolations';
import { outputJson, runBroadcast } from '../../../../../support/runBroadcast';
import { withEmulator } from '../../../../../support/withEmulator';

const pushParameters = (patch: INodeParameters = {}): INodeParameters => ({ ...VALID_PUSH, ...patch });
const list = (count: number, prefix: string): string => Array.from({ length: count }, (_, i) => `${prefix}${i}`).join(',');

/** Every Notification Option and every vendor field push.json knows, filled. */
const FULL_NOTIFICATION = {
	title: 'Flash sale',
	forceShowPushContent: true,
	iosTitle: 'Flash sale (iOS)',
	iosAlert: '50% off for 2 hours (iOS)',
	iosBadge: 0,
	iosContentAvailable: true,
	iosCategory: 'SALE',
	iosExtras: '{"orderId": 7, "vip": true, "tab": "deals"}',
	androidAlert: '50% off for 2 hours (Android)',
	androidExtras: '={{ { "tab": "deals" } }}',
	harmonyOSAlert: '50% off for 2 hours (HarmonyOS)',
	harmonyOSExtras: '{"tab": "deals", "page": 2}',
	vendorSettings: {
		APNs: { threadId: 'sales', apnsCollapseId: 'sale-1', richMediaUri: 'https://e.com/r.png', interruptionLevel: 'time-sensitive' },
		HW: { channelId: 'hw-c', importance: 'LOW', image: 'https://e.com/h.png', category: 'MARKETING' },
		HONOR: { importance: 'NORMAL', image: 'https://e.com/o.png' },
		MI: { channelId: 'mi-c', large_icon_uri: 'https://e.com/m.png' },
		OPPO: { channelId: 'oppo-c', category: 'MARKETING', notify_level: 2 },
		VIVO: { classification: 0, category: 'MARKETING' },
		FCM: { channelId: 'fcm-c', collapse_key: 'sale', imageUrl: 'https://e.com/f.png' },
		OHOS: { category: 'MARKETING', image: 'https://e.com/h.png' },
	},
};

const FULL_NOTIFICATION_ON_THE_WIRE = {
	alert: '50% off for 2 hours',
	title: 'Flash sale',
	forceShowPushContent: 1,
	ios: {
		title: 'Flash sale (iOS)',
		alert: '50% off for 2 hours (iOS)',
		badge: 0,
		contentAvailable: 1,
		category: 'SALE',
		'thread-id': 'sales',
		'apns-collapse-id': 'sale-1',
		richMediaUri: 'https://e.com/r.png',
		'interruption-level': 'time-sensitive',
		extras: { orderId: '7', vip: 'true', tab: 'deals' },
	},
	android: {
		alert: '50% off for 2 hours (Android)',
		hw: { channelId: 'hw-c', importance: 'LOW', image: 'https://e.com/h.png', category: 'MARKETING' },
		honor: { importance: 'NORMAL', image: 'https://e.com/o.png' },
		mi: { channelId: 'mi-c', large_icon_uri: 'https://e.com/m.png' },
		oppo: { channelId: 'oppo-c', category: 'MARKETING', notify_level: 2 },
		vivo: { classification: '0', category: 'MARKETING' },
		fcm: { channelId: 'fcm-c', collapse_key: 'sale', imageUrl: 'https://e.com/f.png' },
		extras: { tab: 'deals' },
	},
	// As RongCloud's Java SDK sends it: alert, extras, and the OHOS vendor settings under "ohos".
	harmonyOS: {
		alert: '50% off for 2 hours (HarmonyOS)',
		extras: { tab: 'deals', page: '2' },
		ohos: { category: 'MARKETING', image: 'https://e.com/h.png' },
	},
};

describe('push: Push Notification on the wire', () => {
	const emulator = withEmulator();

	const pushOnce = async (parameters: INodeParameters, items?: Array<{ json: Record<string, string | number> }>) => {
		const result = await runBroadcast(emulator, { parameters, items });
		return { output: outputJson(result), bodies: emulator.requestsTo(PATHS.push).map((r) => r.json) };
	};

	it('every field: tags (AND) trimmed and deduplicated, the whole notification, a system message; the output carries the push id and the message\'s messageUID', async () => {
		const result = await runBroadcast(emulator, {
			parameters: pushParameters({
				audience: 'tag',
				tags: ' vip , beijing,,vip ',
				alert: '50% off for 2 hours',
				notification: FULL_NOTIFICATION,
				sendMessage: true,
				fromUserId: 'shop',
				objectName: 'RC:TxtMsg',
				contentMode: 'fields',
				text: 'Flash sale: 50% off for 2 hours',
				options: { disableUpdateLastMsg: true },
			}),
		});
		const [json] = outputJson(result);
		expect(emulator.requests).toHaveLength(1);
		const [request] = emulator.requestsTo(PATHS.push);
		expect(request.signatureValid).toBe(true);
		expect(request.headers['app-key']).toBe(DEFAULT_APP_KEY);
		expect(request.headers['content-type']).toBe('application/json');
		expect(request.json).toEqual({
			platform: ['ios', 'android'],
			fromuserid: 'shop',
			audience: { tag: ['vip', 'beijing'], is_to_all: false },
			notification: FULL_NOTIFICATION_ON_THE_WIRE,
			message: {
				content: '{"content":"Flash sale: 50% off for 2 hours"}',
				objectName: 'RC:TxtMsg',
				disableUpdateLastMsg: true,
			},
		});
		expect(json).toEqual({
			code: 200,
			id: (request.response?.body as { id: string }).id,
			messageUID: (request.response?.body as { messageUID: string }).messageUID,
			requestId: request.headers['x-request-id'],
			sentTime: expect.any(Number),
			platform: ['ios', 'android'],
			audience: 'tag',
			fromUserId: 'shop',
			objectName: 'RC:TxtMsg',
		});
		expect(result.output![0][0].pairedItem).toEqual({ item: 0 });
	});

	it('the smallest push: all users, the alert only; no fromuserid, no message', async () => {
		const { output, bodies } = await pushOnce(pushParameters());
		expect(bodies).toEqual([{ platform: ['ios', 'android'], audience: { is_to_all: true }, notification: { alert: 'hello' } }]);
		expect(output[0]).toMatchObject({ code: 200, platform: ['ios', 'android'], audience: 'all' });
		expect(output[0]).not.toHaveProperty('fromUserId');
	});

	it.each([
		['tag_or', { audience: 'tag_or', tags: 'vip,beijing' }, { tag_or: ['vip', 'beijing'], is_to_all: false }],
		['userid from an array, numbers as text', { audience: 'userid', userIds: '={{ [1001, "u2", " u3 "] }}' }, { userid: ['1001', 'u2', 'u3'], is_to_all: false }],
		['userid, one per line', { audience: 'userid', userIds: 'u1\nu2\n' }, { userid: ['u1', 'u2'], is_to_all: false }],
		['packageName', { audience: 'packageName', packageName: ' com.example.student ' }, { packageName: 'com.example.student', is_to_all: false }],
	])('audience %s', async (_name, patch, audience) => {
		const { output, bodies } = await pushOnce(pushParameters(patch));
		expect(bodies[0]).toEqual({ platform: ['ios', 'android'], audience, notification: { alert: 'hello' } });
		expect(output[0].audience).toBe(patch.audience);
	});

	it.each([
		[
			'tags (AND) narrowed by tags (OR) and a package',
			{ audience: 'tag', tags: 'vip', audienceFilters: { tag_or: 'beijing, shanghai', packageName: 'com.example.shop' } },
			{ tag: ['vip'], tag_or: ['beijing', 'shanghai'], packageName: 'com.example.shop', is_to_all: false },
		],
		['tags (OR) narrowed by tags (AND)', { audience: 'tag_or', tags: 'a,b', audienceFilters: { tag: '={{ ["vip"] }}' } }, { tag: ['vip'], tag_or: ['a', 'b'], is_to_all: false }],
		['a package narrowed by tags (AND)', { audience: 'packageName', packageName: 'com.example.student', audienceFilters: { tag: 'grade-9' } }, { tag: ['grade-9'], packageName: 'com.example.student', is_to_all: false }],
	])('combined audience: %s (AND between them)', async (_name, patch, audience) => {
		const { output, bodies } = await pushOnce(pushParameters(patch as INodeParameters));
		expect((bodies[0] as { audience: unknown }).audience).toEqual(audience);
		expect(output[0].audience).toBe(patch.audience);
	});

	it('a filter for the audience already chosen, or filters under All Users / User IDs, are not shown in the editor and not sent', async () => {
		await pushOnce(pushParameters({ audience: 'tag', tags: 'vip', audienceFilters: { tag: 'other' } }));
		await pushOnce(pushParameters({ audience: 'all', audienceFilters: { tag_or: 'x' } }));
		const bodies = emulator.requestsTo(PATHS.push).map((r) => (r.json as { audience: unknown }).audience);
		expect(bodies).toEqual([{ tag: ['vip'], is_to_all: false }, { is_to_all: true }]);
	});

	it('every limit holds in a combined audience: 20 tags each way pass, 21 in a filter do not', async () => {
		await pushOnce(pushParameters({ audience: 'tag', tags: list(20, 'a'), audienceFilters: { tag_or: list(20, 'o') } }));
		expect(emulator.requests[0].response?.status).toBe(200);
		emulator.reset();
		const result = await runBroadcast(emulator, {
			parameters: pushParameters({ audience: 'tag', tags: 'vip', audienceFilters: { tag_or: list(21, 'o') } }),
		});
		expect(result.error?.message).toContain('(audienceFilters.tag_or): must hold at most 20 tags (got 21)');
		expect(emulator.requests).toHaveLength(0);
	});

	it('an added filter that resolves to nothing is refused: leaving it out would reach more users than asked', async () => {
		const result = await runBroadcast(emulator, {
			parameters: pushParameters({ audience: 'tag_or', tags: 'vip', audienceFilters: { packageName: '={{ $json.pkg }}' } }),
			items: [{ json: {} }],
		});
		expect(result.error?.message).toContain('(audienceFilters.packageName): each added filter needs a value');
		expect(emulator.requests).toHaveLength(0);
	});

	it('HarmonyOS alone: only the fields given, the OHOS image must be https://', async () => {
		const { bodies } = await pushOnce(pushParameters({ notification: { vendorSettings: { OHOS: { category: 'IM' } } } }));
		expect((bodies[0] as { notification: unknown }).notification).toEqual({ alert: 'hello', harmonyOS: { ohos: { category: 'IM' } } });
	});

	it('vendor URLs: http:// and app links are fine for Xiaomi, FCM and APNs; VIVO classification goes as text', async () => {
		const { bodies } = await pushOnce(pushParameters({
			notification: {
				vendorSettings: {
					MI: { large_icon_uri: 'http://e.com/m.png' },
					FCM: { imageUrl: 'http://e.com/f.png' },
					APNs: { richMediaUri: 'myapp://sale/banner' },
					VIVO: { classification: 1 },
				},
			},
		}));
		expect((bodies[0] as { notification: unknown }).notification).toEqual({
			alert: 'hello',
			ios: { richMediaUri: 'myapp://sale/banner' },
			android: { mi: { large_icon_uri: 'http://e.com/m.png' }, vivo: { classification: '1' }, fcm: { imageUrl: 'http://e.com/f.png' } },
		});
	});

	it('one platform; a platform list from an expression is read case-insensitively', async () => {
		const android = await pushOnce(pushParameters({ platform: ['android'] }));
		expect((android.bodies[0] as { platform: string[] }).platform).toEqual(['android']);
		emulator.reset();
		const ios = await pushOnce(pushParameters({ platform: '={{ "iOS" }}' }));
		expect((ios.bodies[0] as { platform: string[] }).platform).toEqual(['ios']);
		expect(ios.output[0].platform).toEqual(['ios']);
	});

	it('the limits themselves pass: 20 tags, 1000 user IDs, a 50-character title (counted in characters, not UTF-16 units)', async () => {
		await pushOnce(pushParameters({ audience: 'tag', tags: list(20, 't') }));
		emulator.reset();
		await pushOnce(pushParameters({ audience: 'userid', userIds: list(1000, 'u') }));
		emulator.reset();
		await pushOnce(pushParameters({ notification: { title: '🎉'.repeat(50) } }));
		const [body] = emulator.requestsTo(PATHS.push).map((r) => r.json as { notification: { title: string } });
		expect(body.notification.title).toBe('🎉'.repeat(50));
	});

	it('a custom system message with JSON content; options added but off are sent as false', async () => {
		const { bodies } = await pushOnce(
			pushParameters({
				sendMessage: true,
				fromUserId: '={{ $json.sender }}',
				objectName: 'custom',
				customObjectName: 'App:Coupon',
				content: '{"code":"SALE50"}',
				notification: { forceShowPushContent: false, iosContentAvailable: false },
				options: { disableUpdateLastMsg: false },
			}),
			[{ json: { sender: 'shop' } }],
		);
		expect(bodies[0]).toEqual({
			platform: ['ios', 'android'],
			fromuserid: 'shop',
			audience: { is_to_all: true },
			notification: { alert: 'hello', forceShowPushContent: 0, ios: { contentAvailable: 0 } },
			message: { content: '{"code":"SALE50"}', objectName: 'App:Coupon', disableUpdateLastMsg: false },
		});
	});

	it('examples/push-to-tag.json as shipped: a dry run that shows the push to the tag segment and sends nothing', async () => {
		const [{ json }] = await runExampleChain(emulator, readExample('push-to-tag.json'));
		expect(emulator.requests).toHaveLength(0);
		expect(json[0]).toMatchObject({
			dryRun: true,
			url: `${emulator.baseUrl}${PATHS.push}`,
			audience: 'tag',
			fromUserId: 'shop',
			body: { audience: { tag: ['vip', 'beijing'], is_to_all: false }, fromuserid: 'shop', message: { objectName: 'RC:TxtMsg' } },
		});
	});

	it('examples/push-to-tag.json with Dry Run off: its push node reaches the tag segment with a system message', async () => {
		const [node] = rongCloudNodesInOrder(readExample('push-to-tag.json'));
		const { output, bodies } = await pushOnce(withDryRunOff(node.parameters));
		expect(output[0]).toMatchObject({ code: 200, audience: 'tag', fromUserId: 'shop' });
		expect(bodies[0]).toMatchObject({
			audience: { tag: ['vip', 'beijing'], is_to_all: false },
			fromuserid: 'shop',
			message: { objectName: 'RC:TxtMsg' },
		});
	});

	it('dry run sends nothing and shows the JSON body as it would be sent', async () => {
		const result = await runBroadcast(emulator, {
			parameters: pushParameters({ audience: 'tag', tags: 'vip', options: { dryRun: true } }),
		});
		const [json] = outputJson(result);
		expect(emulator.requests).toHaveLength(0);
		const body = { platform: ['ios', 'android'], audience: { tag: ['vip'], is_to_all: false }, notification: { alert: 'hello' } };
		expect(json).toMatchObject({ dryRun: true, method: 'POST', url: `${emulator.baseUrl}${PATHS.push}`, body, audience: 'tag' });
		expect((json.headers as Record<string, string>)['Content-Type']).toBe('application/json');
		expect(JSON.parse(json.encodedBody as string)).toEqual(body);
	});
});

describe('push: validation before anything is sent', () => {
	const emulator = withEmulator();

	const message = { sendMessage: true, fromUserId: 'shop', objectName: 'RC:TxtMsg', text: 'hi' };
	it.each([
		['an unknown platform', { platform: ['ios', 'windows'] }, '(platform): must be ios, android or both (got "windows")'],
		['21 tags with AND', { audience: 'tag', tags: list(21, 't') }, '(tags): must hold at most 20 tags (got 21)'],
		['only separators as tags', { audience: 'tag_or', tags: ',\n,' }, '(tags): needs at least one tag'],
		['an object among the user IDs', { audience: 'userid', userIds: '={{ ["u1", { id: "u2" }] }}' }, '(userIds): has the wrong type'],
		['1001 user IDs', { audience: 'userid', userIds: list(1001, 'u') }, '(userIds): must hold at most 1000 user IDs (got 1001)'],
		['an empty alert', { alert: '' }, '(alert): is required'],
		['a fractional badge', { notification: { iosBadge: 1.5 } }, '(notification.iosBadge): must be a whole number up to 9999'],
		['iOS extras that are not JSON', { notification: { iosExtras: '{tab: deals}' } }, '(notification.iosExtras): must be a JSON object'],
		['Android extras with an object value', { notification: { androidExtras: '{"deep":{"a":1}}' } }, '(notification.androidExtras): must be a JSON object whose values are text, numbers or booleans ("deep" is an object)'],
		['a lower-case Huawei category', { notification: { vendorSettings: { HW: { category: 'im' } } } }, '(notification.vendorSettings.HW.category): must be upper-case letters'],
		['a rich media URL without a host', { notification: { vendorSettings: { APNs: { richMediaUri: 'https:///r.png' } } } }, '(notification.vendorSettings.APNs.richMediaUri): must be an absolute URL'],
		['an http Huawei image', { notification: { vendorSettings: { HW: { image: 'http://e.com/h.png' } } } }, '(notification.vendorSettings.HW.image): must be an https:// URL'],
		['an http HarmonyOS image', { notification: { vendorSettings: { OHOS: { image: 'http://e.com/h.png' } } } }, '(notification.vendorSettings.OHOS.image): must be an https:// URL'],
		['HarmonyOS extras that are not an object', { notification: { harmonyOSExtras: '[1]' } }, '(notification.harmonyOSExtras): must be a JSON object'],
		['a VIVO category without classification', { notification: { vendorSettings: { VIVO: { category: 'IM' } } } }, '(notification.vendorSettings.VIVO.category): needs VIVO classification'],
		['a message without sender', { ...message, fromUserId: '' }, '(fromUserId): is required'],
		['a message of a reserved custom type', { ...message, objectName: 'custom', customObjectName: 'RC:Coupon', content: '{}' }, '(customObjectName): must not start with "RC:"'],
		['a message whose content misses a required field', { ...message, text: '' }, '(content.content): must contain every field the message type needs to be displayed (RC:TxtMsg needs "content"'],
		['a timeout of 0', { options: { timeout: 0 } }, '(options.timeout)'],
	])('%s', async (_name, patch, expected) => {
		const result = await runBroadcast(emulator, { parameters: pushParameters(patch as INodeParameters) });
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toContain(expected);
		expect(emulator.requests).toHaveLength(0);
	});

	it('checks every item first: a bad second item means the first push is not sent', async () => {
		const result = await runBroadcast(emulator, {
			parameters: pushParameters({ audience: 'userid', userIds: '={{ $json.users }}' }),
			items: [{ json: { users: 'u1,u2' } }, { json: { users: '' } }],
		});
		expect((result.error as NodeOperationError).context.itemIndex).toBe(1);
		// The expression that found nothing is named: that is what to fix.
		expect(result.error?.message).toContain(
			'Invalid User IDs in Push Notification (userIds): needs at least one user ID. Its expression {{ $json.users }} found nothing for this item (such as a field the input item does not have) [item 1]',
		);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('push: RongCloud errors in words', () => {
	let emulator: RongCloudEmulator;
	beforeEach(async () => {
		emulator = await startEmulator();
	});
	afterEach(async () => await emulator.close());

	it('1008: push shares the broadcast quota: after two sends to all users this hour, the push is refused', async () => {
		const send = { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: '={{ $json.t }}' };
		outputJson(await runBroadcast(emulator, { parameters: send, items: [{ json: { t: 'one' } }, { json: { t: 'two' } }] }));
		const result = await runBroadcast(emulator, { parameters: pushParameters() });
		const error = result.error as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain('RongCloud error 1008: rate limit exceeded (HTTP 429)');
		expect(error.description).toContain(BROADCAST_QUOTA);
		expect(error.httpCode).toBe('429');
		expect(emulator.requestsTo(PATHS.push)).toHaveLength(1);
	});

	it('1002 from the server under Continue On Fail: an error item per item, each paired, none re-sent', async () => {
		emulator.failNextWithCode(1002, { path: PATHS.push, times: 2, errorMessage: 'audience.tag is invalid.' });
		const result = await runBroadcast(emulator, {
			parameters: pushParameters({ audience: 'tag', tags: 'vip' }),
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
		});
		const output = result.output![0];
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of output) {
			expect(item.json).toMatchObject({ code: 1002, httpCode: 400, mayHaveBeenDelivered: false });
			expect(item.json.error).toContain('RongCloud said: "audience.tag is invalid."');
		}
		expect(emulator.requests).toHaveLength(2);
	});

	it('1009: the broadcast and push service is off for the app', async () => {
		emulator.setApp({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, broadcastEnabled: false });
		const result = await runBroadcast(emulator, { parameters: pushParameters() });
		expect(result.error?.message).toContain('RongCloud error 1009');
		expect((result.error as NodeApiError).httpCode).toBe('430');
	});
});
