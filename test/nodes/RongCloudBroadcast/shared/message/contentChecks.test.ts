import { NodeOperationError, type INodeParameters } from 'n8n-workflow';

import { RongCloudBroadcast } from '../../../../../nodes/RongCloudBroadcast/RongCloudBroadcast.node';
import { MESSAGE_TYPES } from '../../../../../nodes/RongCloudBroadcast/shared/message/messageTypes';
import { BUILT_IN_CONTENT, PATHS, type ContentFieldCheck } from '../../../../support/emulator';
import { contentRuns, fieldsSend, jsonSend, THUMBNAIL, VALID_CONTENT } from '../../../../support/messageContent';
import { outputJson, runBroadcast } from '../../../../support/runBroadcast';
import { walkProperties } from '../../../../support/walkProperties';
import { withEmulator } from '../../../../support/withEmulator';

/**
 * What content must be before it leaves, through the real execute() against the emulator, in
 * fields mode and in JSON mode: every refusal sends nothing and names the type, the key and the rule.
 */

const emulator = withEmulator();
const { sentContent, refusal } = contentRuns(emulator);

describe('numbers, coordinates and thumbnails a client cannot render are refused', () => {
	it.each([
		['a GIF width of 0', fieldsSend('RC:GIFMsg', { width: 0 }), '(content.width): must be a whole number greater than 0 (RC:GIFMsg "width" got number 0 (parameter width))'],
		['a negative GIF height', jsonSend('RC:GIFMsg', { ...VALID_CONTENT['RC:GIFMsg'], height: -5 }), '(content.height): must be a whole number greater than 0 (RC:GIFMsg "height" got number -5 (in the content JSON))'],
		['a fractional GIF size', fieldsSend('RC:GIFMsg', { gifDataSize: 10.5 }), '(content.gifDataSize): must be a whole number greater than 0'],
		['a voice duration of 0', fieldsSend('RC:HQVCMsg', { duration: 0 }), '(content.duration): must be a whole number greater than 0'],
		['a fractional voice duration', jsonSend('RC:HQVCMsg', { remoteUrl: 'https://e.com/a.aac', duration: 2.5 }), '(content.duration): must be a whole number greater than 0'],
		['a negative file size', fieldsSend('RC:FileMsg', { size: -1 }), '(content.size): must be a whole number, 0 or more (RC:FileMsg "size" got number -1'],
		['a fractional file size', jsonSend('RC:FileMsg', { ...VALID_CONTENT['RC:FileMsg'], size: 0.5 }), '(content.size): must be a whole number, 0 or more'],
		['a video size of 0', fieldsSend('RC:SightMsg', { size: 0 }), '(content.size): must be a whole number greater than 0 (RC:SightMsg'],
		['a fractional video duration', fieldsSend('RC:SightMsg', { duration: 1.5 }), '(content.duration): must be a whole number greater than 0'],
		['a latitude of 90.5', fieldsSend('RC:LBSMsg', { latitude: 90.5 }), '(content.latitude): must be a latitude from -90 to 90'],
		['a longitude of 180.1', jsonSend('RC:LBSMsg', { ...VALID_CONTENT['RC:LBSMsg'], longitude: 180.1 }), '(content.longitude): must be a longitude from -180 to 180'],
		['a thumbnail with a data: prefix', fieldsSend('RC:ImgMsg', { thumbnail: `data:image/jpeg;base64,${THUMBNAIL}` }), '(content.content): must be Base64 (A-Z, a-z, 0-9, +, / and = padding) without a data: prefix (RC:ImgMsg "content" starts with "data:"'],
		['a thumbnail that is not Base64', jsonSend('RC:SightMsg', { ...VALID_CONTENT['RC:SightMsg'], content: 'not base64!' }), '(content.content): must be Base64'],
		['a Location thumbnail with line breaks', fieldsSend('RC:LBSMsg', { thumbnail: '/9j/\n4AAQ' }), '(content.content): must be Base64'],
		['a thumbnail of the wrong length', fieldsSend('RC:LBSMsg', { thumbnail: 'abcde' }), '(content.content): must be Base64'],
	])('%s is refused', async (_name, parameters, expected) => {
		expect(await refusal(parameters)).toContain(expected);
	});
});

