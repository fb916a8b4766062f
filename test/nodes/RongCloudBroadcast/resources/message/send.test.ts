import type { INodeParameters } from 'n8n-workflow';

import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET, PATHS } from '../../../../support/emulator';
import { outputJson, runBroadcast } from '../../../../support/runBroadcast';
import { withEmulator } from '../../../../support/withEmulator';

describe('send: the request example of RongCloud\'s documentation', () => {
	const emulator = withEmulator();

	it('arrives field for field, signed, and the output carries messageUID and requestId', async () => {
		const result = await runBroadcast(emulator, {
			parameters: {
				operation: 'send',
				fromUserId: '2191',
				objectName: 'RC:TxtMsg',
				contentMode: 'fields',
				text: 'hello',
				extra: 'helloExtra',
				options: { pushContent: 'thisisapush', pushData: '{"pushData":"hello"}' },
			},
		});
		const [json] = outputJson(result);
		const requests = emulator.requestsTo('/message/broadcast.json');
		expect(requests).toHaveLength(1);
		const [request] = requests;
		expect(request.signatureValid).toBe(true);
		expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(request.headers['app-key']).toBe(DEFAULT_APP_KEY);
		expect(request.form).toEqual({
			content: '{"content":"hello","extra":"helloExtra"}',
			fromUserId: '2191',
			objectName: 'RC:TxtMsg',
			pushContent: 'thisisapush',
			pushData: '{"pushData":"hello"}',
		});
		expect(json).toMatchObject({
			code: 200,
			messageUID: (request.response?.body as { messageUID: string }).messageUID,
			requestId: request.headers['x-request-id'],
			fromUserId: '2191',
			objectName: 'RC:TxtMsg',
		});
		expect(typeof json.sentTime).toBe('number');
	});
});

const DOCUMENTED_PUSH_EXT_PARAMETERS = {
	title: 'you have a new message.',
	templateId: '123456',
	forceShowPushContent: false,
	pushConfigs: {
		HW: { channelId: 'hw-123', importance: 'NORMAL', image: 'https://example.com/image.png' },
		MI: { channelId: 'mi-123', large_icon_uri: 'https://example.com/image.png' },
		OPPO: { channelId: 'oppo-123', category: 'IM', notify_level: 2 },
		VIVO: { classification: 0 },
		APNs: { threadId: '123', apnsCollapseId: '123456', richMediaUri: 'https://example.com/image.png' },
		FCM: { channelId: 'rongcloud_channelid', collapse_key: '1234', imageUrl: 'https://example.com/image.png' },
		OHOS: { category: 'IM', image: 'https://example.com/image.png' },
	},
};

/** RongCloud's documented pushExt example: VIVO's classification as the text "0" the example sends (and both official SDKs type). */
const DOCUMENTED_PUSH_EXT = {
	title: 'you have a new message.',
	templateId: '123456',
	forceShowPushContent: 0,
	pushConfigs: [
		{ HW: { channelId: 'hw-123', importance: 'NORMAL', image: 'https://example.com/image.png' } },
		{ MI: { channelId: 'mi-123', large_icon_uri: 'https://example.com/image.png' } },
		{ OPPO: { channelId: 'oppo-123', category: 'IM', notify_level: 2 } },
		{ VIVO: { classification: '0' } },
		{ APNs: { 'thread-id': '123', 'apns-collapse-id': '123456', richMediaUri: 'https://example.com/image.png' } },
		{ FCM: { channelId: 'rongcloud_channelid', collapse_key: '1234', imageUrl: 'https://example.com/image.png' } },
		{ OHOS: { category: 'IM', image: 'https://example.com/image.png' } },
	],
};

