import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RequestBody } from '../transport/request';
import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS } from './limits';
import { asBoolean, asNumber, asObject, ensure } from './validation';

/** What an operation builds for one item, checked and ready to send. */
export interface PreparedCall {
	path: string;
	body: RequestBody;
	/** Input echoes worth chaining on (e.g. fromUserId for a later recall). */
	summary: IDataObject;
}

/** An operation declares its inputs and turns one item into a call; the router does the rest. */
export interface Operation {
	properties: INodeProperties[];
	/** `options` is the item's Options collection, which the router reads once. */
	prepare(ctx: IExecuteFunctions, itemIndex: number, options: Record<string, unknown>): PreparedCall;
	/** Answer fields copied to the output item next to code, requestId and sentTime. */
	resultKeys: string[];
}

export function readOptions(ctx: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
	return asObject(ctx.getNodeParameter('options', itemIndex, {}), 'options');
}

/** The options every operation has: dry run and timeout. */
export function readCallOptions(options: Record<string, unknown>): { dryRun: boolean; timeout: number } {
	const dryRun = asBoolean(options.dryRun, 'options.dryRun') ?? false;
	const timeout = asNumber(options.timeout, 'options.timeout') ?? DEFAULT_TIMEOUT_MS;
	ensure(Number.isInteger(timeout) && timeout >= 1 && timeout <= MAX_TIMEOUT_MS, 'timeoutRange', `got ${timeout}`);
	return { dryRun, timeout };
}

/** Options → disableUpdateLastMsg, undefined when the option was not added. */
export function readDisableUpdateLastMsg(options: Record<string, unknown>): boolean | undefined {
	return asBoolean(options.disableUpdateLastMsg, 'options.disableUpdateLastMsg');
}

/**
 * The form fields a message call ends with, from its options: the Idempotency Key (msgRandom) and
 * disableUpdateLastMsg, each only when given.
 */
export function messageOptionFields(options: Record<string, unknown>): Record<string, string> {
	const fields: Record<string, string> = {};
	const msgRandom = asNumber(options.msgRandom, 'options.msgRandom');
	if (msgRandom !== undefined) {
		ensure(Number.isSafeInteger(msgRandom), 'msgRandomWholeNumber', `got ${msgRandom}`);
		fields.msgRandom = String(msgRandom);
	}
	const disableUpdateLastMsg = readDisableUpdateLastMsg(options);
	if (disableUpdateLastMsg !== undefined) fields.disableUpdateLastMsg = String(disableUpdateLastMsg);
	return fields;
}
