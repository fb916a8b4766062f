import { NodeOperationError, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS } from './limits';
import { asBoolean, asNumber, asObject, asSwitch, ensure, invalid } from './validation';

/** Options every operation offers, inside its own Options collection. */
const callOptionFields: INodeProperties[] = [
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		// On once added: a user who adds it and runs at once must not send for real. A saved
		// workflow keeps what it holds (false, or no option at all), so it sends as before.
		default: true,
		description:
			'Whether to only show the request (URL, headers without a usable signature, every body field) instead of sending it. Use it to test workflows: each real call counts against the quota.',
	},
	{
		displayName: 'Send Again on Retry',
		name: 'sendAgainOnRetry',
		type: 'boolean',
		default: false,
		description:
			"Whether n8n's Retry of a failed execution may send items whose fate that execution left open: a request that may have reached RongCloud, or a run of this node that left no record (n8n stopped while it was sending). Items it delivered are never sent again. Turn on only after checking in your app that those messages did not arrive.",
	},
	{
		displayName: 'Timeout (Ms)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_MS },
		default: DEFAULT_TIMEOUT_MS,
		description:
			'The most time one request may take, from connecting to the last byte of RongCloud\'s answer (a failover to the backup domain gets the same time again). After a timeout the message may have been delivered, so the node never re-sends it.',
	},
];

/** The disableUpdateLastMsg option, for every Options collection of an operation that sends or recalls a message. */
export const disableUpdateLastMsgOption: INodeProperties = {
	displayName: 'Disable Update Last Message',
	name: 'disableUpdateLastMsg',
	type: 'boolean',
	default: false,
	description: 'Whether to leave the conversation list\'s last message unchanged',
};

/** The msgRandom option of Send to All Users and Send to Online Users. */
export const idempotencyKeyOption: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'msgRandom',
	type: 'number',
	default: '',
	placeholder: 'e.g. 20240601001',
	description:
		'A whole number that identifies this message, sent as msgRandom. It works only after RongCloud has enabled idempotency for your app (ask RongCloud support): then a repeat of the same key within one minute is answered with an error instead of delivering the message twice. Use a new key for every new message.',
};

/**
 * An operation's Options collection: its own options plus dry run and timeout (so no operation can
 * miss them), alphabetized by display name as n8n's lint rules want collections.
 */
export function optionsCollection(ownOptions: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...ownOptions, ...callOptionFields].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

export function readOptions(ctx: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
	return asObject(readParameter(ctx, 'options', itemIndex, {}), 'options');
}

/**
 * A parameter as n8n resolves it, or, when n8n itself cannot (an expression that gives an object
 * referring to itself overflows the stack of its own walk over the value), the rule error naming
 * the field of the group that broke it, not n8n's "Maximum call stack size exceeded".
 */
export function readParameter(ctx: IExecuteFunctions, name: string, itemIndex: number, fallback: unknown): unknown {
	try {
		return ctx.getNodeParameter(name, itemIndex, fallback);
	} catch (error) {
		if (!isSelfReference(error)) throw new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
		const raw = ctx.getNodeParameter(name, itemIndex, fallback, { rawExpressions: true });
		const culprit = raw !== null && typeof raw === 'object' ? Object.keys(raw).find((key) => failsToResolve(ctx, `${name}.${key}`, itemIndex)) : undefined;
		return invalid('selfReference', undefined, culprit ? `${name}.${culprit}` : name);
	}
}

function isSelfReference(error: unknown): boolean {
	return error instanceof RangeError || /circular/i.test(String((error as Error)?.message));
}

function failsToResolve(ctx: IExecuteFunctions, path: string, itemIndex: number): boolean {
	try {
		ctx.getNodeParameter(path, itemIndex);
		return false;
	} catch (error) {
		return isSelfReference(error);
	}
}

export interface CallOptions {
	dryRun: boolean;
	timeout: number;
	sendAgainOnRetry: boolean;
}

/**
 * The options every operation has. Dry Run and Send Again on Retry decide whether a broadcast
 * leaves, so they fail closed: an added option must be true or false, whatever an expression made
 * of it (a missing field, 0 or "yes" is an error, never "off").
 */
export function readCallOptions(options: Record<string, unknown>): CallOptions {
	const dryRun = asSwitch(options, 'dryRun', 'options.dryRun');
	const sendAgainOnRetry = asSwitch(options, 'sendAgainOnRetry', 'options.sendAgainOnRetry');
	const timeout = asNumber(options.timeout, 'options.timeout') ?? DEFAULT_TIMEOUT_MS;
	ensure(Number.isInteger(timeout) && timeout >= 1 && timeout <= MAX_TIMEOUT_MS, 'timeoutRange', `got ${timeout}`);
	return { dryRun, timeout, sendAgainOnRetry };
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
