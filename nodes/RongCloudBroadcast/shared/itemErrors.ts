import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Retry On Fail ran the node again, but this item's earlier request may have been delivered. */
export function notResent(ctx: IExecuteFunctions, itemIndex: number, reason: string, requestId?: string): NodeOperationError {
	const error = new NodeOperationError(
		ctx.getNode(),
		`Not re-sent: the earlier attempt of item ${itemIndex} may have been delivered, so this retry did not send it again.`,
		{
			itemIndex,
			description: `n8n's Retry On Fail ran the node again after: "${reason}" That request may have reached RongCloud, and sending it again could deliver the message twice to every user. ${
				requestId ? `Check in your app whether it arrived (RongCloud support can trace request ID ${requestId}) ` : 'Check in your app whether it arrived '
			}and send it again yourself only if it did not.`,
		},
	);
	error.context.mayHaveBeenDelivered = true;
	error.context.notResent = true;
	if (requestId) error.context.requestId = requestId;
	return error;
}

/** The warning of a success without `key`, which `operation` (the operation's value) expected. */
export function missingResultWarning(key: string, operation: string): string {
	if (key === 'id') return 'RongCloud answered code 200 without a usable push id, so this push cannot be traced from the workflow.';
	const what = operation === 'push' ? 'the system message of this push' : 'this broadcast';
	return `RongCloud answered code 200 without a usable ${key}, so ${what} cannot be recalled from the workflow.`;
}

/** The output item of a failed item under "Continue On Fail": the words, the code, no request data. */
export function errorJson(error: Error): IDataObject {
	const details = error as Error & { description?: string | null; httpCode?: string | null; context?: IDataObject };
	const context = details.context ?? {};
	const json: IDataObject = { error: error.message };
	if (details.description) json.description = details.description;
	if (typeof context.rongCloudCode === 'number') json.code = context.rongCloudCode;
	if (details.httpCode) json.httpCode = Number(details.httpCode);
	if (typeof context.requestId === 'string') json.requestId = context.requestId;
	if (typeof context.mayHaveBeenDelivered === 'boolean') json.mayHaveBeenDelivered = context.mayHaveBeenDelivered;
	if (context.notResent === true) json.notResent = true;
	return json;
}