describe('send: message, options and pushExt on the wire', () => {
	const emulator = withEmulator();

	const sendOnce = async (parameters: Record<string, unknown>, items?: Array<{ json: Record<string, unknown> }>) => {
		const result = await runBroadcast(emulator, {
			parameters: { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'hi', ...parameters } as never,
			items: items as never,
		});
		return { json: outputJson(result), forms: emulator.requestsTo('/message/broadcast.json').map((r) => r.form!) };
	};

	it('a full pushExt has the documented structure: an array of one-key vendor objects, notify_level a number, VIVO classification text', async () => {
		const { forms } = await sendOnce({ pushExt: DOCUMENTED_PUSH_EXT_PARAMETERS });
		expect(forms).toHaveLength(1);
		expect(JSON.parse(forms[0].pushExt)).toEqual(DOCUMENTED_PUSH_EXT);
	});

	it('every vendor and every field reaches the wire, hyphenated names restored', async () => {
		const { forms } = await sendOnce({
			pushExt: {
				title: 'T',
				forceShowPushContent: true,
				pushConfigs: {
					HW: { channelId: 'c', importance: 'LOW', image: 'https://e.com/h.png', category: 'DEVICE_REMINDER' },
					HONOR: { importance: 'NORMAL', image: 'https://e.com/o.png' },
					MI: { channelId: 'm', large_icon_uri: 'https://e.com/m.png' },
					OPPO: { channelId: 'o', category: 'IM', notify_level: 16 },
					VIVO: { classification: 1, category: 'IM' },
					APNs: { threadId: 't', apnsCollapseId: 'a', richMediaUri: 'https://e.com/r.png', interruptionLevel: 'critical' },
					FCM: { channelId: 'f', collapse_key: 'k', imageUrl: 'https://e.com/f.png' },
					OHOS: { category: 'IM', image: 'https://e.com/x.png' },
				},
			},
		});
		expect(JSON.parse(forms[0].pushExt)).toEqual({
			title: 'T',
			forceShowPushContent: 1,
			pushConfigs: [
				{ HW: { channelId: 'c', importance: 'LOW', image: 'https://e.com/h.png', category: 'DEVICE_REMINDER' } },
				{ HONOR: { importance: 'NORMAL', image: 'https://e.com/o.png' } },
				{ MI: { channelId: 'm', large_icon_uri: 'https://e.com/m.png' } },
				{ OPPO: { channelId: 'o', category: 'IM', notify_level: 16 } },
				{ VIVO: { classification: '1', category: 'IM' } },
				{ APNs: { 'thread-id': 't', 'apns-collapse-id': 'a', richMediaUri: 'https://e.com/r.png', 'interruption-level': 'critical' } },
				{ FCM: { channelId: 'f', collapse_key: 'k', imageUrl: 'https://e.com/f.png' } },
				{ OHOS: { category: 'IM', image: 'https://e.com/x.png' } },
			],
		});
	});

	it('only filled fields are present; an empty pushExt is not sent at all; an added vendor with nothing filled is refused, never dropped', async () => {
		const { forms } = await sendOnce({
			pushExt: { title: '', pushConfigs: { HW: { channelId: 'hw', importance: '', image: '', category: '' }, MI: { channelId: 'mi' } } },
		});
		expect(JSON.parse(forms[0].pushExt)).toEqual({ pushConfigs: [{ HW: { channelId: 'hw' } }, { MI: { channelId: 'mi' } }] });
		emulator.reset();
		const second = await sendOnce({ pushExt: { title: '' } });
		expect(second.forms[0]).not.toHaveProperty('pushExt');
		emulator.reset();
		const empty = await runBroadcast(emulator, { parameters: { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'hi', pushExt: { pushConfigs: { HW: { channelId: '' } } } } });
		expect(empty.error?.message).toContain('(pushExt.pushConfigs.HW): was added but holds nothing');
		expect(emulator.requests).toHaveLength(0);
	});

	it('options: booleans as the API wants them, os, push content and push data from an object', async () => {
		const { forms } = await sendOnce({
			options: {
				pushContent: 'push!',
				pushData: '={{ $json.data }}',
				contentAvailable: true,
				disableUpdateLastMsg: true,
				os: 'Android',
			},
		}, [{ json: { data: { orderId: 7 } } }]);
		expect(forms[0]).toEqual({
			content: '{"content":"hi"}',
			fromUserId: 'system',
			objectName: 'RC:TxtMsg',
			pushContent: 'push!',
			pushData: '{"orderId":7}',
			os: 'Android',
			contentAvailable: '1',
			disableUpdateLastMsg: 'true',
		});
	});

	it('typed fields build the content of other built-in types, numbers as numbers', async () => {
		const { forms } = await sendOnce({
			objectName: 'RC:LBSMsg',
			thumbnail: 'iVBORw0KGgo=',
			latitude: 39.9,
			longitude: '={{ "116.4" }}',
			poi: 'Beijing',
			user: { id: 'u1', name: 'Ops' },
		});
		expect(JSON.parse(forms[0].content)).toEqual({
			content: 'iVBORw0KGgo=',
			latitude: 39.9,
			longitude: 116.4,
			poi: 'Beijing',
			user: { id: 'u1', name: 'Ops' },
		});
	});

	it('JSON mode takes the content object from an expression as it is', async () => {
		const { forms } = await sendOnce(
			{ objectName: 'RC:ImgTextMsg', contentMode: 'json', content: '={{ $json.card }}' },
			[{ json: { card: { title: 'Sale', content: '50% off', url: 'https://shop.example.com' } } }],
		);
		expect(forms[0].objectName).toBe('RC:ImgTextMsg');
		expect(JSON.parse(forms[0].content)).toEqual({ title: 'Sale', content: '50% off', url: 'https://shop.example.com' });
	});

	it('a custom message type sends its JSON content and name', async () => {
		const { forms, json } = await sendOnce({
			objectName: 'custom',
			customObjectName: 'App:Announcement',
			content: '{"headline":"Maintenance","at":"22:00"}',
		});
		expect(forms[0]).toMatchObject({ objectName: 'App:Announcement', content: '{"headline":"Maintenance","at":"22:00"}' });
		expect(json[0].objectName).toBe('App:Announcement');
	});

	it('one request per item, each output paired with its input', async () => {
		const result = await runBroadcast(emulator, {
			parameters: { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: '={{ $json.t }}' },
			items: [{ json: { t: 'one' } }, { json: { t: 'two' } }],
		});
		const forms = emulator.requestsTo('/message/broadcast.json').map((r) => JSON.parse(r.form!.content).content);
		expect(forms).toEqual(['one', 'two']);
		expect(result.output![0].map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const uids = result.output![0].map((i) => i.json.messageUID);
		expect(new Set(uids).size).toBe(2);
	});
});

describe('send: dry run', () => {
	const emulator = withEmulator();

	it('sends nothing and shows URL, headers without a usable signature, and every field as it would be sent', async () => {
		const result = await runBroadcast(emulator, {
			parameters: {
				operation: 'send',
				fromUserId: '2191',
				objectName: 'RC:TxtMsg',
				text: 'hello',
				options: { dryRun: true, pushContent: 'p' },
				pushExt: { title: 'T' },
			},
		});
		const [json] = outputJson(result);
		expect(emulator.requests).toHaveLength(0);
		expect(json).toMatchObject({
			dryRun: true,
			method: 'POST',
			url: `${emulator.baseUrl}/message/broadcast.json`,
			body: {
				content: '{"content":"hello"}',
				fromUserId: '2191',
				objectName: 'RC:TxtMsg',
				pushContent: 'p',
				pushExt: '{"title":"T"}',
			},
		});
		const headers = json.headers as Record<string, string>;
		expect(headers['App-Key']).toBe(DEFAULT_APP_KEY);
		expect(headers['Content-Type']).toBe('application/x-www-form-urlencoded');
		expect(headers.Signature).not.toMatch(/^[0-9a-f]{40}$/);
		expect(json.encodedBody).toBe(new URLSearchParams(json.body as Record<string, string>).toString());
	});
});

describe('send: vendor URLs as each vendor reads them', () => {
	const emulator = withEmulator();

	const sendWith = (pushConfigs: INodeParameters) =>
		runBroadcast(emulator, {
			parameters: { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'hi', pushExt: { pushConfigs } },
		});

	it('Xiaomi, FCM and APNs take any absolute URL: http://, and an app link for the rich media URL', async () => {
		outputJson(await sendWith({
			MI: { large_icon_uri: 'http://e.com/m.png' },
			APNs: { richMediaUri: 'myapp://banner/7' },
			FCM: { imageUrl: 'http://e.com/f.png?size=large' },
		}));
		const [request] = emulator.requestsTo(PATHS.broadcast);
		expect(request.response?.status).toBe(200);
		expect(JSON.parse(request.form!.pushExt)).toEqual({
			pushConfigs: [
				{ MI: { large_icon_uri: 'http://e.com/m.png' } },
				{ APNs: { richMediaUri: 'myapp://banner/7' } },
				{ FCM: { imageUrl: 'http://e.com/f.png?size=large' } },
			],
		});
	});

	it.each([
		['HW', 'image', 'http://e.com/h.png', 'must be an https:// URL with a host'],
		['HONOR', 'image', 'myapp://x', 'must be an https:// URL with a host'],
		['OHOS', 'image', 'http://e.com/o.png', 'must be an https:// URL with a host'],
		['HW', 'image', 'https://@', 'must be an https:// URL with a host'],
		['OHOS', 'image', 'https:///x.png', 'must be an https:// URL with a host'],
		['MI', 'large_icon_uri', 'https:///x.png', 'must be an absolute URL'],
		['MI', 'large_icon_uri', 'e.com/m.png', 'must be an absolute URL'],
		['FCM', 'imageUrl', 'https://@', 'must be an absolute URL'],
		['FCM', 'imageUrl', 'http://e .com/f.png', 'must be an absolute URL'],
		['APNs', 'richMediaUri', 'https:///x', 'must be an absolute URL'],
		['APNs', 'richMediaUri', 'myapp:', 'must be an absolute URL'],
	])('%s %s "%s" is refused', async (vendor, field, url, rule) => {
		const result = await sendWith({ [vendor]: { [field]: url } });
		expect(result.error?.message).toContain(`(pushExt.pushConfigs.${vendor}.${field}): ${rule}`);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('send and sendOnline: the Idempotency Key (msgRandom)', () => {
	const emulator = withEmulator();
	beforeEach(() => emulator.setApp({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET }));

	const message = { fromUserId: 'system', objectName: 'RC:TxtMsg', text: 'hi' };

	it.each([
		['send', PATHS.broadcast, { ...message, operation: 'send', options: { msgRandom: 20240601001, pushContent: 'p', disableUpdateLastMsg: true } }],
		['sendOnline', PATHS.onlineBroadcast, { ...message, operation: 'sendOnline', options: { msgRandom: '={{ $json.key }}', disableUpdateLastMsg: true } }],
	])('%s sends it as the form field msgRandom, a whole number in digits', async (_operation, path, parameters) => {
		const result = await runBroadcast(emulator, { parameters, items: [{ json: { key: '20240601001' } }] });
		expect(outputJson(result)[0].code).toBe(200);
		const [request] = emulator.requestsTo(path);
		expect(request.form?.msgRandom).toBe('20240601001');
		expect(Object.keys(request.form!).slice(-2)).toEqual(['msgRandom', 'disableUpdateLastMsg']);
	});

	it('left out or empty, no msgRandom is sent', async () => {
		await runBroadcast(emulator, { parameters: { ...message, operation: 'send' } });
		await runBroadcast(emulator, { parameters: { ...message, operation: 'sendOnline', options: { msgRandom: '' } } });
		expect(emulator.requests.map((r) => r.form?.msgRandom)).toEqual([undefined, undefined]);
	});

	it.each([
		['a fraction', 1.5],
		['text', '={{ "abc" }}'],
		['a number beyond 2^53', 2 ** 53],
	])('%s is refused before anything is sent', async (_name, msgRandom) => {
		const result = await runBroadcast(emulator, { parameters: { ...message, operation: 'sendOnline', options: { msgRandom } } });
		expect(result.error?.message).toMatch(/\(options\.msgRandom\): (must be a whole number|has the wrong type)/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('with idempotency enabled for the app, a repeat within a minute is refused by RongCloud: "already delivered", a success item with a warning', async () => {
		emulator.setApp({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET, idempotency: true });
		const parameters = { ...message, operation: 'sendOnline', options: { msgRandom: 77 } };
		expect(outputJson(await runBroadcast(emulator, { parameters }))[0].code).toBe(200);
		const repeat = await runBroadcast(emulator, { parameters });
		const [json] = outputJson(repeat);
		expect(json.warning).toContain('the Idempotency Key (msgRandom) was already used within the last minute, so RongCloud did not deliver this message a second time');
		expect(json).toMatchObject({ code: 1002, alreadyDelivered: true });
		expect(json.messageUID).toBeUndefined();
		// A new key goes through.
		const next = await runBroadcast(emulator, { parameters: { ...parameters, options: { msgRandom: 78 } } });
		expect(outputJson(next)[0].code).toBe(200);
		expect(emulator.requests.map((r) => r.response?.status)).toEqual([200, 400, 200]);
	});
});
