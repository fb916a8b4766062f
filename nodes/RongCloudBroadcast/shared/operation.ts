import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { CodeAdvice, RefusalAdvice, RequestBody } from '../transport/request';

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
	/**
	 * What the item sends that RongCloud's sources disagree on (a thumbnail one SDK finds too
	 * large): sent as given, and said in the output item's warning, and in the Dry Run item's.
	 */
	warnings?: string[];
}

/** An operation's entry in the node's Operation list. */
export interface OperationOption {
	/** What the list and the node's subtitle show. */
	name: string;
	/** The operation's name everywhere else: the parameter's value, its output schema's file name. */
	value: string;
	action: string;
	description: string;
}

/** An operation declares its inputs and turns one item into a call; the router does the rest. */
export interface Operation {
	option: OperationOption;
	/** Whether it counts against the app's broadcast quota (the node shows a notice for these). */
	sharesBroadcastQuota: boolean;
	/** Its inputs, shown only while it is the chosen operation. */
	properties: INodeProperties[];
	/** `options` is the item's Options collection, which the router reads once. */
	prepare(ctx: IExecuteFunctions, itemIndex: number, options: Record<string, unknown>): PreparedCall;
	/** Answer fields copied to the output item (when usable) next to code, requestId and sentTime. */
	resultKeys: string[];
	/**
	 * How a success is named in the words of a run that stopped half-way: each output field that
	 * names it, with the word for it ("push id"), and what to say when none is there.
	 */
	namedBy: { fields: Record<string, string>; none: string };
	/** What a success did to the message, for those words. */
	done: 'delivered' | 'recalled';
	/** The warning of a success whose answer lacks `key`, one of the results the call expected. */
	missingResultWarning(key: string): string;
	/** Its own words for what to do after a RongCloud code: its quota (1008) above all. */
	codeAdvice: CodeAdvice;
}

/** How an operation whose success is a message names it: by that message's messageUID. */
export const NAMED_BY_MESSAGE_UID: Operation['namedBy'] = { fields: { messageUID: 'messageUID' }, none: 'no messageUID in the answer' };

/** An operation, its inputs shown only while it is chosen: the one place its value is written. */
export function defineOperation(operation: Operation): Operation {
	return { ...operation, properties: updateDisplayOptions({ show: { operation: [operation.option.value] } }, operation.properties) };
}
