import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { broadcastProperties, operations } from './resources/broadcast';
import type { PreparedCall } from './shared/operation';
import { resolveEndpoints, type Endpoints } from './shared/regions';
import { CREDENTIAL_TYPE, describeDryRun, sendToRongCloud } from './shared/transport';
import { asNodeError } from './shared/validation';

export class RongCloudBroadcast implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'RongCloud Broadcast',
		name: 'rongCloudBroadcast',
		icon: { light: 'file:rongcloud.svg', dark: 'file:rongcloud.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ { send: "Send to All Users", sendOnline: "Send to Online Users", recall: "Recall Broadcast", push: "Push Notification" }[$parameter["operation"]] }}',
		description: 'Send RongCloud IM broadcasts to all or online users, recall them, and push notifications',
		defaults: { name: 'RongCloud Broadcast' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		properties: broadcastProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const operationName = this.getNodeParameter('operation', 0) as string;
		const operation = operations[operationName];
		if (!operation) {
			throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not supported`);
		}

		// Every item is checked before the first byte leaves: a broadcast reaches every user.
		const prepared: Array<PreparedCall | Error> = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				prepared.push(operation.prepare(this, itemIndex));
			} catch (error) {
				const nodeError = asNodeError(this, error, itemIndex);
				if (!this.continueOnFail()) throw nodeError;
				prepared.push(nodeError);
			}
		}

		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		let endpoints: Endpoints;
		try {
			endpoints = resolveEndpoints(credentials);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), (error as Error).message, {
				description: 'Nothing was sent. Fix the RongCloud credential and run again.',
			});
		}

		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const pairedItem = { item: itemIndex };
			const call = prepared[itemIndex];
			if (call instanceof Error) {
				output.push({ json: errorJson(call), pairedItem });
				continue;
			}
			if (call.dryRun) {
				const json = { ...describeDryRun(String(credentials.appKey ?? ''), endpoints, call.request), ...call.summary };
				output.push({ json, pairedItem });
				continue;
			}
			try {
				const sentTime = Date.now();
				const answer = await sendToRongCloud(this, endpoints, call.request, itemIndex);
				const json: IDataObject = { code: answer.body.code as number };
				for (const key of operation.resultKeys) {
					if (answer.body[key] !== undefined) json[key] = answer.body[key];
				}
				Object.assign(json, { requestId: answer.requestId, sentTime }, call.summary);
				if (answer.failedOver) json.servedByBackupDomain = answer.baseUrl;
				output.push({ json, pairedItem });
			} catch (error) {
				// The transport already throws NodeApiError, which this constructor returns unchanged.
				const apiError = new NodeApiError(this.getNode(), error as JsonObject, { itemIndex });
				if (!this.continueOnFail()) throw apiError;
				output.push({ json: errorJson(apiError), pairedItem });
			}
		}
		return [output];
	}
}

/** The output item of a failed item under "Continue On Fail": the words, the code, no request data. */
function errorJson(error: Error): IDataObject {
	const details = error as Error & { description?: string | null; httpCode?: string | null; context?: IDataObject };
	const context = details.context ?? {};
	const json: IDataObject = { error: error.message };
	if (details.description) json.description = details.description;
	if (typeof context.rongCloudCode === 'number') json.code = context.rongCloudCode;
	if (details.httpCode) json.httpCode = Number(details.httpCode);
	if (typeof context.requestId === 'string') json.requestId = context.requestId;
	if (typeof context.mayHaveBeenDelivered === 'boolean') json.mayHaveBeenDelivered = context.mayHaveBeenDelivered;
	return json;
}
