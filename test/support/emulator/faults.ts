/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * Injected faults (`failNext`): what a gateway, a proxy or a struggling server sends instead of a
 * clean answer, and the queue that decides which request gets one.
 */
import type * as http from 'node:http';

import { JSON_CONTENT_TYPE, send, sendReply, type Answering } from './answer';
import { isV4Path, RONGCLOUD_ERROR_CODES, type ErrorCodeInfo } from './constants';
import type { Fault, FaultOptions, RecordedRequest } from './types';

interface PendingFault {
	fault: Fault;
	path?: string;
	remaining: number;
	skip: number;
}

/** Faults queued by `failNext`, first come first served. */
export class FaultQueue {
	private pending: PendingFault[] = [];

	add(fault: Fault, options: FaultOptions): void {
		this.pending.push({ fault, path: options.path, remaining: options.times ?? 1, skip: options.skip ?? 0 });
	}

	/** The fault for this request, if one is due: skips are let through first, then `times` requests get it. */
	take(path: string): Fault | undefined {
		const pending = this.pending.find((f) => f.path === undefined || f.path === path);
		if (!pending) return undefined;
		if (pending.skip > 0) {
			pending.skip -= 1;
			return undefined;
		}
		pending.remaining -= 1;
		if (pending.remaining <= 0) this.pending = this.pending.filter((f) => f !== pending);
		return pending.fault;
	}

	clear(): void {
		this.pending = [];
	}
}

function noteAbandonment(answering: Answering, res: http.ServerResponse, record: RecordedRequest): void {
	res.on('close', () => {
		if (!res.writableFinished) record.abandonedByClientAt = answering.now();
	});
}

/** Headers now, the processed answer's JSON one byte per tick; `endless` keeps ticking spaces after it. */
function trickle(answering: Answering, res: http.ServerResponse, record: RecordedRequest, intervalMs: number, endless: boolean): void {
	const reply = answering.process(record);
	const text = JSON.stringify(reply.body);
	record.response = { status: reply.status, headers: { 'content-type': JSON_CONTENT_TYPE }, body: reply.body };
	answering.finish(record);
	res.writeHead(reply.status, { 'content-type': JSON_CONTENT_TYPE });
	noteAbandonment(answering, res, record);
	let at = 0;
	const timer = setInterval(() => {
		if (res.destroyed) {
			clearInterval(timer);
			answering.timers.delete(timer);
			return;
		}
		if (at < text.length) res.write(text[at++]);
		else if (endless) res.write(' ');
		else {
			clearInterval(timer);
			answering.timers.delete(timer);
			res.end();
		}
	}, intervalMs);
	answering.timers.add(timer);
}

/** A 200 answer of `bytes` bytes in 64 KB chunks, written as fast as the client reads. */
function sendLarge(answering: Answering, res: http.ServerResponse, record: RecordedRequest, bytes: number, declareLength: boolean): void {
	answering.process(record);
	record.response = { status: 200, headers: { 'content-type': JSON_CONTENT_TYPE }, body: `[${bytes} bytes]` };
	answering.finish(record);
	res.writeHead(200, { 'content-type': JSON_CONTENT_TYPE, ...(declareLength ? { 'content-length': String(bytes) } : {}) });
	const chunk = Buffer.alloc(64 * 1024, 0x20);
	chunk.write('{"code":200,"padding":"');
	let left = bytes;
	const pump = (): void => {
		while (left > 0 && !res.destroyed) {
			const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
			left -= piece.length;
			if (!res.write(piece)) {
				res.once('drain', pump);
				return;
			}
		}
		if (!res.destroyed) res.end();
	};
	noteAbandonment(answering, res, record);
	res.on('close', () => {
		left = 0;
	});
	pump();
}

