/** v4's cheap signed read-only calls, the credential test's candidates (docs/rongcloud-server-api.md#credential-test-candidates). */
import type { EmulatorContext } from './context';
import { checkUserIdLength } from './fields';
import { okV4, type Reply } from './reply';
import type { EmulatorApp, RecordedRequest } from './types';
import { readV4Body } from './v4Body';

function readUserId(record: RecordedRequest): string {
	const userId = readV4Body(record).userId as string;
	checkUserIdLength(userId, 'userId');
	return userId;
}

/** `status` is text, "0" offline or "1" online; the emulator's users are never online. */
export function handleV4ConnectionStatus(_context: EmulatorContext, _app: EmulatorApp, record: RecordedRequest): Reply {
	readUserId(record);
	return okV4({ status: '0' });
}

/** What an unknown user gets is not documented; the emulator knows every user id, named after itself. */
export function handleV4UserGet(context: EmulatorContext, _app: EmulatorApp, record: RecordedRequest): Reply {
	const userId = readUserId(record);
	const createdAt = new Date(context.now()).toISOString().replace('T', ' ').slice(0, 19);
	return okV4({ name: userId, avatarUrl: '', createdAt });
}
