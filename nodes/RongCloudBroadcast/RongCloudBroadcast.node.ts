import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { broadcastProperties, operationSubtitle } from './resources/broadcast';
import { route } from './router';
import { CREDENTIAL_TYPE } from './transport/request';

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
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: broadcastProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
