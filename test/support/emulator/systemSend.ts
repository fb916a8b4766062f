/**
 * System messages to listed users: v1 `/message/system/publish.json` (form, `toUserId` repeated;
 * test/fixtures/rongcloud-v1-system-publish.json) and v4 `/v4/system-channel/message/send` (JSON).
 * Not a Broadcast Service API and outside the broadcast quota; paced by recipients (recipientRate.ts).
 * Every recipient's copy is recorded in `deliveries`, so a test can prove each got it exactly once.
 */
import { newMessageUid } from './broadcast';
import { MAX_SEND_RECIPIENTS, PATHS } from './constants';
import { checkContent, checkObjectName } from './content';
import type { EmulatorContext } from './context';
import { checkEnum, checkUserId, checkUserIdLength, parseForm, rejectUnknownFields, requireField } from './fields';
import { checkMsgRandom, checkRepeatedMsgRandom, rememberMsgRandom } from './msgRandom';
import { checkPushExt } from './pushExt';
import { takeRecipients } from './recipientRate';
import { ok, okV4, Rejection, type Reply } from './reply';
import type { Delivery, EmulatorApp, RecordedRequest } from './types';
import { checkV4Message, readV4Body } from './v4Body';

/** publish.json's form fields and which are required, as the fixture records them (the SDKs' union). */
export const SYSTEM_PUBLISH_FIELDS: ReadonlyArray<{ name: string; required: boolean }> = [
	...['fromUserId', 'toUserId', 'objectName', 'content'].map((name) => ({ name, required: true })),
	...['pushContent', 'pushData', 'isPersisted', 'isCounted', 'contentAvailable', 'disablePush', 'pushExt', 'disableUpdateLastMsg', 'msgRandom', 'count', 'busChannel'].map(
		(name) => ({ name, required: false }),
	),
];

interface Message {
	fromUserId: string;
	recipients: string[];
	messageType: string;
	content: string;
}

/** Duplicates in the list get one copy; the cap counts the list as sent. */
function checkRecipients(recipients: string[], name: string): void {
	if (recipients.length === 0) throw new Rejection(1002, `${name} is required.`);
	if (recipients.length > MAX_SEND_RECIPIENTS) {
		throw new Rejection(1005, `${name} has more than ${MAX_SEND_RECIPIENTS} recipients.`);
	}
	for (const userId of recipients) {
		if (userId === '') throw new Rejection(1002, `${name} must not contain an empty user id.`);
		checkUserIdLength(userId, name);
	}
}

/** One copy per distinct recipient, within the rate, or nothing at all. */
function deliver(context: EmulatorContext, app: EmulatorApp, record: RecordedRequest, message: Message): Delivery[] {
	const recipients = [...new Set(message.recipients)];
	takeRecipients(context, app, record.receivedAt, recipients.length);
	const copies = recipients.map((userId) => ({
		appKey: app.appKey,
		path: record.path,
		requestSeq: record.seq,
		userId,
		messageId: newMessageUid(),
		fromUserId: message.fromUserId,
		messageType: message.messageType,
		content: message.content,
		at: record.receivedAt,
	}));
	context.deliveries.push(...copies);
	return copies;
}

export function handleSystemPublish(context: EmulatorContext, app: EmulatorApp, record: RecordedRequest): Reply {
	const form = parseForm(record, ['toUserId']);
	rejectUnknownFields(form, SYSTEM_PUBLISH_FIELDS.map((field) => field.name));
	checkUserId(form, 'fromUserId');
	const recipients = record.formValues?.toUserId ?? [];
	checkRecipients(recipients, 'toUserId');
	const objectName = requireField(form, 'objectName');
	checkObjectName(objectName);
	const content = requireField(form, 'content');
	checkContent(content, objectName);
	for (const name of ['isPersisted', 'isCounted', 'contentAvailable']) checkEnum(form, name, ['0', '1']);
	for (const name of ['disablePush', 'disableUpdateLastMsg']) checkEnum(form, name, ['true', 'false']);
	if (form.pushExt !== undefined) checkPushExt(form.pushExt);
	if (form.count !== undefined && !/^\d{1,9}$/.test(form.count)) throw new Rejection(1002, 'count must be a whole number, 0 or more.');
	if (form.busChannel === '') throw new Rejection(1002, 'busChannel must not be empty.');
	checkMsgRandom(form);
	checkRepeatedMsgRandom(context, app, PATHS.systemPublish, form);
	const copies = deliver(context, app, record, { fromUserId: form.fromUserId, recipients, messageType: objectName, content });
	rememberMsgRandom(context, app, PATHS.systemPublish, form);
	return ok({ messageUIDs: copies.map((copy) => ({ userId: copy.userId, messageUID: copy.messageId })) });
}

export function handleV4Send(context: EmulatorContext, app: EmulatorApp, record: RecordedRequest): Reply {
	const body = readV4Body(record);
	checkV4Message(body);
	const recipients = body.toUserIds as string[];
	checkRecipients(recipients, 'toUserIds');
	const message = { fromUserId: body.fromUserId as string, recipients, messageType: body.messageType as string, content: body.content as string };
	const copies = deliver(context, app, record, message);
	return okV4({ messageIds: copies.map((copy) => ({ userId: copy.userId, messageId: copy.messageId })) });
}