describe('content rules RongCloud\'s SDKs hold, in both content modes, each refusal with its reason', () => {
	const emulator = withEmulator();
	const sent = async (parameters: INodeParameters) => {
		const result = await runBroadcast(emulator, { parameters });
		outputJson(result);
		const [request] = emulator.requestsTo(PATHS.broadcast);
		expect(request.response?.status).toBe(200);
		return JSON.parse(request.form!.content) as Record<string, unknown>;
	};
	const refused = async (parameters: INodeParameters) => {
		const result = await runBroadcast(emulator, { parameters });
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(emulator.requests).toHaveLength(0);
		return result.error!.message;
	};

	it.each([
		['RC:SightMsg', 'thumbnail', 'content', 'the first-frame thumbnail clients show before the video plays'],
		['RC:SightMsg', 'name', 'name', 'the video\'s file name, which RongCloud\'s client SDKs require'],
		['RC:FileMsg', 'type', 'type', 'the file\'s extension (such as pdf), by which clients show the file'],
		['RC:ContactNtf', 'message', 'message', 'the text clients show with the contact request or answer'],
	])('%s without %s is refused in both modes, saying why the client needs it', async (objectName, parameter, key, why) => {
		const fields = await refused(fieldsSend(objectName, { [parameter]: '' }));
		expect(fields).toContain(`(content.${key}): must contain every field the message type needs to be displayed (${objectName} needs "${key}" (parameter ${parameter}): ${why})`);
		const content = { ...VALID_CONTENT[objectName] };
		delete content[key];
		const json = await refused(jsonSend(objectName, content));
		expect(json).toContain(`(${objectName} needs "${key}" (in the content JSON): ${why})`);
	});

	const VOICE_RULE = '(content.duration): must be at most 60 seconds: RongCloud\'s voice messages (RC:HQVCMsg) last at most 60 seconds; send longer audio as a file';

	it('RC:HQVCMsg: a voice message of 60 seconds is sent, 61 are refused in both modes', async () => {
		expect((await sent(fieldsSend('RC:HQVCMsg', { duration: 60 }))).duration).toBe(60);
		emulator.reset();
		expect(await refused(fieldsSend('RC:HQVCMsg', { duration: 61 }))).toContain(`${VOICE_RULE} (RC:HQVCMsg "duration" got number 61 (parameter duration))`);
		expect(await refused(jsonSend('RC:HQVCMsg', { ...VALID_CONTENT['RC:HQVCMsg'], duration: 61 }))).toContain(`${VOICE_RULE} (RC:HQVCMsg "duration" got number 61 (in the content JSON))`);
	});

	it('RC:CmdMsg: a blank data goes out as "", as RongCloud\'s Java SDK sends it, in both modes; given, it is sent as is', async () => {
		expect(await sent(fieldsSend('RC:CmdMsg', { data: '' }))).toEqual({ name: 'refresh', data: '' });
		emulator.reset();
		expect(await sent(jsonSend('RC:CmdMsg', { name: 'refresh' }))).toEqual({ name: 'refresh', data: '' });
		emulator.reset();
		expect(await sent(jsonSend('RC:CmdMsg', { name: 'refresh', data: '{"id":7}' }))).toEqual({ name: 'refresh', data: '{"id":7}' });
	});

	it('RC:CmdMsg says it is pushed when Push Content is set, and its data that blank goes out as ""', () => {
		const objectName = walkProperties(new RongCloudBroadcast().description.properties).find(({ property }) => property.name === 'objectName')!.property;
		const cmd = (objectName.options as Array<{ value: string; description?: string }>).find((option) => option.value === 'RC:CmdMsg');
		expect(cmd?.description).toBe('Not stored, not counted: a signal to the client app. Pushed to offline users only when Push Content is set.');
		const data = walkProperties(new RongCloudBroadcast().description.properties)
			.map(({ property }) => property)
			.find((property) => property.name === 'data' && (property.displayOptions?.show?.objectName as string[]).includes('RC:CmdMsg'));
		expect(data?.description).toBe('Data your client app reads with the command; sent as "" when empty, as RongCloud\'s Java SDK sends it');
	});
});

/**
 * Where RongCloud's sources differ, the node refuses nothing any of them allows: it sends the
 * content as given and says, in the output item (and the Dry Run item), what each source advises.
 */
