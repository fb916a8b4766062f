/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/** The emulator's HTTP server on 127.0.0.1 and the handle tests drive it with. */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { JSON_CONTENT_TYPE, sendReply, type Answering } from './answer';
import { RONGCLOUD_ERROR_CODES } from './constants';
import { createContext } from './context';
import { answerWithFault, FaultQueue } from './faults';
import { RequestLog } from './recording';
import type { Reply } from './reply';
import { processRequest } from './router';
import type { EmulatorOptions, EmulatorState, RecipientUsage, RecordedRequest, RongCloudEmulator } from './types';

export async function startEmulator(options: EmulatorOptions = {}): Promise<RongCloudEmulator> {
	const context = createContext(options);
	const log = new RequestLog(context);
	const faults = new FaultQueue();
	const sockets = new Set<Socket>();
	let baseUrl = '';
	const answering: Answering = {
		process: (record) => withRateLimitNote(processRequest(context, record), options.rateLimitNote?.(baseUrl)),
		finish: (record: RecordedRequest) => options.onRequest?.(record),
		now: context.now,
		timers: new Set<NodeJS.Timeout>(),
	};

	function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
		const control = options.controls?.[new URL(req.url ?? '/', 'http://emulator').pathname];
		if (control) {
			req.resume();
			req.on('end', () => {
				res.writeHead(200, { 'content-type': JSON_CONTENT_TYPE });
				res.end(JSON.stringify(control(emulator)));
			});
			return;
		}
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const entry = log.record(req, Buffer.concat(chunks).toString('utf8'));
			const fault = faults.take(entry.path);
			if (!fault) return sendReply(answering, res, entry, answering.process(entry));
			entry.fault = fault.kind;
			answerWithFault(answering, fault, req, res, entry);
		});
	}

	const server = http.createServer(handle);
	// Node's default keep-alive timeout would keep close() waiting; sockets are tracked instead.
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	baseUrl = `http://127.0.0.1:${port}`;

	const emulator: RongCloudEmulator = {
		baseUrl,
		port,
		requests: log.requests,
		acceptedSignatures: context.acceptedSignatures,
		issued: context.issued,
		deliveries: context.deliveries,
		requestsTo: (path) => log.requests.filter((r) => r.path === path),
		waitForRequest: (predicate = () => true, timeoutMs = 5000) => log.waitFor(predicate, timeoutMs),
		failNext(fault, faultOptions = {}) {
			faults.add(fault, faultOptions);
		},
		failNextWithCode(code, faultOptions = {}) {
			const { httpStatus, meaning } = RONGCLOUD_ERROR_CODES[code];
			emulator.failNext(
				{ kind: 'code', code, httpStatus, errorMessage: faultOptions.errorMessage ?? meaning },
				faultOptions,
			);
		},
		setApp(app) {
			context.apps.set(app.appKey, { ...app });
		},
		reset() {
			log.clear();
			context.acceptedSignatures.length = 0;
			context.runtime.clear();
			context.deliveries.length = 0;
			faults.clear();
		},
		forgetQuota() {
			let forgotten = 0;
			for (const state of context.runtime.values()) {
				forgotten += state.quotaUsage.length;
				state.quotaUsage.length = 0;
				state.disabledCalls.length = 0;
				state.onlineBroadcasts.length = 0;
				state.recipientUsage.length = 0;
			}
			return forgotten;
		},
		exportState(): EmulatorState {
			const quotaUsage: Record<string, number[]> = {};
			const recipientUsage: Record<string, RecipientUsage[]> = {};
			for (const [appKey, state] of context.runtime) {
				quotaUsage[appKey] = [...state.quotaUsage];
				recipientUsage[appKey] = state.recipientUsage.map((entry) => ({ ...entry }));
			}
			return {
				apps: [...context.apps.values()].map((app) => ({ ...app })),
				quotaUsage,
				issued: context.issued.map((m) => ({ ...m })),
				recipientUsage,
			};
		},
		async close() {
			for (const timer of answering.timers) clearTimeout(timer);
			answering.timers.clear();
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
	return emulator;
}

/** A 1008 answer with the note after RongCloud's words (the sandbox says how to go on). */
function withRateLimitNote(reply: Reply, note: string | undefined): Reply {
	if (note === undefined || reply.body.code !== 1008 || typeof reply.body.errorMessage !== 'string') return reply;
	return { ...reply, body: { ...reply.body, errorMessage: `${reply.body.errorMessage} ${note}` } };
}
