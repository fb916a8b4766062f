/** `/message/online/broadcast.json`: the same to users online now, with its own rate (docs/rongcloud-server-api.md#the-endpoints). */
import { PATHS } from './constants';
import { newMessageUid } from './broadcast';
import { checkContent, checkObjectName } from './content';
import type { EmulatorContext } from './context';
import { checkEnum, checkUserId, parseForm, rejectUnknownFields, requireField } from './fields';
import { checkMsgRandom, checkRepeatedMsgRandom, rememberMsgRandom } from './msgRandom';
import { checkOnlineBroadcastRate, countOnlineBroadcast } from './quota';
import { ok, type Reply } from './reply';
import type { EmulatorApp, RecordedRequest } from './types';

export function handleOnlineBroadcast(context: EmulatorContext, app: EmulatorApp, record: RecordedRequest): Reply {
	checkOnlineBroadcastRate(context, app);
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
	countOnlineBroadcast(context, app);
	// Online broadcasts cannot be recalled, so the UID is not added to `issued`.
	return ok({ messageUID: newMessageUid() });
}
