import { PATHS } from '../../../../support/emulator';
import { contentRuns, fieldsSend, jsonSend, THUMBNAIL, VALID_CONTENT, VALID_FIELDS } from '../../../../support/messageContent';
import { outputJson, runBroadcast } from '../../../../support/runBroadcast';
import { withEmulator } from '../../../../support/withEmulator';

/**
 * Reading a message: the type chosen, its typed fields or its JSON content, through the real
 * execute() against the emulator. Every refusal sends nothing and names the type, the key and the rule.
 */

const emulator = withEmulator();
const { sentContent, refusal } = contentRuns(emulator);

describe('media and notification types: what a client needs to display them', () => {
	it.each(Object.keys(VALID_FIELDS))('%s in fields mode arrives complete, numbers as numbers, nothing made up', async (objectName) => {
		expect(await sentContent(fieldsSend(objectName))).toEqual(VALID_CONTENT[objectName]);
	});

	it.each(Object.keys(VALID_CONTENT))('%s in JSON mode is sent as given', async (objectName) => {
		expect(await sentContent(jsonSend(objectName, VALID_CONTENT[objectName]))).toEqual(VALID_CONTENT[objectName]);
	});

	// Each required field left out: [type, parameter in fields mode, key in the content]
	const required: Array<[string, string, string]> = [
		['RC:ImgMsg', 'imageUri', 'imageUri'],
		['RC:ImgMsg', 'thumbnail', 'content'],
		['RC:GIFMsg', 'remoteUrl', 'remoteUrl'],
		['RC:GIFMsg', 'gifDataSize', 'gifDataSize'],
		['RC:GIFMsg', 'width', 'width'],
		['RC:GIFMsg', 'height', 'height'],
		['RC:HQVCMsg', 'remoteUrl', 'remoteUrl'],
		['RC:HQVCMsg', 'duration', 'duration'],
		['RC:FileMsg', 'size', 'size'],
		['RC:FileMsg', 'fileUrl', 'fileUrl'],
		['RC:FileMsg', 'type', 'type'],
		['RC:SightMsg', 'thumbnail', 'content'],
		['RC:SightMsg', 'sightUrl', 'sightUrl'],
		['RC:SightMsg', 'duration', 'duration'],
		['RC:SightMsg', 'size', 'size'],
		['RC:SightMsg', 'name', 'name'],
		['RC:LBSMsg', 'latitude', 'latitude'],
		['RC:LBSMsg', 'longitude', 'longitude'],
		['RC:LBSMsg', 'poi', 'poi'],
		['RC:CmdNtf', 'name', 'name'],
		['RC:ContactNtf', 'contentOperation', 'operation'],
		['RC:ContactNtf', 'sourceUserId', 'sourceUserId'],
		['RC:ContactNtf', 'targetUserId', 'targetUserId'],
		['RC:ContactNtf', 'message', 'message'],
		['RC:ProfileNtf', 'contentOperation', 'operation'],
	];

	it.each(required)('%s without %s (fields mode: left empty, as the editor leaves it) is refused', async (objectName, parameter, key) => {
		const message = await refusal(fieldsSend(objectName, { [parameter]: '' }));
		expect(message).toContain(`(content.${key}): must contain every field the message type needs to be displayed`);
		expect(message).toContain(`${objectName} needs "${key}" (parameter ${parameter})`);
	});

	it.each(required)('%s without %s (JSON mode) is refused', async (objectName, _parameter, key) => {
		const content = { ...VALID_CONTENT[objectName] };
		delete content[key];
		const message = await refusal(jsonSend(objectName, content));
		expect(message).toContain(`(content.${key}): must contain every field the message type needs to be displayed`);
		expect(message).toContain(`${objectName} needs "${key}" (in the content JSON)`);
	});

	it('an untouched editor sends no made-up 0: every number field is empty by default and refused as missing', async () => {
		for (const objectName of ['RC:GIFMsg', 'RC:HQVCMsg', 'RC:SightMsg', 'RC:LBSMsg', 'RC:FileMsg']) {
			const only = { operation: 'send', fromUserId: 'system', objectName, contentMode: 'fields' };
			const result = await runBroadcast(emulator, { parameters: { ...only, remoteUrl: 'https://e.com/x', sightUrl: 'https://e.com/x', name: 'n', fileUrl: 'https://e.com/x', poi: 'p' } });
			expect(result.error?.message).toMatch(/must contain every field the message type needs to be displayed/);
			const numberFields = Object.entries(result.node.parameters).filter(([name]) =>
				['gifDataSize', 'width', 'height', 'duration', 'size', 'latitude', 'longitude'].includes(name));
			expect(numberFields.length).toBeGreaterThan(0);
			for (const [, value] of numberFields) expect(value).toBe('');
		}
		expect(emulator.requests).toHaveLength(0);
	});

	it('bounds are inclusive: latitude ±90, longitude ±180, a file of 0 bytes; a number from an expression is sent as a number', async () => {
		expect(await sentContent(fieldsSend('RC:LBSMsg', { latitude: -90, longitude: '={{ "180" }}' }))).toMatchObject({ latitude: -90, longitude: 180 });
		emulator.reset();
		expect(await sentContent(fieldsSend('RC:FileMsg', { size: '={{ 0 }}' }))).toMatchObject({ size: 0 });
	});

	it('the optional thumbnail of Location is sent when given', async () => {
		expect(await sentContent(fieldsSend('RC:LBSMsg', { thumbnail: THUMBNAIL }))).toEqual({ ...VALID_CONTENT['RC:LBSMsg'], content: THUMBNAIL });
	});
});

