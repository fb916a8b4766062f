/** The endpoints by path, behind the checks every call passes first. */
import { authenticate } from './auth';
import { handleBroadcast } from './broadcast';
import { handleCheckOnline } from './checkOnline';
import { MAX_REQUEST_ID_LENGTH, PATHS } from './constants';
import type { EmulatorContext } from './context';
import { handleOnlineBroadcast } from './onlineBroadcast';
import { handlePush } from './push';
import { handleRecall } from './recall';
import { Rejection, type Reply } from './reply';
import type { EmulatorApp, RecordedRequest } from './types';

const handlers: Record<string, (context: EmulatorContext, app: EmulatorApp, record: RecordedRequest) => Reply> = {
	[PATHS.broadcast]: handleBroadcast,
	[PATHS.onlineBroadcast]: handleOnlineBroadcast,
	[PATHS.recall]: handleRecall,
	[PATHS.push]: handlePush,
	[PATHS.checkOnline]: handleCheckOnline,
};

/** Route, authenticate, validate: the normal (fault-free) behaviour. */
export function processRequest(context: EmulatorContext, record: RecordedRequest): Reply {
	const handler = record.method === 'POST' ? handlers[record.path] : undefined;
	if (!handler) {
		return { status: 404, body: { code: 404, errorMessage: `Not found: ${record.method} ${record.path}` } };
	}
	try {
		const requestId = record.headers['x-request-id'];
		if (requestId !== undefined && requestId.length > MAX_REQUEST_ID_LENGTH) {
			throw new Rejection(1005, `X-Request-ID is longer than ${MAX_REQUEST_ID_LENGTH} characters.`);
		}
		return handler(context, authenticate(context, record.headers), record);
	} catch (error) {
		if (error instanceof Rejection) {
			return { status: error.httpStatus, body: { code: error.code, errorMessage: error.errorMessage } };
		}
		return { status: 500, body: { code: 1000, errorMessage: `Emulator bug: ${String(error)}` } };
	}
}
