/**
 * v4's broadcasts: to all users, to users online now, and recall (test/fixtures/nexconn-v4-contract.json,
 * docs/rongcloud-server-api.md). Same rules, quota and issued ids as v1's broadcast.json, online/broadcast.json
 * and recall.json; only the body (JSON) and the answer (`code: 0`, `result`) differ.
 */
import { newMessageUid } from './broadcast';
import { V4_PATHS } from './constants';
import { issue, type EmulatorContext } from './context';
import { checkUserIdLength } from './fields';
import type { ModelField } from './jsonModel';
import {
	checkBroadcastService,
	checkOnlineBroadcastRate,
	checkServiceEnabled,
	consumeQuota,
	countOnlineBroadcast,
} from './quota';
import { okV4, Rejection, type Reply } from './reply';
import type { EmulatorApp, RecordedRequest } from './types';
import { checkV4Message, readV4Body } from './v4Body';
import { V4_RECALL_DOC_VARIANTS } from './v4Models';

/** The contract's `result.messageId`, or the docs pages' `result.messageUID` for apps set so. */
const singleId = (app: EmulatorApp, id: string): Record<string, string> => ({ [app.v4IdName ?? 'messageId']: id });

export function handleV4BroadcastAll(context: EmulatorContext, app: EmulatorApp, record: RecordedRequest): Reply {
	checkBroadcastService(context, app);
	checkV4Message(readV4Body(record));
	consumeQuota(context, app);
	const messageId = newMessageUid();
	issue(context, app, V4_PATHS.broadcastAll, messageId);
	return okV4(singleId(app, messageId));
}

export function handleV4BroadcastOnline(context: EmulatorContext, app: EmulatorApp, record: RecordedRequest): Reply {
	// Unlike v1's, v4's online broadcast is documented as a Broadcast Service API (1009 without it).
	checkServiceEnabled(context, app);
	checkOnlineBroadcastRate(context, app);
	checkV4Message(readV4Body(record));
	countOnlineBroadcast(context, app);
	// Online broadcasts cannot be recalled, so the id is not added to `issued`.
	return okV4(singleId(app, newMessageUid()));
}

/** The id is required under one of its two names; the contract's stays the one a missing id is reported by. */
const withDocVariants = (fields: readonly ModelField[]): readonly ModelField[] => [
	...fields.map((field) => (field.name === 'messageId' ? { ...field, required: false } : field)),
	...V4_RECALL_DOC_VARIANTS,
];

export function handleV4Recall(context: EmulatorContext, app: EmulatorApp, record: RecordedRequest): Reply {
	checkBroadcastService(context, app);
	const body = readV4Body(record, withDocVariants);
	checkUserIdLength(body.fromUserId as string, 'fromUserId');
	if (body.messageId !== undefined && body.messageUID !== undefined) {
		throw new Rejection(1002, 'messageId and messageUID name the same id: send one (messageId in the contract, messageUID on the docs page).');
	}
	const name = body.messageUID !== undefined ? 'messageUID' : 'messageId';
	const id = body[name] as string | undefined;
	if (id === undefined || id === '') throw new Rejection(1002, `${name} is required.`);
	if (body.sentAt !== undefined && (body.sentAt as number) < 0) {
		throw new Rejection(1002, 'sentAt must be a time in milliseconds since the epoch.');
	}
	const message = context.issued.find((m) => m.uid === id && m.appKey === app.appKey);
	if (!message) throw new Rejection(1002, `${name} ${id} is unknown.`);
	consumeQuota(context, app);
	message.recalled = true;
	return okV4();
}