describe('the message type', () => {
	it.each(['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf'])(
		'a message type that resolves to "%s" gets the ordinary unknown-type error',
		async (name) => {
			const message = await refusal({ ...fieldsSend('RC:TxtMsg'), text: 'hi', objectName: `={{ ${JSON.stringify(name)} }}` });
			expect(message).toContain(`(objectName): unknown message type: must be one of the listed message types, Other Built-in Type, Custom, or a type name with a colon ("RC:..." for a built-in type, such as "App:Order" for your own) (got "${name}")`);
		},
	);

	it('a custom type name from an expression (an app prefix and a colon) is sent as Custom is; an "rc:" one is refused as Custom refuses it', async () => {
		const result = await runBroadcast(emulator, { parameters: { operation: 'send', fromUserId: 'system', objectName: '={{ "App:Order" }}', content: '{"orderId":"o-1"}' } });
		const [json] = outputJson(result);
		expect(emulator.requestsTo(PATHS.broadcast)[0].form).toMatchObject({ objectName: 'App:Order', content: '{"orderId":"o-1"}' });
		expect(json).toMatchObject({ objectName: 'App:Order' });
		emulator.reset();
		expect(await refusal({ operation: 'send', fromUserId: 'system', objectName: '={{ "rc:Order" }}', content: '{"a":1}' })).toContain('must not start with "RC:"');
	});
});

describe('other built-in types', () => {
	const reference = { content: 'Agreed', referMsgUserId: 'u1', objName: 'RC:TxtMsg', referMsg: { content: 'Ship it?' } };

	it('"Other Built-in Type" sends its RC: name and JSON content; the output names it', async () => {
		const result = await runBroadcast(emulator, {
			parameters: { operation: 'send', fromUserId: 'system', objectName: 'otherBuiltIn', builtInObjectName: ' RC:ReferenceMsg ', content: JSON.stringify(reference) },
		});
		const [json] = outputJson(result);
		const [request] = emulator.requestsTo(PATHS.broadcast);
		expect(request.form).toMatchObject({ objectName: 'RC:ReferenceMsg', content: JSON.stringify(reference) });
		expect(json.objectName).toBe('RC:ReferenceMsg');
	});

	it('an RC: name not in the list given directly as the Message Type (an expression or a literal) is the same thing', async () => {
		const sticker = { packageId: 'p1', stickerId: 's1', digest: 'Thumbs up', width: 120, height: 120 };
		await runBroadcast(emulator, {
			parameters: { operation: 'send', fromUserId: 'system', objectName: '={{ $json.type }}', content: '={{ $json.body }}' },
			items: [{ json: { type: 'RC:StkMsg', body: sticker } }],
		});
		await runBroadcast(emulator, {
			parameters: { operation: 'sendOnline', fromUserId: 'system', objectName: 'RC:ReferenceMsg', content: JSON.stringify(reference) },
		});
		expect(emulator.requests.map((r) => [r.path, r.form?.objectName, JSON.parse(r.form!.content)])).toEqual([
			[PATHS.broadcast, 'RC:StkMsg', sticker],
			[PATHS.onlineBroadcast, 'RC:ReferenceMsg', reference],
		]);
		expect(emulator.requests.every((r) => r.response?.status === 200)).toBe(true);
	});

	it('a listed type named through Other Built-in Type keeps the list\'s checks', async () => {
		const message = await refusal({ operation: 'send', fromUserId: 'system', objectName: 'otherBuiltIn', builtInObjectName: 'RC:GIFMsg', content: '{"remoteUrl":"https://e.com/a.gif"}' });
		expect(message).toContain('(content.gifDataSize): must contain every field the message type needs to be displayed (RC:GIFMsg needs "gifDataSize" (in the content JSON))');
	});

	it.each([
		['a name without RC:', 'otherBuiltIn', 'ReferenceMsg', '(builtInObjectName): must be "RC:" followed by the type name'],
		['RC: alone', 'otherBuiltIn', 'RC:', '(builtInObjectName): must be "RC:" followed by the type name'],
		['a name with a space', 'otherBuiltIn', 'RC:Reference Msg', '(builtInObjectName): must be "RC:" followed by the type name'],
		['a name over 32 characters', 'otherBuiltIn', `RC:${'X'.repeat(30)}`, '(builtInObjectName): must be at most 32 characters (got 33 characters)'],
		['an empty name', 'otherBuiltIn', '', '(builtInObjectName): is required when Message Type is Other Built-in Type'],
		['an RC: Message Type over 32 characters', `RC:${'X'.repeat(30)}`, '', '(objectName): must be at most 32 characters'],
	])('%s is refused', async (_name, objectName, builtInObjectName, expected) => {
		expect(await refusal({ operation: 'send', fromUserId: 'system', objectName, builtInObjectName, content: '{"a":1}' })).toContain(expected);
	});

	it('Custom still refuses RC: names, in any case', async () => {
		for (const customObjectName of ['RC:StkMsg', 'rc:StkMsg']) {
			expect(await refusal({ operation: 'send', fromUserId: 'system', objectName: 'custom', customObjectName, content: '{"a":1}' }))
				.toContain('(customObjectName): must not start with "RC:"');
		}
	});
});
