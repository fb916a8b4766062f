import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { broadcastProperties, operationSubtitle } from './resources/message';
import { route } from './router';
import { testRongCloudCredential } from './transport/credentialTest';

export class RongCloudBroadcast implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RongCloud Broadcast',
		name: 'rongCloudBroadcast',
		icon: { light: 'file:rongcloud.svg', dark: 'file:rongcloud.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle,
		description: 'Send RongCloud IM broadcasts to all or online users, recall them, and push notifications',
		defaults: { name: 'RongCloud Broadcast' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// Written out, not CREDENTIAL_TYPE: n8n's lint and package scanner read the name from the source to find the test.
		credentials: [{ name: 'rongCloudApi', required: true, testedBy: 'rongCloudApiTest' }],
		properties: broadcastProperties,
	};

	methods = {
		credentialTest: { rongCloudApiTest: testRongCloudCredential },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
