import type { IExecuteFunctions } from 'n8n-workflow';

import { readMessage } from './message/content';
import {
	readCallOptions,
	readDisableUpdateLastMsg,
	readOptions,
	type PreparedCall,
} from './operation';
import { asNumber, ensure } from './validation';

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
