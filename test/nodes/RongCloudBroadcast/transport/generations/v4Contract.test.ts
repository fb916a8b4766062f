/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * The requests the node builds for Nexconn's API v4 against the vendor's own contract: the models
 * of its OpenAPI file (shipped with its Go SDK) and its Node SDK, saved with their sources in
 * test/fixtures/nexconn-v4-contract.json. Every field the node sends must be in the endpoint's
 * model with the model's JSON type, every required field must be there, and the path must be the
 * contract's: a renamed or retyped field fails here. Checked on the Dry Run item, which shows the
 * exact body that would be sent, for every operation with every field it can send.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { VALID_PUSH, VALID_RECALL, VALID_SEND, VALID_SEND_TO_USERS } from '../../../../support/ruleViolations';
import { outputJson, runBroadcast } from '../../../../support/runBroadcast';
import { withEmulator } from '../../../../support/withEmulator';

interface ContractField {
	name: string;
	type: string;
	required?: boolean;
	variants?: Array<{ name: string }>;
}
interface ContractModel {
	fields: ContractField[];
	variantsOnlyInDocs?: Array<{ name: string; type: string }>;
}
interface Contract {
	models: Record<string, ContractModel>;
	endpoints: Array<{ path: string; request: string }>;
}

const contract = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'fixtures', 'nexconn-v4-contract.json'), 'utf8')) as Contract;

function jsonType(value: unknown): string {
	if (Array.isArray(value)) return value.every((entry) => typeof entry === 'string') ? 'array<string>' : 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return value === null ? 'null' : typeof value;
}

/** Where `body` breaks the model: a field it lacks, a required one missing, a type that differs. */
function contractViolations(modelName: string, body: IDataObject, path = '$'): string[] {
	const model = contract.models[modelName];
	if (!model) return [`${path}: no model ${modelName} in the contract`];
	const problems: string[] = [];
	for (const field of model.fields) {
		if (field.required && !(field.name in body)) problems.push(`${path}.${field.name}: required and missing`);
	}
	for (const [key, value] of Object.entries(body)) {
		const field = model.fields.find((candidate) => candidate.name === key);
		const docsOnly = model.variantsOnlyInDocs?.find((candidate) => candidate.name === key);
		if (!field && docsOnly) continue;
		if (!field) {
			problems.push(`${path}.${key}: not in ${modelName}`);
			continue;
		}
		if (contract.models[field.type]) {
			problems.push(...contractViolations(field.type, value as IDataObject, `${path}.${key}`));
			continue;
		}
		const actual = jsonType(value);
		const expected = field.type === 'object' ? 'object' : field.type;
		if (actual !== expected) problems.push(`${path}.${key}: ${actual}, the contract says ${field.type}`);
	}
	return problems;
}

const V4 = { apiVersion: 'v4' };
const PUSH_EXT = { title: 'Hi', pushConfigs: { HW: { channelId: 'hw' } } };
const MESSAGE_OPTIONS = { dryRun: true, disableUpdateLastMsg: true };
const PUSH_OPTIONS = { ...MESSAGE_OPTIONS, pushContent: 'New message', pushData: '{"a":1}', contentAvailable: true };

const CASES: Array<[string, INodeParameters]> = [
	['send, every field v4 has', { ...VALID_SEND, options: PUSH_OPTIONS, pushExt: PUSH_EXT }],
	['sendOnline', { ...VALID_SEND, operation: 'sendOnline', options: MESSAGE_OPTIONS }],
	['recall, every field v4 has', { ...VALID_RECALL, options: { ...MESSAGE_OPTIONS, isAdmin: true, isDelete: true, extra: 'x' } }],
	[
		'sendToUsers, every field v4 has',
		{ ...VALID_SEND_TO_USERS, options: { ...PUSH_OPTIONS, isPersisted: false, disablePush: true }, pushExt: PUSH_EXT },
	],
	['push to all users', { ...VALID_PUSH, sendMessage: true, ...VALID_SEND, operation: 'push', options: MESSAGE_OPTIONS }],
	[
		'push to tags with filters and every notification field',
		{
			...VALID_PUSH,
			audience: 'tag',
			tags: 'vip, beijing',
			audienceFilters: { tag_or: 'a, b' },
			notification: { title: 'T', forceShowPushContent: true, iosAlert: 'i', androidAlert: 'a', harmonyOSAlert: 'h' },
			sendMessage: true,
			...VALID_SEND,
			operation: 'push',
			options: MESSAGE_OPTIONS,
		},
	],
	['push to user IDs', { ...VALID_PUSH, audience: 'userid', userIds: 'u1, u2', sendMessage: true, ...VALID_SEND, operation: 'push', options: MESSAGE_OPTIONS }],
	[
		'push to an app package',
		{ ...VALID_PUSH, audience: 'packageName', packageName: 'com.example', sendMessage: true, ...VALID_SEND, operation: 'push', options: MESSAGE_OPTIONS },
	],
];

describe("the v4 requests against Nexconn's contract", () => {
	const emulator = withEmulator();

	it.each(CASES)('%s: the path and every field are the contract\'s', async (_name, parameters) => {
		const items = outputJson(await runBroadcast(emulator, { parameters, credentials: V4 }));
		expect(emulator.requests).toHaveLength(0);
		const shown = items.flatMap((item) => (Array.isArray(item.requests) ? (item.requests as IDataObject[]) : [item]));
		expect(shown.length).toBeGreaterThan(0);
		for (const request of shown) {
			const path = new URL(String(request.url)).pathname;
			const endpoint = contract.endpoints.find((candidate) => candidate.path === path);
			expect({ path, known: endpoint !== undefined }).toEqual({ path, known: true });
			expect((request.headers as IDataObject)['Content-Type']).toBe('application/json');
			expect(JSON.parse(String(request.encodedBody))).toEqual(request.body);
			expect(contractViolations(endpoint!.request, request.body as IDataObject)).toEqual([]);
		}
	});

	it('the check fails on a renamed field, a retyped field and a missing required field', () => {
		expect(contractViolations('SystemChannelBroadcastAllRequest', { fromUserId: 'a', objectName: 'RC:TxtMsg', content: '{}' })).toEqual([
			'$.messageType: required and missing',
			'$.objectName: not in SystemChannelBroadcastAllRequest',
		]);
		expect(contractViolations('SystemChannelBroadcastAllRequest', { fromUserId: 'a', messageType: 'RC:TxtMsg', content: '{}', contentAvailable: '1' })).toEqual([
			'$.contentAvailable: string, the contract says integer',
		]);
		expect(contractViolations('SystemChannelPushRequest', { platform: ['ios'], fromUserId: 'a', audience: { is_to_all: true }, message: { content: '{}', messageType: 'RC:TxtMsg' }, notification: {} })).toEqual([
			'$.audience.is_to_all: not in SystemChannelPushAudience',
		]);
	});
});