describe('where RongCloud\'s sources differ: sent as given, with a warning naming them', () => {
	const thumbnailWarning = (length: number) =>
		`RC:ImgMsg thumbnail ("content") is ${length} characters of Base64; RongCloud's sources advise at most 10 KB (Go SDK v4, 5 KB recommended), 30 KB (Java SDK) or 80 KB (help centre and Web SDK). Sent as given: if clients do not show the image, send a smaller thumbnail.`;
	const NO_FILE_NAME =
		'RC:FileMsg has no "name": sent without it. RongCloud\'s Go SDK v4 says a client makes up a name when it downloads the file; its Java SDK, Web SDK and documentation expect one (the name shown in the chat).';
	const SIZE_AS_TEXT = 'RC:FileMsg "size" is the text "10": sent as given, as RongCloud\'s Go SDKs send it; its Java SDK and Web SDK type size as a number.';

	const sentWithOutput = async (parameters: INodeParameters) => {
		const result = await runBroadcast(emulator, { parameters });
		const [json] = outputJson(result);
		const [request] = emulator.requestsTo(PATHS.broadcast);
		expect(request.response?.status).toBe(200);
		return { json, content: JSON.parse(request.form!.content) as Record<string, unknown> };
	};
	const dryRunItem = async (parameters: INodeParameters) => {
		const [json] = outputJson(await runBroadcast(emulator, { parameters: { ...parameters, options: { dryRun: true } } }));
		expect(emulator.requests).toHaveLength(0);
		return json;
	};

	it('RC:ImgMsg: a thumbnail of 40,000 characters of Base64 is sent whole in both modes, with a warning naming each source\'s limit; the Dry Run item shows it', async () => {
		const big = 'A'.repeat(40000);
		const fields = await sentWithOutput(fieldsSend('RC:ImgMsg', { thumbnail: big }));
		expect(fields.content.content).toBe(big);
		expect(fields.json.warning).toBe(thumbnailWarning(40000));
		emulator.reset();
		const json = await sentWithOutput(jsonSend('RC:ImgMsg', { ...VALID_CONTENT['RC:ImgMsg'], content: big }));
		expect(json.content.content).toBe(big);
		expect(json.json.warning).toBe(thumbnailWarning(40000));
		emulator.reset();
		expect((await dryRunItem(fieldsSend('RC:ImgMsg', { thumbnail: big }))).warning).toBe(thumbnailWarning(40000));
	});

	it('RC:ImgMsg: 10,240 characters (Go SDK v4\'s 10 KB) pass without a warning, 10,244 warn', async () => {
		expect((await sentWithOutput(fieldsSend('RC:ImgMsg', { thumbnail: 'A'.repeat(10240) }))).json).not.toHaveProperty('warning');
		emulator.reset();
		expect((await sentWithOutput(fieldsSend('RC:ImgMsg', { thumbnail: 'A'.repeat(10244) }))).json.warning).toBe(thumbnailWarning(10244));
	});

	it('RC:ImgMsg: what still refuses a thumbnail is the 128 KB limit of the whole content, and its Base64 rule', async () => {
		const message = await refusal(fieldsSend('RC:ImgMsg', { thumbnail: 'A'.repeat(132000) }));
		expect(message).toContain('(content): must be at most 128 KB (131072 bytes) as sent');
		expect(await refusal(jsonSend('RC:ImgMsg', { ...VALID_CONTENT['RC:ImgMsg'], content: 'A'.repeat(40001) }))).toContain('(content.content): must be Base64');
	});

	it('RC:FileMsg without a name is sent without one in both modes, with a warning naming the sources', async () => {
		const fields = await sentWithOutput(fieldsSend('RC:FileMsg', { name: '' }));
		expect(fields.content).toEqual({ size: 0, type: 'pdf', fileUrl: 'https://cdn.example.com/report.pdf' });
		expect(fields.json.warning).toBe(NO_FILE_NAME);
		emulator.reset();
		const withoutName = { ...VALID_CONTENT['RC:FileMsg'] };
		delete withoutName.name;
		const json = await sentWithOutput(jsonSend('RC:FileMsg', withoutName));
		expect(json.content).toEqual(withoutName);
		expect(json.json.warning).toBe(NO_FILE_NAME);
		emulator.reset();
		expect((await dryRunItem(fieldsSend('RC:FileMsg', { name: '' }))).warning).toBe(NO_FILE_NAME);
	});

	it('RC:FileMsg size given as a text of digits in JSON mode is sent as given, with a warning; two warnings are joined', async () => {
		const content = { type: 'pdf', fileUrl: 'https://cdn.example.com/report.pdf', size: '10' };
		const { json, content: sent } = await sentWithOutput(jsonSend('RC:FileMsg', content));
		expect(emulator.requestsTo(PATHS.broadcast)[0].form!.content).toBe(JSON.stringify(content));
		expect(sent.size).toBe('10');
		expect(json.warning).toBe(`${NO_FILE_NAME} ${SIZE_AS_TEXT}`);
	});

	it.each([
		['a size text that is not digits', 'ten', '(content.size): must have the JSON type the message type defines for this field'],
		['a negative size text', '-1', '(content.size): must have the JSON type the message type defines for this field'],
		['a fractional size text', '1.5', '(content.size): must have the JSON type the message type defines for this field'],
		['an empty size text', '', '(content.size): must contain every field the message type needs to be displayed'],
	])('RC:FileMsg: %s is still refused', async (_name, size, expected) => {
		expect(await refusal(jsonSend('RC:FileMsg', { ...VALID_CONTENT['RC:FileMsg'], size }))).toContain(expected);
	});
});