/** Answers (or does not answer) `entry` the way `fault` says, instead of the normal answer. */
export function answerWithFault(
	answering: Answering,
	fault: Fault,
	req: http.IncomingMessage,
	res: http.ServerResponse,
	entry: RecordedRequest,
): void {
	switch (fault.kind) {
		case 'code':
			return sendReply(answering, res, entry, {
				status: fault.httpStatus,
				body: {
					code: fault.code,
					errorMessage:
						fault.errorMessage ??
						(RONGCLOUD_ERROR_CODES as Record<number, ErrorCodeInfo>)[fault.code]?.meaning ??
						'injected error',
				},
			});
		case 'html': {
			const page = `<html><head><title>${fault.httpStatus} Error</title></head><body><center><h1>${fault.httpStatus} Error</h1></center><hr><center>nginx</center></body></html>\n`;
			return send(answering, res, entry, fault.httpStatus, page, 'text/html; charset=utf-8', page);
		}
		case 'text':
			return send(answering, res, entry, fault.httpStatus, fault.body, 'text/plain; charset=utf-8', fault.body);
		case 'delay': {
			const timer = setTimeout(() => {
				answering.timers.delete(timer);
				if (!res.destroyed) sendReply(answering, res, entry, answering.process(entry));
			}, fault.ms);
			answering.timers.add(timer);
			return;
		}
		case 'json':
			return send(answering, res, entry, fault.httpStatus, JSON.stringify(fault.body), JSON_CONTENT_TYPE, fault.body);
		case 'redirect': {
			entry.response = { status: fault.httpStatus, headers: { location: fault.location }, body: '' };
			answering.finish(entry);
			res.writeHead(fault.httpStatus, { location: fault.location, 'content-length': '0' });
			res.end();
			return;
		}
		case 'trickle':
			return trickle(answering, res, entry, fault.intervalMs, fault.endless === true);
		case 'large':
			return sendLarge(answering, res, entry, fault.bytes, fault.declareLength === true);
		case 'echoHeaders': {
			// The signing headers first, as a proxy that logs "auth" headers would quote them.
			const signing = ['app-key', 'nonce', 'timestamp', 'signature'];
			const ordered = [...signing.filter((name) => name in entry.headers), ...Object.keys(entry.headers).filter((name) => !signing.includes(name))];
			const echoed = ordered.map((name) => `${name}: ${entry.headers[name]}`).join('\n');
			if (fault.as === 'json') {
				return sendReply(answering, res, entry, { status: fault.httpStatus, body: { code: 1002, errorMessage: `Bad request. Headers received:\n${echoed}` } });
			}
			const page = `<html><body><h1>${fault.httpStatus} Bad Request</h1><pre>${echoed}</pre></body></html>\n`;
			return send(answering, res, entry, fault.httpStatus, page, 'text/html; charset=utf-8', page);
		}
		case 'echoSignature': {
			const signature = entry.headers.signature ?? '';
			if (fault.as !== 'redirectHost') {
				const v4 = { code: 0, result: { [fault.as === 'id' ? 'id' : 'messageId']: signature } };
				return sendReply(answering, res, entry, { status: 200, body: isV4Path(entry.path) ? v4 : { code: 200, [fault.as]: signature } });
			}
			const location = `http://${signature}.attacker.test/message/broadcast.json`;
			entry.response = { status: 307, headers: { location }, body: '' };
			answering.finish(entry);
			res.writeHead(307, { location, 'content-length': '0' });
			res.end();
			return;
		}
		case 'custom': {
			const { status, headers = {}, body } = fault.answer(entry);
			entry.response = { status, headers, body: Buffer.isBuffer(body) ? `[${body.length} bytes]` : body };
			answering.finish(entry);
			res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers });
			res.end(body);
			return;
		}
		case 'hang':
		case 'reset': {
			if (fault.afterProcessing) {
				const reply = answering.process(entry);
				entry.unsentResponse = {
					status: reply.status,
					headers: { 'content-type': JSON_CONTENT_TYPE },
					body: reply.body,
				};
			}
			if (fault.kind === 'reset') req.socket.destroy();
			answering.finish(entry);
			return;
		}
	}
}
