import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RefusalAdvice, RequestBody } from '../transport/request';

/** What an operation builds for one item, checked and ready to send. */
export interface PreparedCall {
	path: string;
	body: RequestBody;
	/** Input echoes worth chaining on (e.g. fromUserId for a later recall). */
	summary: IDataObject;
	/**
	 * The result keys this call's answer must carry, each warned about when missing: a push without
	 * a system message has no messageUID to miss. All of the operation's result keys when left out.
	 */
	expectedResults?: string[];
	refusalAdvice?: RefusalAdvice;
}

/** An operation declares its inputs and turns one item into a call; the router does the rest. */
export interface Operation {
	properties: INodeProperties[];
	/** `options` is the item's Options collection, which the router reads once. */
	prepare(ctx: IExecuteFunctions, itemIndex: number, options: Record<string, unknown>): PreparedCall;
	/** Answer fields copied to the output item (when usable) next to code, requestId and sentTime. */
	resultKeys: string[];
}
