/** `/message/broadcast.json`: a system message to every user (docs/rongcloud-server-api.md#form-fields-of-messagebroadcastjson). */
import { randomBytes } from 'node:crypto';

import { PATHS } from './constants';
import { checkContent, checkObjectName } from './content';
import { issue, type EmulatorContext } from './context';
import { checkEnum, checkUserId, parseForm, rejectUnknownFields, requireField } from './fields';
import { checkMsgRandom, checkRepeatedMsgRandom, rememberMsgRandom } from './msgRandom';
import { checkPushExt } from './pushExt';
import { consumeQuota, checkBroadcastService } from './quota';
import { ok, type Reply } from './reply';
import type { EmulatorApp, RecordedRequest } from './types';

/** A 4x4 id shaped like real messageUIDs (e.g. `BVQK-8CSS-N3S5-U3ML`). */
export function newMessageUid(): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
	const bytes = randomBytes(16);
	let out = '';
	for (let i = 0; i < 16; i++) {
		if (i > 0 && i % 4 === 0) out += '-';
		out += alphabet[bytes[i] % alphabet.length];
	}
	return out;
}

const BROADCAST_FIELDS = [
	'fromUserId',
	'objectName',
	'content',
	'pushContent',
	'pushData',
	'os',
	'contentAvailable',
	'pushExt',
	'msgRandom',
	'disableUpdateLastMsg',
] as const;

export function handleBroadcast(context: EmulatorContext, app: EmulatorApp, record: RecordedRequest): Reply {
	checkBroadcastService(context, app);
	const form = parseForm(record);
	rejectUnknownFields(form, BROADCAST_FIELDS);
	checkUserId(form, 'fromUserId');
	const objectName = requireField(form, 'objectName');
	checkObjectName(objectName);
	checkContent(requireField(form, 'content'), objectName);
	checkEnum(form, 'os', ['iOS', 'Android']);
	checkEnum(form, 'contentAvailable', ['0', '1']);
	checkEnum(form, 'disableUpdateLastMsg', ['true', 'false']);
	checkMsgRandom(form);
	if (form.pushExt !== undefined) checkPushExt(form.pushExt);
	checkRepeatedMsgRandom(context, app, PATHS.broadcast, form);
	rememberMsgRandom(context, app, PATHS.broadcast, form);
	consumeQuota(context, app);
	const messageUID = newMessageUid();
	issue(context, app, PATHS.broadcast, messageUID);
	return ok({ messageUID });
}
