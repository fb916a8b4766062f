import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { DEFAULT_TIMEOUT_MS, type RongCloudRequest } from '../transport/request';
import { asBoolean, asNumber, asObject, ensure } from './validation';

/** What an operation has built for one item, checked and ready to send. */
export interface PreparedCall {
	request: RongCloudRequest;
	dryRun: boolean;
	/** Input echoes worth chaining on (e.g. fromUserId for a later recall). */
	summary: IDataObject;
}

/** An operation is thin: it reads and checks its parameters; sending and errors are shared. */
export interface Operation {
	prepare(ctx: IExecuteFunctions, itemIndex: number): PreparedCall;
	/** Answer fields copied to the output item next to code, requestId and sentTime. */
	resultKeys: string[];
}

/** The options every operation understands: dry run and timeout. */
export function readCallOptions(options: Record<string, unknown>): { dryRun: boolean; timeout: number } {
	const dryRun = asBoolean(options.dryRun, 'options.dryRun') ?? false;
	const timeout = asNumber(options.timeout, 'options.timeout') ?? DEFAULT_TIMEOUT_MS;
	ensure(Number.isInteger(timeout) && timeout >= 1 && timeout <= 600000, 'timeoutRange', `got ${timeout}`);
	return { dryRun, timeout };
}

export function readOptions(ctx: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
	return asObject(ctx.getNodeParameter('options', itemIndex, {}), 'options');
}

/** Options → disableUpdateLastMsg, undefined when the option was not added. */
export function readDisableUpdateLastMsg(options: Record<string, unknown>): boolean | undefined {
	return asBoolean(options.disableUpdateLastMsg, 'options.disableUpdateLastMsg');
}
