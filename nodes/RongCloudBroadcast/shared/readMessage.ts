import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { contentFromFields, contentFromJson, resolveObjectName } from './messageContent';
import {
	readCallOptions,
	readDisableUpdateLastMsg,
	readOptions,
	type PreparedCall,
} from './operation';
import { asNumber, asText, ensure, invalid } from './validation';

export interface MessageInput {
	fromUserId: string;
	objectName: string;
	/** The content JSON string exactly as it goes on the wire. */
	content: string;
}

/** The sender's user ID, trimmed and checked (1 to 64 characters): of a message, or of the broadcast to recall. */
export function readFromUserId(ctx: IExecuteFunctions, itemIndex: number): string {
	const fromUserId = asText(ctx.getNodeParameter('fromUserId', itemIndex, ''), 'fromUserId').trim();
	ensure(fromUserId.length > 0, 'fromUserIdRequired');
	ensure(fromUserId.length <= 64, 'fromUserIdLength', `got ${fromUserId.length} characters`);
	return fromUserId;
}

/** fromUserId, objectName and content of one item, as every message-sending operation reads them. */
export function readMessage(ctx: IExecuteFunctions, itemIndex: number): MessageInput {
	const read = (name: string, fallback: unknown = '') => ctx.getNodeParameter(name, itemIndex, fallback);
	const fromUserId = readFromUserId(ctx, itemIndex);

	const { objectName, jsonOnly } = resolveObjectName(read('objectName', 'RC:TxtMsg'), read);
	const content = jsonOnly || read('contentMode', 'fields') === 'json'
		? contentFromJson(objectName, readContentParameter(ctx, itemIndex))
		: contentFromFields(objectName, (parameter) => read(parameter, undefined));
	return { fromUserId, objectName, content };
}

/** n8n walks an expression's result recursively; content nested deeper than the stack gets the content rule, not a RangeError. */
function readContentParameter(ctx: IExecuteFunctions, itemIndex: number): unknown {
	try {
		return ctx.getNodeParameter('content', itemIndex, null);
	} catch (error) {
		if (error instanceof RangeError) invalid('contentDepth', 'got a value too deeply nested to read');
		throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
	}
}

/**
 * A form-encoded message call (send, sendOnline): the message, then the operation's own options
 * (`addFields`), then msgRandom and disableUpdateLastMsg, in that order of checks and of fields on the wire.
 */
export function prepareMessageForm(
	ctx: IExecuteFunctions,
	itemIndex: number,
	path: string,
	addFields?: (fields: Record<string, string>, options: Record<string, unknown>) => void,
): PreparedCall {
	const message = readMessage(ctx, itemIndex);
	const options = readOptions(ctx, itemIndex);
	const { dryRun, timeout } = readCallOptions(options);
	const fields: Record<string, string> = {
		content: message.content,
		fromUserId: message.fromUserId,
		objectName: message.objectName,
	};
	addFields?.(fields, options);
	const msgRandom = asNumber(options.msgRandom, 'options.msgRandom');
	if (msgRandom !== undefined) {
		ensure(Number.isSafeInteger(msgRandom), 'msgRandomWholeNumber', `got ${msgRandom}`);
		fields.msgRandom = String(msgRandom);
	}
	const disableUpdateLastMsg = readDisableUpdateLastMsg(options);
	if (disableUpdateLastMsg !== undefined) fields.disableUpdateLastMsg = String(disableUpdateLastMsg);
	return {
		request: { path, body: { type: 'form', fields }, timeout },
		dryRun,
		summary: { fromUserId: message.fromUserId, objectName: message.objectName },
	};
}
