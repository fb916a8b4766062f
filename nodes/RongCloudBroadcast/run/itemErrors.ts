import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
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
	return markedNotResent(error, requestId);
}

/** What an item not sent again carries, for a Continue On Fail item and for n8n's stored error. */
function markedNotResent(error: NodeOperationError, requestId: string | undefined): NodeOperationError {
	error.context.mayHaveBeenDelivered = true;
	error.context.notResent = true;
	if (requestId) error.context.requestId = requestId;
	return error;
}

/** How to send it anyway: Send Again on Retry sends only what the execution retried left open, so the Retry must be of `which`. */
const sendAgainOnRetry = (which: string) =>
	`Check in your app whether it arrived. To send it anyway, turn on Options → Send Again on Retry in this node, save the workflow and retry ${which} with the currently saved workflow: items already delivered are still not sent again.`;

/**
 * n8n's Retry of a failed execution reached an item that execution may have delivered, or whose
 * fate it left no record of: never sent on a guess, since a second broadcast reaches every user.
 */
export function notResentOnRetry(
	ctx: IExecuteFunctions,
	itemIndex: number,
	earlier: { reason: string; requestId?: string; executionId?: string; unknown?: boolean; bySibling?: boolean; inFlight?: boolean },
): NodeOperationError {
	const retried = earlier.executionId ? `execution ${earlier.executionId}` : 'the execution it retries (the execution list shows it as "Retry of")';
	const self = `This execution (${ctx.getExecutionId()})`;
	const traced = earlier.requestId ? ` (RongCloud support can trace request ID ${earlier.requestId})` : '';
	const why = earlier.bySibling
		? `${self} and ${retried} are both n8n's Retries of the same failed execution, in this n8n instance, and ${retried} ${
				earlier.inFlight ? 'is sending this item now' : `ended its request for this item with: "${earlier.reason}"`
			}${traced}. Sending it again could deliver the message twice to every user: wait for ${retried} to end and look at its result.`
		: earlier.unknown
			? `${self} is n8n's Retry of ${earlier.executionId ? retried : 'a failed execution'}. ${sentence(earlier.reason || 'that execution left no record of what it sent here.')} Whether this item left is unknown, and the node will not guess: a second broadcast reaches every user twice.`
			: `${self} is n8n's Retry of ${retried}, whose request for this item ended with: "${earlier.reason}" That request may have reached RongCloud${traced}, and sending it again could deliver the message twice to every user.`;
	const error = new NodeOperationError(
		ctx.getNode(),
		earlier.bySibling
			? `Not sent: item ${itemIndex} is being sent, or may have been delivered, by ${retried}, another Retry of the same execution.`
			: `Not sent: item ${itemIndex} may have been delivered by the execution this one retries, so this retry did not send it.`,
		{ itemIndex, description: `${why} ${sendAgainOnRetry(earlier.bySibling ? `${retried} itself, once it has ended` : 'the failed execution')}` },
	);
	if (earlier.executionId) error.context.retryOf = earlier.executionId;
	return markedNotResent(error, earlier.requestId);
}

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** An item the execution this one retries (or another Retry of it) delivered: its output again, saying so. */
export function deliveredByRetriedExecution(json: IDataObject, executionId: string | undefined, bySibling = false): IDataObject {
	const by = executionId ? `execution ${executionId}` : 'the execution this one retries';
	const warning = bySibling
		? `Not sent again: ${by}, another of n8n's Retries of the same execution, delivered this item.`
		: `Not sent again: ${by} delivered this item, and this is n8n's Retry of it.`;
	return {
		...json,
		deliveredByExecution: executionId ?? null,
		warning: typeof json.warning === 'string' ? `${warning} ${json.warning}` : warning,
	};
}

/** n8n's Stop reached the run before this item left: this attempt sends nothing more (what earlier ones did, the run's progress says). */
export function executionStopped(ctx: IExecuteFunctions, itemIndex: number): NodeOperationError {
	const error = new NodeOperationError(ctx.getNode(), `The execution was stopped before item ${itemIndex} was sent.`, {
		itemIndex,
		description: `This attempt sent nothing more from item ${itemIndex} on: the execution was stopped (n8n's Stop) first.`,
	});
	error.context.mayHaveBeenDelivered = false;
	error.context.executionStopped = true;
	return error;
}

/** The warning of a success whose answer (code `successCode`) lacks a result the call expected: `what` it lacks, and what follows. */
export function missingResultWarning(successCode: number, what: string, consequence: string): string {
	return `RongCloud answered code ${successCode} without a usable ${what}, so ${consequence}.`;
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

/**
 * A failed item under "Continue On Fail". With "Continue (using regular output)" its words are the
 * item's json. With "Continue (using error output)" n8n sends an item to the error output by its
 * json's keys (an `error`, and no other key but `message` and `details`; in 1.x `error` alone), and
 * an item that carries the error object itself loses every field beside the message there; so the
 * words go inside `error`, as n8n's HTTP Request node puts its error there.
 */
export function errorItem(ctx: IExecuteFunctions, error: Error, itemIndex: number, more: IDataObject = {}): INodeExecutionData {
	const words = { ...errorJson(error), ...more };
	const json = ctx.getNode().onError === 'continueErrorOutput' ? { error: { message: words.error, ...words, error: undefined } } : words;
	return { json: JSON.parse(JSON.stringify(json)) as IDataObject, pairedItem: { item: itemIndex } };
}
