import type { IExecuteFunctions } from 'n8n-workflow';

import {
	contentFromFields,
	contentFromJson,
	CUSTOM_OBJECT_NAME,
	resolveObjectName,
	serializeContent,
} from './messageContent';
import {
	readCallOptions,
	readDisableUpdateLastMsg,
	readOptions,
	type PreparedCall,
} from './operation';
import { asText, ensure } from './validation';

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

	const selected = read('objectName', 'RC:TxtMsg');
	const objectName = resolveObjectName(selected, selected === CUSTOM_OBJECT_NAME ? read('customObjectName') : '');
	const useJson = selected === CUSTOM_OBJECT_NAME || read('contentMode', 'fields') === 'json';
	const content = useJson
		? contentFromJson(objectName, read('content', undefined))
		: contentFromFields(objectName, (parameter) => read(parameter, undefined));
	return { fromUserId, objectName, content: serializeContent(content) };
}

/**
 * A form-encoded message call (send, sendOnline): the message, then the operation's own options
 * (`addFields`), then disableUpdateLastMsg, in that order of checks and of fields on the wire.
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
	const disableUpdateLastMsg = readDisableUpdateLastMsg(options);
	if (disableUpdateLastMsg !== undefined) fields.disableUpdateLastMsg = String(disableUpdateLastMsg);
	return {
		request: { path, body: { type: 'form', fields }, timeout },
		dryRun,
		summary: { fromUserId: message.fromUserId, objectName: message.objectName },
	};
}