describe('JSON mode: the known keys of a built-in type have their JSON type', () => {
	it.each([
		['RC:TxtMsg content as an object', 'RC:TxtMsg', { content: { text: 'hi' } }, 'content', 'an object'],
		['RC:TxtMsg content as a number', 'RC:TxtMsg', { content: 5 }, 'content', 'number 5'],
		['RC:TxtMsg content as false', 'RC:TxtMsg', { content: false }, 'content', 'boolean false'],
		['RC:TxtMsg content as an array', 'RC:TxtMsg', { content: [] }, 'content', 'an array'],
		['RC:TxtMsg extra as an object', 'RC:TxtMsg', { content: 'hi', extra: { a: 1 } }, 'extra', 'an object'],
		['user as text', 'RC:TxtMsg', { content: 'hi', user: 'ops' }, 'user', 'string "ops"'],
		['user with a number field', 'RC:TxtMsg', { content: 'hi', user: { id: 'u1', name: 5 } }, 'user', 'an object'],
		['a GIF width as text', 'RC:GIFMsg', { ...VALID_CONTENT['RC:GIFMsg'], width: '120' }, 'width', 'string "120"'],
		['a latitude as text', 'RC:LBSMsg', { ...VALID_CONTENT['RC:LBSMsg'], latitude: '39.9' }, 'latitude', 'string "39.9"'],
		['a File name as a number', 'RC:FileMsg', { ...VALID_CONTENT['RC:FileMsg'], name: 7 }, 'name', 'number 7'],
		['an optional key set to null', 'RC:TxtMsg', { content: 'hi', extra: null }, 'extra', 'null'],
	])('%s is refused', async (_name, objectName, content, key, got) => {
		const message = await refusal(jsonSend(objectName, content));
		expect(message).toContain(`(content.${key}): must have the JSON type the message type defines for this field`);
		expect(message).toContain(`${objectName} "${key}" got ${got}`);
	});

	it('keys the table does not know pass through untouched, and text fields keep their text', async () => {
		const content = { content: 'hi @all', mentionedInfo: { type: 1, userIdList: [] }, user: { id: 'u1', name: 'Ops', portrait: 'https://e.com/p.png' } };
		expect(await sentContent(jsonSend('RC:TxtMsg', content))).toEqual(content);
	});
});

