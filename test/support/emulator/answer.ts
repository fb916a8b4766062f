/* eslint-disable
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/** Writing an answer, and recording it before the client can see it. */
import type * as http from 'node:http';

import type { Reply } from './reply';
import type { RecordedRequest } from './types';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** What the server lends the code that answers one request. */
export interface Answering {
	/** Route, authenticate, validate: the normal (fault-free) behaviour. */
	process(record: RecordedRequest): Reply;
	/** The record is final (answered, hung or reset): hand it to `onRequest`. */
	finish(record: RecordedRequest): void;
	now(): number;
	/** Timers of delayed and trickled answers; `close()` clears them. */
	readonly timers: Set<NodeJS.Timeout>;
}

export function send(
	answering: Answering,
	res: http.ServerResponse,
	record: RecordedRequest,
	status: number,
	body: string,
	contentType: string,
	recordedBody: unknown,
): void {
	const headers: Record<string, string> = { 'content-type': contentType };
	// Echo the trace id like the real gateway, so clients can correlate.
	const requestId = record.headers['x-request-id'];
	if (requestId !== undefined) headers['x-request-id'] = requestId;
	record.response = { status, headers, body: recordedBody };
	// Log first: once a client (maybe another process) has the answer, the record is out.
	answering.finish(record);
	res.writeHead(status, headers);
	res.end(body);
}

export const sendReply = (answering: Answering, res: http.ServerResponse, record: RecordedRequest, reply: Reply): void =>
	send(answering, res, record, reply.status, JSON.stringify(reply.body), JSON_CONTENT_TYPE, reply.body);
