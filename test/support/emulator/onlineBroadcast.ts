/** `/message/online/broadcast.json`: the same to users online now, with its own rate (docs/rongcloud-server-api.md#the-endpoints). */
import { MINUTE, ONLINE_BROADCAST_PER_MINUTE, PATHS } from './constants';
import { newMessageUid } from './broadcast';
import { checkContent, checkObjectName } from './content';
import { runtimeOf, type EmulatorContext } from './context';
import { checkEnum, checkUserId, parseForm, rejectUnknownFields, requireField } from './fields';
import { checkMsgRandom, checkRepeatedMsgRandom, rememberMsgRandom } from './msgRandom';
import { ok, Rejection, type Reply } from './reply';
import type { EmulatorApp, RecordedRequest } from './types';

export function handleOnlineBroadcast(context: EmulatorContext, app: EmulatorApp, record: RecordedRequest): Reply {
	const state = runtimeOf(context, app.appKey);
	const current = context.now();
	state.onlineBroadcasts = state.onlineBroadcasts.filter((at) => current - at < MINUTE);
	if (state.onlineBroadcasts.length >= ONLINE_BROADCAST_PER_MINUTE) {
		throw new Rejection(1008, `Rate limit: at most ${ONLINE_BROADCAST_PER_MINUTE} online broadcasts per minute.`);
	}
	const form = parseForm(record);
	rejectUnknownFields(form, ['fromUserId', 'objectName', 'content', 'msgRandom', 'disableUpdateLastMsg']);
	checkUserId(form, 'fromUserId');
	const objectName = requireField(form, 'objectName');
	checkObjectName(objectName);
	checkContent(requireField(form, 'content'), objectName);
	checkEnum(form, 'disableUpdateLastMsg', ['true', 'false']);
	checkMsgRandom(form);
	checkRepeatedMsgRandom(context, app, PATHS.onlineBroadcast, form);
	rememberMsgRandom(context, app, PATHS.onlineBroadcast, form);
	state.onlineBroadcasts.push(current);
	// Online broadcasts cannot be recalled, so the UID is not added to `issued`.
	return ok({ messageUID: newMessageUid() });
}
