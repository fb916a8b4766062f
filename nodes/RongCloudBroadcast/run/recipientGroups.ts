import { createHash } from 'node:crypto';

import type { ItemCall } from './types';

/**
 * How listed-user sends are combined: items that send the same message form one group, each
 * recipient once, and a group is cut into requests that never change from one attempt to the next
 * (n8n's Retry, Retry On Fail), so that a request sent again is the same request, with the same
 * Idempotency Key.
 */

/** One recipient of one message: the item that first listed it in its group. */
export interface Part {
	owner: number;
	userId: string;
}

export interface Group {
	/** The request's template: the first item's message, with the strictest settings of the group's items. */
	template: ItemCall;
	/** Each recipient once, by the item that first listed it. */
	parts: Part[];
	ownerByUser: Map<string, number>;
}

/** One request of a group: its template carries the request's own Idempotency Key, if any. */
export interface Batch {
	template: ItemCall;
	parts: Part[];
}

export const partKey = (owner: number, userId: string) => `${owner}\u0000${userId}`;

/**
 * The message a call sends, without its recipients: calls with the same one share requests, whatever
 * their Timeout, Recipients per Second or Send Again on Retry (a user listed by two of them receives
 * the message once). A Dry Run item never shares a request with one that sends.
 */
function messageKey(call: ItemCall): string {
	const { body } = call.prepared;
	const fields = body.type === 'form' ? { ...body.fields, toUserId: [] } : body.value;
	return JSON.stringify([fields, call.dryRun]);
}

/** The group's settings with one more item: the lower rate, the longer Timeout, Send Again on Retry only if both ask for it. */
function strictest(template: ItemCall, call: ItemCall): ItemCall {
	const { recipients } = template.prepared;
	const perSecond = Math.min(recipients?.perSecond ?? Infinity, call.prepared.recipients?.perSecond ?? Infinity);
	const timeout = Math.max(template.request.timeout, call.request.timeout);
	const sendAgainOnRetry = template.sendAgainOnRetry && call.sendAgainOnRetry;
	if (perSecond === (recipients?.perSecond ?? Infinity) && timeout === template.request.timeout && sendAgainOnRetry === template.sendAgainOnRetry) return template;
	return {
		...template,
		prepared: { ...template.prepared, ...(recipients ? { recipients: { ...recipients, perSecond } } : {}) },
		request: { ...template.request, timeout },
		sendAgainOnRetry,
	};
}

export function groupItems(calls: Array<ItemCall | Error>): { groups: Group[]; ownerOf: Map<number, Map<string, number>> } {
	const byKey = new Map<string, Group>();
	const ownerOf = new Map<number, Map<string, number>>();
	calls.forEach((call, itemIndex) => {
		if (call instanceof Error) return;
		const key = messageKey(call);
		const found = byKey.get(key);
		const group = found ?? { template: call, parts: [], ownerByUser: new Map<string, number>() };
		if (found) group.template = strictest(group.template, call);
		byKey.set(key, group);
		const owners = new Map<string, number>();
		ownerOf.set(itemIndex, owners);
		for (const userId of call.prepared.recipients?.userIds ?? []) {
			const owner = group.ownerByUser.get(userId) ?? itemIndex;
			owners.set(userId, owner);
			if (owner === itemIndex) {
				group.ownerByUser.set(userId, owner);
				group.parts.push({ owner, userId });
			}
		}
	});
	return { groups: [...byKey.values()], ownerOf };
}

/**
 * The Idempotency Key of a group's request at `position` (0 for the first). RongCloud keeps one
 * request per key, so each request needs its own: the first carries the items' key as given, each
 * later one a key derived from it and the position, a positive whole number of at most 53 bits
 * (within the option's ±9007199254740991 and RongCloud's Long), the same on every attempt.
 */
export function requestKey(key: string, position: number): string {
	if (position === 0) return key;
	const digest = createHash('sha256').update(`msgRandom ${key} request ${position + 1}`).digest();
	return (digest.readBigUInt64BE(0) >> 11n).toString();
}

/**
 * A group's requests: its recipients in order, at most `maxRecipients` a request and never more than
 * the group's Recipients per Second, so that each request fits RongCloud's rate on its own.
 */
export function requestsOf(group: Group, maxRecipients: number): Batch[] {
	const { template } = group;
	const size = Math.max(1, Math.min(maxRecipients, template.prepared.recipients?.perSecond ?? maxRecipients));
	const { body } = template.prepared;
	const key = body.type === 'form' && typeof body.fields.msgRandom === 'string' ? body.fields.msgRandom : undefined;
	return Array.from({ length: Math.ceil(group.parts.length / size) }, (_, position) => ({
		template: key === undefined || position === 0 ? template : withKey(template, requestKey(key, position)),
		parts: group.parts.slice(position * size, (position + 1) * size),
	}));
}

function withKey(call: ItemCall, msgRandom: string): ItemCall {
	const { body } = call.prepared;
	if (body.type !== 'form') return call;
	return { ...call, prepared: { ...call.prepared, body: { ...body, fields: { ...body.fields, msgRandom } } }, request: { ...call.request, idempotencyKey: msgRandom } };
}
