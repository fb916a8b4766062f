/** Reading a v4 body: its endpoint's model (v4Models.ts), then what every v4 message shares. */
import { checkContent, checkObjectName } from './content';
import { checkUserIdLength } from './fields';
import { checkModel, parseJsonBody, type ModelField } from './jsonModel';
import { checkPushExt } from './pushExt';
import type { RecordedRequest } from './types';
import { V4_ENDPOINT_MODELS, V4_REQUEST_MODELS } from './v4Models';

/** The body, checked against the model of the path it came to; `adjust` widens the model where a docs page does. */
export function readV4Body(
	record: RecordedRequest,
	adjust: (fields: readonly ModelField[]) => readonly ModelField[] = (fields) => fields,
): Record<string, unknown> {
	const body = parseJsonBody(record);
	checkModel(body, adjust(V4_REQUEST_MODELS[V4_ENDPOINT_MODELS[record.path]]));
	return body;
}

/**
 * What a body's model cannot say: the sender's length, the type and content as the apps read them
 * (the same rules as v1's objectName and content), and pushExt's JSON text. Types were checked already.
 */
export function checkV4Message(body: Record<string, unknown>, prefix = ''): void {
	if (typeof body.fromUserId === 'string') checkUserIdLength(body.fromUserId, 'fromUserId');
	const messageType = body.messageType as string;
	checkObjectName(messageType, `${prefix}messageType`);
	checkContent(body.content as string, messageType, `${prefix}content`);
	if (typeof body.pushExt === 'string') checkPushExt(body.pushExt);
}