describe('JSON mode: what is checked is what is sent', () => {
	it.each([
		['$now', '={{ $now }}', 'a Luxon DateTime (such as $now or $today)'],
		['a Date', '={{ new Date(0) }}', 'a Date'],
		['an object whose toJSON returns other content', '={{ { content: "checked", toJSON: () => ({ content: 5 }) } }}', 'an object with a toJSON method'],
	])('%s from an expression is refused as not a plain object', async (_name, content, kind) => {
		const message = await refusal({ ...jsonSend('RC:TxtMsg', ''), content });
		expect(message).toContain('(content): must be a plain object, not a date or another object that turns itself into JSON (such as $now)');
		expect(message).toContain(`got ${kind}`);
	});

	it('a plain object from an expression is sent as its JSON text, checked as sent', async () => {
		expect(await sentContent({ ...jsonSend('RC:TxtMsg', ''), content: '={{ $json.message }}' }, [{ json: { message: { content: 'hi', extra: 'x' } } }]))
			.toEqual({ content: 'hi', extra: 'x' });
	});

	it('a date nested inside a plain object goes out as its ISO text, which is what is checked', async () => {
		const content = await sentContent(
			{ operation: 'send', fromUserId: 'system', objectName: 'custom', customObjectName: 'App:Event', content: '={{ { at: new Date(0) } }}' },
		);
		expect(content).toEqual({ at: '1970-01-01T00:00:00.000Z' });
	});

	it('content nested 10,000 levels deep gets the content depth rule, as JSON text and from an expression', async () => {
		const deep = `${'{"a":'.repeat(10000)}"x"${'}'.repeat(10000)}`;
		const asText = await refusal(jsonSend('RC:TxtMsg', deep));
		expect(asText).toContain('(content): must be nested at most 100 levels deep');
		const asObject = await refusal(
			{ operation: 'send', fromUserId: 'system', objectName: 'custom', customObjectName: 'App:Deep', content: '={{ JSON.parse($json.deep) }}' },
			[{ json: { deep } }],
		);
		expect(asObject).toContain('(content): must be nested at most 100 levels deep');
		expect(asObject).not.toMatch(/RangeError|call stack/);
	});

	it('100 levels are fine, 101 are not', async () => {
		const nested = (levels: number) => `${'{"a":'.repeat(levels - 1)}{}${'}'.repeat(levels - 1)}`;
		const custom = { operation: 'send', fromUserId: 'system', objectName: 'custom', customObjectName: 'App:Deep' };
		await sentContent({ ...custom, content: nested(100) });
		emulator.reset();
		expect(await refusal({ ...custom, content: nested(101) })).toContain('must be nested at most 100 levels deep');
	});
});

describe('numbers in content JSON leave exactly as written, or not at all', () => {
	const emulator = withEmulator();
	const custom = (content: string): INodeParameters => ({
		operation: 'send', fromUserId: 'system', objectName: 'custom', customObjectName: 'App:Order', content, options: {},
	});

	it.each([
		['a 20-digit ID', '{"orderId":12345678901234567890}', '12345678901234567890', '12345678901234567000'],
		['1e400, beyond any double', '{"ratio":1e400}', '1e400', 'null'],
		['1e-400, below any double', '{"ratio":-1.5e-400}', '-1.5e-400', '0'],
		['a nested 2^53 + 1', '{"a":{"b":[9007199254740993]}}', '9007199254740993', '9007199254740992'],
		['a number after a string that looks like one', '{"note":"12345678901234567890 \\" 1","id":12345678901234567891}', '12345678901234567891', '12345678901234567000'],
		['a 20-digit ID written with a fraction', '{"id":12345678901234567890.0}', '12345678901234567890.0', '12345678901234567000'],
		['2^53 + 1 written with an exponent', '{"id":9007199254740993e0}', '9007199254740993e0', '9007199254740992'],
		['30 digits scaled down by an exponent', '{"id":123456789012345678901234567890e-10}', '123456789012345678901234567890e-10', '12345678901234567000'],
		['a decimal with more digits than a double keeps', '{"ratio":1.00000000000000000001}', '1.00000000000000000001', '1'],
		['0.1 written with 20 more digits', '{"ratio":0.10000000000000000000000001}', '0.10000000000000000000000001', '0.1'],
	])('%s is refused, naming the rule, and nothing is sent', async (_name, content, literal, leaves) => {
		const result = await runBroadcast(emulator, { parameters: custom(content) });
		expect(emulator.requests).toHaveLength(0);
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error?.message).toBe(
			`Invalid Content (JSON) in Send to All Users (content): must hold only numbers that leave exactly as written (a number's exact decimal value must be the one JSON sends; whole numbers within ±9007199254740991 and decimals of up to 15 significant digits always are): write long IDs and exact decimals as text (got ${literal}, which would leave as ${leaves}) [item 0]`,
		);
	});

	it('an ID given as text, the largest exact whole number and decimals are sent as written', async () => {
		const written = '{"orderId":"12345678901234567890","max":9007199254740991,"min":-9007199254740991,"ratio":0.1,"small":-2.5,"zero":0.0e5}';
		const result = await runBroadcast(emulator, { parameters: custom(written) });
		expect(result.error).toBeUndefined();
		expect(emulator.requests[0].form?.content).toBe(written.replace('0.0e5', '0'));
	});

	it('a number JSON carries exactly in another notation, such as 1.5e300, is sent (as JSON writes it)', async () => {
		const result = await runBroadcast(emulator, { parameters: custom('{"big":1.5e300,"tiny":5e-324,"id":9007199254740992e0,"long":12345678901234567000.000,"half":0.50e1}') });
		expect(result.error).toBeUndefined();
		expect(emulator.requests[0].form?.content).toBe('{"big":1.5e+300,"tiny":5e-324,"id":9007199254740992,"long":12345678901234567000,"half":5}');
	});
});

