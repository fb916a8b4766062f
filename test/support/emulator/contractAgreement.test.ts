/**
 * The emulator keeps its own copy of the vendor's request models (v4Models.ts, systemSend.ts) so it
 * judges clients independently. This compares that copy with the research fixtures, which record the
 * vendor's contract and SDKs with their sources: a field renamed, retyped, made required, added or
 * dropped on either side fails here with one line per difference, instead of as a puzzling 1002.
 */
import v4Contract from '../../fixtures/nexconn-v4-contract.json';
import v1Publish from '../../fixtures/rongcloud-v1-system-publish.json';
import {
	HANDLED_PATHS,
	MAX_SEND_RECIPIENTS,
	PATHS,
	RECIPIENTS_PER_SECOND,
	SYSTEM_PUBLISH_FIELDS,
	V4_ENDPOINT_MODELS,
	V4_RECALL_DOC_VARIANTS,
	V4_REQUEST_MODELS,
	type ModelField,
} from '../emulator';

interface FixtureField {
	name: string;
	type: string;
	required: boolean;
	enum?: readonly unknown[];
	limits?: string;
	variants?: ReadonlyArray<{ name?: string; type?: string }>;
}
type FixtureModels = Record<string, { fields: readonly FixtureField[]; variantsOnlyInDocs?: readonly FixtureField[] }>;

const FIXTURE_MODELS = v4Contract.models as unknown as FixtureModels;

/**
 * Where the emulator is knowingly stricter than the contract, and why. Anything else that differs is drift.
 */
const STRICTER_THAN_CONTRACT: Readonly<Record<string, string>> = {
	'SystemChannelBroadcastDeleteRequest.isAdmin enum': 'v1 recall takes 0 or 1; v4 states only the default 0',
};

/** The first "at most N" of a fixture's limits: the count an array may hold. */
const statedMaxItems = (field: FixtureField): number | undefined => {
	const match = field.type.startsWith('array') ? /at most (\d+)/.exec(field.limits ?? '') : null;
	return match ? Number(match[1]) : undefined;
};

/** Every difference between one emulator model and the fixture's, one line each. */
function fieldDisagreements(model: string, ours: readonly ModelField[], theirs: readonly FixtureField[]): string[] {
	const lines: string[] = [];
	for (const name of new Set([...ours.map((f) => f.name), ...theirs.map((f) => f.name)])) {
		const [mine, vendor] = [ours.find((f) => f.name === name), theirs.find((f) => f.name === name)];
		const at = `${model}.${name}`;
		if (!vendor) lines.push(`${at}: only the emulator has this field`);
		else if (!mine) lines.push(`${at}: only the contract has this field (${vendor.type}${vendor.required ? ', required' : ''})`);
		else {
			if (mine.type !== vendor.type) lines.push(`${at}: emulator type ${mine.type}, contract ${vendor.type}`);
			if (mine.required !== vendor.required) lines.push(`${at}: emulator required ${mine.required}, contract ${vendor.required}`);
			const [myEnum, theirEnum] = [JSON.stringify(mine.enum ?? null), JSON.stringify(vendor.enum ?? null)];
			if (myEnum !== theirEnum && !(`${at} enum` in STRICTER_THAN_CONTRACT)) lines.push(`${at}: emulator enum ${myEnum}, contract ${theirEnum}`);
			if (mine.maxItems !== statedMaxItems(vendor)) lines.push(`${at}: emulator at most ${mine.maxItems} entries, contract ${statedMaxItems(vendor)}`);
		}
	}
	return lines;
}

function modelDisagreements(models: FixtureModels): string[] {
	return Object.entries(V4_REQUEST_MODELS).flatMap(([name, fields]) =>
		models[name] ? fieldDisagreements(name, fields, models[name].fields) : [`${name}: the contract has no such model`],
	);
}

