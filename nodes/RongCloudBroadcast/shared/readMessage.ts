import type { IExecuteFunctions } from 'n8n-workflow';

import {
	contentFromFields,
	contentFromJson,
	CUSTOM_OBJECT_NAME,
	resolveObjectName,
	serializeContent,
} from './messageContent';
import { asText, ensure } from './validation';

export interface MessageInput {
	fromUserId: string;
	objectName: string;
	/** The content JSON string exactly as it goes on the wire. */
	content: string;
}

/** fromUserId, objectName and content of one item, as every message-sending operation reads them. */
export function readMessage(ctx: IExecuteFunctions, itemIndex: number): MessageInput {
	const read = (name: string, fallback: unknown = '') => ctx.getNodeParameter(name, itemIndex, fallback);
	const fromUserId = asText(read('fromUserId'), 'fromUserId').trim();
	ensure(fromUserId.length > 0, 'fromUserIdRequired');
	ensure(fromUserId.length <= 64, 'fromUserIdLength', `got ${fromUserId.length} characters`);

	const selected = read('objectName', 'RC:TxtMsg');
	const objectName = resolveObjectName(selected, selected === CUSTOM_OBJECT_NAME ? read('customObjectName') : '');
	const useJson = selected === CUSTOM_OBJECT_NAME || read('contentMode', 'fields') === 'json';
	const content = useJson
		? contentFromJson(objectName, read('content', undefined))
		: contentFromFields(objectName, (parameter) => read(parameter, undefined));
	return { fromUserId, objectName, content: serializeContent(content) };
}
