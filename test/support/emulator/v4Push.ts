/**
 * v4's pushes: tagged-users/send and app-package-users/send, one request model with a required
 * message (test/fixtures/nexconn-v4-contract.json, docs/rongcloud-server-api.md#push-audiences-per-endpoint).
 * They draw on the broadcast quota (see quota.ts), and the system message they carry can be recalled.
 */
import { randomBytes } from 'node:crypto';

import { newMessageUid } from './broadcast';
import { V4_PATHS } from './constants';
import { issue, type EmulatorContext } from './context';
import { charLength, checkUserIdLength } from './fields';
import { checkBroadcastService, consumeQuota } from './quota';
import { okV4, Rejection, type Reply } from './reply';
import type { EmulatorApp, RecordedRequest } from './types';
import { checkV4Message, readV4Body } from './v4Body';

/** The audience members each path reads (the contract shares one model; the pages say which). */
const SELECTORS: Readonly<Record<string, readonly string[]>> = {
	[V4_PATHS.taggedPush]: ['tag', 'tagOr', 'userId'],
	[V4_PATHS.packagePush]: ['packageName', 'tag', 'tagOr', 'userId'],
};

function checkPlatform(platform: string[]): void {
	// Only these two literals appear in any v4 source; HarmonyOS's is not documented.
	if (platform.length > 2 || platform.some((p) => p !== 'ios' && p !== 'android') || new Set(platform).size !== platform.length) {
		throw new Rejection(1002, 'platform must be an array of 1 to 2 distinct values out of "ios", "android".');
	}
}

function checkAudience(path: string, audience: Record<string, unknown>): void {
	// The contract makes isToAll optional; the push pages mark it Required. The stricter reading.
	if (audience.isToAll === undefined) throw new Rejection(1002, 'audience.isToAll is required (true, or false next to a selector).');
	const allowed = SELECTORS[path];
	const given = Object.keys(audience).filter((key) => key !== 'isToAll');
	const misplaced = given.filter((key) => !allowed.includes(key));
	if (misplaced.length > 0) {
		throw new Rejection(1002, `audience.${misplaced[0]} is not read by ${path}; it takes ${allowed.join(', ')}.`);
	}
	// The pages say isToAll: true ignores the rest and userId overrides the rest: a mix is a mistake.
	if (audience.isToAll === true && given.length > 0) {
		throw new Rejection(1002, `audience.isToAll: true cannot be combined with ${given.join(', ')}.`);
	}
	if (audience.isToAll === false && given.length === 0) {
		throw new Rejection(1002, `audience needs isToAll: true or at least one of ${allowed.join(', ')}.`);
	}
	if (given.includes('userId') && given.length > 1) {
		throw new Rejection(1002, `audience.userId cannot be combined with ${given.filter((key) => key !== 'userId').join(', ')}.`);
	}
	// tag and tagOr narrow the package name there (AND); alone they are a tag push, which has its own path.
	if (path === V4_PATHS.packagePush && !given.includes('userId') && given.length > 0 && !given.includes('packageName')) {
		throw new Rejection(1002, `audience.packageName is required with ${given.join(', ')} on ${path}.`);
	}
	if (audience.packageName === '') throw new Rejection(1002, 'audience.packageName must not be empty.');
	for (const userId of (audience.userId as string[] | undefined) ?? []) checkUserIdLength(userId, 'audience.userId');
}

export function handleV4Push(context: EmulatorContext, app: EmulatorApp, record: RecordedRequest): Reply {
	checkBroadcastService(context, app);
	const body = readV4Body(record);
	checkPlatform(body.platform as string[]);
	checkUserIdLength(body.fromUserId as string, 'fromUserId');
	checkAudience(record.path, body.audience as Record<string, unknown>);
	checkV4Message(body.message as Record<string, unknown>, 'message.');
	const title = (body.notification as Record<string, unknown>).title;
	if (typeof title === 'string' && charLength(title) > 50) {
		throw new Rejection(1005, 'notification.title is longer than 50 characters.');
	}
	consumeQuota(context, app);
	const id = `push-${randomBytes(10).toString('hex')}`;
	// The system message a push carries is what broadcast/delete takes back, by this id.
	const messageId = newMessageUid();
	issue(context, app, record.path, messageId);
	return okV4({ id, messageId });
}