describe('the emulator\'s v4 request models agree with test/fixtures/nexconn-v4-contract.json', () => {
	it('the same fields, JSON types, required flags, enums and array limits in every model', () => {
		expect(modelDisagreements(FIXTURE_MODELS)).toEqual([]);
	});

	it('a handler for every endpoint and credential-test call the contract lists, taking the contract\'s model', () => {
		const endpoints = [...v4Contract.endpoints, ...v4Contract.credentialTestCandidates].map((e) => [e.path, e.request]);
		expect(endpoints.filter(([path]) => !HANDLED_PATHS.includes(path))).toEqual([]);
		expect(endpoints.filter(([path, model]) => V4_ENDPOINT_MODELS[path] !== model)).toEqual([]);
		expect(Object.keys(V4_ENDPOINT_MODELS).sort()).toEqual(endpoints.map(([path]) => path).sort());
	});

	it('recall\'s docs-page variants are the fixture\'s: messageId\'s other name and the docs-only fields', () => {
		const recall = FIXTURE_MODELS.SystemChannelBroadcastDeleteRequest;
		const renames = recall.fields.flatMap((field) => (field.variants ?? []).map((variant) => variant.name));
		const docsOnly = (recall.variantsOnlyInDocs ?? []).map((field) => field.name);
		expect(V4_RECALL_DOC_VARIANTS.map((field) => field.name).sort()).toEqual([...renames, ...docsOnly].sort());
	});

	it('fails, naming each, on a field renamed, retyped, made required, limited differently, added or dropped', () => {
		const drifted = structuredClone(FIXTURE_MODELS);
		const send = drifted.SystemChannelMessageSendRequest.fields as FixtureField[];
		send.find((f) => f.name === 'shouldPersist')!.name = 'isPersisted';
		send.find((f) => f.name === 'disablePush')!.type = 'integer';
		send.find((f) => f.name === 'pushContent')!.required = true;
		send.find((f) => f.name === 'toUserIds')!.limits = 'at most 500 per request';
		(drifted.SystemChannelPushAudience.fields as FixtureField[]).push({ name: 'platform', type: 'string', required: false });
		drifted.UserGetRequest.fields = [];
		delete (drifted as Partial<FixtureModels>).SystemChannelPushNotification;
		expect(modelDisagreements(drifted).sort()).toEqual([
			'SystemChannelMessageSendRequest.disablePush: emulator type boolean, contract integer',
			'SystemChannelMessageSendRequest.isPersisted: only the contract has this field (integer)',
			'SystemChannelMessageSendRequest.pushContent: emulator required false, contract true',
			'SystemChannelMessageSendRequest.shouldPersist: only the emulator has this field',
			'SystemChannelMessageSendRequest.toUserIds: emulator at most 100 entries, contract 500',
			'SystemChannelPushAudience.platform: only the contract has this field (string)',
			'SystemChannelPushNotification: the contract has no such model',
			'UserGetRequest.userId: only the emulator has this field',
		]);
	});
});

describe('the emulator\'s publish.json agrees with test/fixtures/rongcloud-v1-system-publish.json', () => {
	const fixtureFields = (fields: ReadonlyArray<{ name: string; required: boolean }>) =>
		fields.map(({ name, required }) => `${name}${required ? ' (required)' : ''}`).sort();

	it('the same path, form fields and required fields', () => {
		expect(PATHS.systemPublish).toBe(v1Publish.endpoint.path);
		expect(fixtureFields(SYSTEM_PUBLISH_FIELDS)).toEqual(fixtureFields(v1Publish.fields));
	});

	it('the same cap per request and rate (100 recipients, 100 per second)', () => {
		const toUserId = v1Publish.fields.find((field) => field.name === 'toUserId');
		expect(toUserId?.limits).toContain(`at most ${MAX_SEND_RECIPIENTS} recipients`);
		expect(v1Publish.endpoint.rateLimit.value).toContain(`${RECIPIENTS_PER_SECOND} messages per second, counted by recipients`);
	});

	it('fails on a field only one side has', () => {
		const drifted = [...v1Publish.fields.filter((field) => field.name !== 'busChannel'), { name: 'isIncludeSender', required: false }];
		expect(fixtureFields(SYSTEM_PUBLISH_FIELDS)).not.toEqual(fixtureFields(drifted));
	});
});