describe('media URLs: a broken http(s) URL is refused, any other form is the app\'s business', () => {
	const URL_FIELDS: Array<[string, string]> = [
		['RC:ImgMsg', 'imageUri'],
		['RC:GIFMsg', 'remoteUrl'],
		['RC:HQVCMsg', 'remoteUrl'],
		['RC:FileMsg', 'fileUrl'],
		['RC:SightMsg', 'sightUrl'],
	];
	const cases = URL_FIELDS.flatMap(([objectName, key]) => ['https:///x.png', 'https://@', 'http://cdn example.com/a'].map((url): [string, string, string] => [objectName, key, url]));

	it.each(cases)('%s %s "%s" in fields mode and in JSON mode: refused, naming the key, nothing sent', async (objectName, key, url) => {
		const rule = `(content.${key}): must be a well-formed URL: after http:// or https:// comes a host (no user info, no spaces) (${objectName} "${key}" got string "${url}"`;
		expect(await refusal(fieldsSend(objectName, { [key]: url }))).toContain(`${rule} (parameter ${key}))`);
		expect(await refusal(jsonSend(objectName, { ...VALID_CONTENT[objectName], [key]: url }))).toContain(`${rule} (in the content JSON))`);
	});

	it.each(['http://cdn.example.com/a.jpg', 'https://cdn.example.com:8443/a.jpg?v=2', 'rong://media/a.jpg', 'content/a.jpg'])('"%s" is sent as given', async (url) => {
		expect((await sentContent(jsonSend('RC:ImgMsg', { ...VALID_CONTENT['RC:ImgMsg'], imageUri: url }))).imageUri).toBe(url);
	});
});

describe('the emulator, an independent copy of RongCloud\'s content rules, agrees with the node by name', () => {
	/** The node's bounds and the emulator check that holds the same bound. */
	const BOUND_CHECKS: Record<string, ContentFieldCheck> = { voiceDuration: 'voiceDuration' };

	it.each(Object.keys(MESSAGE_TYPES))('%s: the same keys are required, the same keys bounded', (objectName) => {
		const node = MESSAGE_TYPES[objectName].fields;
		const emulated = Object.entries(BUILT_IN_CONTENT[objectName]);
		const named = (keys: string[]) => [...keys].sort();
		expect(named(node.filter((field) => field.required).map((field) => field.key)))
			.toEqual(named(emulated.filter(([, field]) => field.required === true).map(([key]) => key)));
		// A key the node fills when blank is one RongCloud wants present, empty or not.
		expect(named(node.filter((field) => field.whenBlank !== undefined).map((field) => field.key)))
			.toEqual(named(emulated.filter(([, field]) => field.required === 'present').map(([key]) => key)));
		const nodeBounds = node.flatMap((field) => (field.rules ?? []).filter((rule) => rule in BOUND_CHECKS).map((rule) => `${field.key} ${BOUND_CHECKS[rule]}`));
		const emulatedBounds = emulated.filter(([, field]) => Object.values(BOUND_CHECKS).includes(field.check)).map(([key, field]) => `${key} ${field.check}`);
		expect(named(nodeBounds)).toEqual(named(emulatedBounds));
	});
});
