/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/** Every request that arrives, in order, for tests to assert on (even rejected, hung or reset ones). */
import type * as http from 'node:http';

import { header, signatureMatches } from './auth';
import type { EmulatorContext } from './context';
import { contentTypeIs } from './fields';
import type { RecordedRequest } from './types';

interface Waiter {
	predicate: (request: RecordedRequest) => boolean;
	resolve: (request: RecordedRequest) => void;
}

export class RequestLog {
	readonly requests: RecordedRequest[] = [];
	private seq = 0;
	private readonly waiters = new Set<Waiter>();

	constructor(private readonly context: EmulatorContext) {}

	/** Records a request as it arrived, before anything answers it. */
	record(req: http.IncomingMessage, rawBody: string): RecordedRequest {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(req.headers)) {
			if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
		}
		const entry: RecordedRequest = {
			seq: ++this.seq,
			receivedAt: this.context.now(),
			method: req.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers,
			rawBody,
			duplicateFormKeys: [],
			appKey: header(headers, 'app-key'),
			signatureValid: signatureMatches(this.context, headers),
		};
		if (contentTypeIs(headers, 'application/x-www-form-urlencoded')) {
			const form: Record<string, string> = {};
			const formValues: Record<string, string[]> = {};
			for (const [key, value] of new URLSearchParams(rawBody)) {
				if (key in form && !entry.duplicateFormKeys.includes(key)) entry.duplicateFormKeys.push(key);
				form[key] = value;
				(formValues[key] ??= []).push(value);
			}
			entry.form = form;
			entry.formValues = formValues;
		}
		if (contentTypeIs(headers, 'application/json')) {
			try {
				entry.json = JSON.parse(rawBody);
			} catch {
				// Left undefined: the handler reports invalid JSON.
			}
		}
		this.requests.push(entry);
		for (const waiter of this.waiters) {
			if (waiter.predicate(entry)) {
				this.waiters.delete(waiter);
				waiter.resolve(entry);
			}
		}
		return entry;
	}

	/** Resolves with the first recorded request matching `predicate` (already recorded ones count). */
	waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs: number): Promise<RecordedRequest> {
		const found = this.requests.find(predicate);
		if (found) return Promise.resolve(found);
		return new Promise((resolve, reject) => {
			const waiter = {
				predicate,
				resolve: (r: RecordedRequest) => {
					clearTimeout(timer);
					resolve(r);
				},
			};
			const timer = setTimeout(() => {
				this.waiters.delete(waiter);
				reject(new Error(`No matching request arrived within ${timeoutMs} ms`));
			}, timeoutMs);
			this.waiters.add(waiter);
		});
	}

	/** Forgets the requests; numbering restarts at 1. */
	clear(): void {
		this.requests.length = 0;
		this.seq = 0;
	}
}
