/** The endpoints by path, behind the checks every call passes first. */
import { authenticate } from './auth';
import { handleBroadcast } from './broadcast';
import { handleCheckOnline } from './checkOnline';
import { isV4Path, MAX_REQUEST_ID_LENGTH, PATHS, V4_PATHS } from './constants';
import type { EmulatorContext } from './context';
import { handleOnlineBroadcast } from './onlineBroadcast';
import { handlePush } from './push';
import { handleRecall } from './recall';
import { Rejection, type Reply } from './reply';
import { handleSystemPublish, handleV4Send } from './systemSend';
import type { EmulatorApp, RecordedRequest } from './types';
import { handleV4BroadcastAll, handleV4BroadcastOnline, handleV4Recall } from './v4Broadcast';
import { handleV4Push } from './v4Push';
import { handleV4ConnectionStatus, handleV4UserGet } from './v4User';

const handlers: Record<string, (context: EmulatorContext, app: EmulatorApp, record: RecordedRequest) => Reply> = {
	[PATHS.broadcast]: handleBroadcast,
	[PATHS.onlineBroadcast]: handleOnlineBroadcast,
	[PATHS.recall]: handleRecall,
	[PATHS.push]: handlePush,
	[PATHS.checkOnline]: handleCheckOnline,
	[PATHS.systemPublish]: handleSystemPublish,
	[V4_PATHS.broadcastAll]: handleV4BroadcastAll,
	[V4_PATHS.broadcastOnline]: handleV4BroadcastOnline,
	[V4_PATHS.recall]: handleV4Recall,
	[V4_PATHS.send]: handleV4Send,
	[V4_PATHS.taggedPush]: handleV4Push,
	[V4_PATHS.packagePush]: handleV4Push,
	[V4_PATHS.connectionStatus]: handleV4ConnectionStatus,
	[V4_PATHS.userGet]: handleV4UserGet,
};

/** Every path the emulator answers (all by POST), so a client's test can check it calls none other. */
export const HANDLED_PATHS: readonly string[] = Object.freeze(Object.keys(handlers));

/** Route, authenticate, validate: the normal (fault-free) behaviour. */
export function processRequest(context: EmulatorContext, record: RecordedRequest): Reply {
	const handler = record.method === 'POST' ? handlers[record.path] : undefined;
	if (!handler) {
		const why = handlers[record.path] ? 'only POST is answered there' : 'no endpoint of the emulator has this path';
		return { status: 404, body: { code: 404, errorMessage: `Not found: ${record.method} ${record.path} (${why}).` } };
	}
	try {
		const requestId = record.headers['x-request-id'];
		if (requestId !== undefined && requestId.length > MAX_REQUEST_ID_LENGTH) {
			throw new Rejection(1005, `X-Request-ID is longer than ${MAX_REQUEST_ID_LENGTH} characters.`);
		}
		return handler(context, authenticate(context, record.headers, isV4Path(record.path)), record);
	} catch (error) {
		if (error instanceof Rejection) {
			return { status: error.httpStatus, body: { code: error.code, errorMessage: error.errorMessage } };
		}
		return { status: 500, body: { code: 1000, errorMessage: `Emulator bug: ${String(error)}` } };
	}
}
