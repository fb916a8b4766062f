/** `/message/broadcast/recall.json`: takes back a message this emulator issued (docs/rongcloud-server-api.md#form-fields-of-messagebroadcastrecalljson). */
import type { EmulatorContext } from './context';
import { checkEnum, checkUserId, parseForm, rejectUnknownFields, requireField } from './fields';
import { consumeQuota, checkBroadcastService } from './quota';
import { ok, Rejection, type Reply } from './reply';
import type { EmulatorApp, RecordedRequest } from './types';

export function handleRecall(context: EmulatorContext, app: EmulatorApp, record: RecordedRequest): Reply {
	checkBroadcastService(context, app);
	const form = parseForm(record);
	rejectUnknownFields(form, [
		'fromUserId',
		'messageUID',
		'sentTime',
		'isAdmin',
		'isDelete',
		'extra',
		'disableUpdateLastMsg',
	]);
	checkUserId(form, 'fromUserId');
	const messageUID = requireField(form, 'messageUID');
	if (form.sentTime !== undefined && !/^\d+$/.test(form.sentTime)) {
		throw new Rejection(1002, 'sentTime must be a time in milliseconds (digits).');
	}
	checkEnum(form, 'isAdmin', ['0', '1']);
	checkEnum(form, 'isDelete', ['0', '1']);
	checkEnum(form, 'disableUpdateLastMsg', ['true', 'false']);
	const message = context.issued.find((m) => m.uid === messageUID && m.appKey === app.appKey);
	if (!message) throw new Rejection(1002, `messageUID ${messageUID} is unknown.`);
	consumeQuota(context, app);
	message.recalled = true;
	return ok();
}
