import { updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { EndpointName } from './endpoints';

/**
 * A request body as RongCloud's v1 API takes it: the node builds every call in this shape, and the
 * credential's API generation writes it for the wire (transport/generations.ts).
 */
export type RequestBody =
	/** A field given a list is sent once per value, in order (RongCloud's APIs take repeated fields such as toUserId). */
	| { type: 'form'; fields: Record<string, string | string[]> }
	| { type: 'json'; value: IDataObject };

/** What to do about a refusal whose text names something the operation can explain (a recall's sentTime). */
export interface RefusalAdvice {
	names: RegExp;
	advice: string;
}

/** What an operation builds for one item, checked and ready to send. */
export interface PreparedCall {
	body: RequestBody;
	/** Input echoes worth chaining on (e.g. fromUserId for a later recall). */
	summary: IDataObject;
	/**
	 * The answer fields this call's answer must carry, each warned about when missing: a push without
	 * a system message has no messageUID to miss. All of the operation's results when left out.
	 */
	expectedResults?: string[];
	refusalAdvice?: RefusalAdvice;
	/**
	 * What the item sends that RongCloud's sources disagree on (a thumbnail one SDK finds too
	 * large): sent as given, and said in the output item's warning, and in the Dry Run item's.
	 */
	warnings?: string[];
	/**
	 * Listed-user sends: the item's recipients, and how many a second the app may send to. Items
	 * that send the same message share requests; the router puts each request's recipients in toUserId.
	 */
	recipients?: { userIds: string[]; perSecond: number };
}

/** An operation's entry in the node's Operation list. */
export interface OperationOption {
	/** Its one name: the list, the subtitle, the nodes panel's action (in sentence case) and the documents all say it. */
	name: string;
	/** The operation's name everywhere else: the parameter's value, its output schema's file name. */
	value: string;
	/** Short enough for the Operation list, which cuts longer ones. */
	description: string;
}

/**
 * An operation: its entry in the list, the call it makes, its inputs, and how it turns one item
 * into a request. The router does the rest (every item checked first, then sent, retried safely).
 */
export interface Operation {
	option: OperationOption;
	/** The call it makes, which fixes its path in each API generation and how often it may be made. */
	endpoint: EndpointName;
	/** Its inputs, shown only while it is the chosen operation. */
	properties: INodeProperties[];
	/** `options` is the item's Options collection, which the router reads once. */
	prepare(ctx: IExecuteFunctions, itemIndex: number, options: Record<string, unknown>): PreparedCall;
	/**
	 * The answer fields copied to the output item (when usable), each with what a workflow cannot do
	 * without it: the warning of a success whose answer lacks it.
	 */
	results: Record<string, string>;
	/** A recall takes a message back; every other operation delivers one. */
	recalls?: boolean;
}

/** The node's one resource: every operation sends or takes back a message of the SYSTEM conversation. */
export const RESOURCE = 'message';

/** The nodes panel's action, and n8n's name for a node added from it: the operation's name in sentence case. */
export function actionOf(option: OperationOption): string {
	return option.name.replace(/ ([A-Z])(?=[a-z])/g, (_match, letter: string) => ` ${letter.toLowerCase()}`);
}

/** An operation, its inputs shown only while it is chosen: the one place its value is written. */
export function defineOperation(operation: Operation): Operation {
	return {
		...operation,
		properties: updateDisplayOptions({ show: { resource: [RESOURCE], operation: [operation.option.value] } }, operation.properties),
	};
}
