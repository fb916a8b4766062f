/**
 * A credential's test run the way n8n's CredentialsTester runs it (the same in n8n 1.x and 2.x):
 * a credential type with a declarative `test` is tested by it; otherwise the node that uses the
 * credential names a function with `testedBy`, and n8n calls `methods.credentialTest[testedBy]`
 * with n8n-core's real CredentialTestContext (whose `helpers.request` is n8n's legacy request,
 * proxied to axios). The verdict is what the editor shows.
 *
 * The declarative path: the test request becomes the `routing.request` of a throw-away node,
 * n8n-core's real RoutingNode sends it through `httpRequestWithAuthentication` (so the
 * credential's `authenticate` signs it and expressions such as `$credentials.region` resolve),
 * and the answer is judged by the same rules in the same order: a thrown HTTP error by the
 * `responseCode` rules and its status, then a successful answer by the `responseSuccessBody` rules.
 */
import { CredentialTestContext, ExecuteContext, RoutingNode } from 'n8n-core';
import {
	createRunExecutionData,
	NodeConnectionTypes,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialTestFunction,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { RongCloudBroadcast } from '../../nodes/RongCloudBroadcast/RongCloudBroadcast.node';
import { HarnessCredentialsHelper, HarnessNodeTypes, initializeN8n, INSTANCE_URLS } from './runNode';

export interface CredentialTestVerdict {
	status: 'OK' | 'Error';
	message: string;
}

const TEST_NODE_TYPE = 'n8n-nodes-rongcloud-harness.credentialTest';

/** The function a node names for the credential with `testedBy`, as CredentialsTester finds it. */
function testedByFunction(credentialName: string, nodeTypes: INodeType[]): ICredentialTestFunction | undefined {
	for (const nodeType of nodeTypes) {
		for (const { name, testedBy } of nodeType.description.credentials ?? []) {
			if (name === credentialName && typeof testedBy === 'string') return nodeType.methods?.credentialTest?.[testedBy];
		}
	}
	return undefined;
}

export async function runCredentialTest(
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
	nodeTypes: INodeType[] = [new RongCloudBroadcast()],
): Promise<CredentialTestVerdict> {
	initializeN8n();
	const credentialsHelper = new HarnessCredentialsHelper(new Map([[credentialType.name, credentialType]]), data);
	// n8n applies the credential type's defaults before testing (applyDefaultsAndOverwrites).
	const decrypted = await credentialsHelper.getDecrypted(
		{} as IWorkflowExecuteAdditionalData,
		{ id: 'test', name: 'test' },
		credentialType.name,
		'internal',
	);
	const testRequest = credentialType.test;
	if (!testRequest) {
		const testFunction = testedByFunction(credentialType.name, nodeTypes);
		if (!testFunction) return { status: 'Error', message: 'No testing function found for this credential.' };
		const context = new CredentialTestContext({ credentialsHelper, ...INSTANCE_URLS } as unknown as IWorkflowExecuteAdditionalData);
		return await testFunction.call(context, { id: 'test', name: 'test', type: credentialType.name, data: decrypted });
	}
	const nodeType: INodeType = {
		description: {
			displayName: 'Credential test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: 'Runs a credential test request',
			defaults: { name: 'Temp-Node' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: testRequest.request }, default: '' }],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: TEST_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [credentialType.name]: { id: 'test', name: 'test' } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new HarnessNodeTypes({ [TEST_NODE_TYPE]: nodeType }),
	});
	const additionalData = { credentialsHelper, ...INSTANCE_URLS } as unknown as IWorkflowExecuteAdditionalData;
	const executeData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);
	const credentialsDecrypted = { id: 'test', name: 'test', type: credentialType.name, data: decrypted };
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, nodeType, credentialsDecrypted).runNode();
	} catch (error) {
		const { cause, message } = error as { cause?: { response?: { status: number; statusText?: string }; code?: string }; message: string };
		if (cause?.response) {
			const { status, statusText } = cause.response;
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (status < 199 || status > 299) return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code };
		}
		return { status: 'Error', message: String(message) };
	}
	for (const rule of testRequest.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const json = response?.[0]?.[0]?.json as IDataObject | undefined;
		if (lookup(json, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** lodash's `get` with a dotted key, as n8n reads the rule's key. */
function lookup(value: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((current, key) => (current === null || current === undefined ? undefined : (current as IDataObject)[key]), value);
}
