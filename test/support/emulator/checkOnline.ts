/** `/user/checkOnline.json`: the cheap signed call the credential test makes. */
import type { EmulatorContext } from './context';
import { parseForm, rejectUnknownFields, requireField } from './fields';
import { ok, type Reply } from './reply';
import type { EmulatorApp, RecordedRequest } from './types';

export function handleCheckOnline(_context: EmulatorContext, _app: EmulatorApp, record: RecordedRequest): Reply {
	const form = parseForm(record);
	rejectUnknownFields(form, ['userId']);
	requireField(form, 'userId');
	return ok({ status: '0' });
}
