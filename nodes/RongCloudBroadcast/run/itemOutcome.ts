import { createHash } from 'node:crypto';

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { encodeBody } from '../transport/generations';
import type { RongCloudRequest } from '../transport/types';

/** What an earlier attempt did with an item (or a recipient of it). */
export type ItemOutcome =
	/** RongCloud confirmed it: `json` is the output item that attempt produced. */
	| {
			outcome: 'delivered';
			json: IDataObject;
			executionId?: string;
			fingerprint?: string;
			/** Another Retry of the same execution, running in this n8n process, delivered it. */
			bySibling?: boolean;
	  }
	/**
	 * The request may have reached RongCloud (a timeout, a reset, a 5xx...), or, in a Retry of an
	 * execution that left no record of this run of the node, nobody can tell: never sent again on its own.
	 */
	| {
			outcome: 'mayHaveBeenDelivered';
			reason: string;
			requestId?: string;
			executionId?: string;
			fingerprint?: string;
			/** Nobody can tell: the retried execution left no record of this run. */
			unknown?: boolean;
			/** Another Retry of the same execution, running in this n8n process, is sending it or did. */
			bySibling?: boolean;
			/** Recorded just before the request left: whoever reads it, the request may be on its way now. */
			inFlight?: boolean;
	  };

/** Whether another Retry of the same execution, running in this n8n process, has this request on its way at this moment. */
export const sentBySiblingNow = (outcome: ItemOutcome | undefined): boolean =>
	outcome?.outcome === 'mayHaveBeenDelivered' && outcome.bySibling === true && outcome.inFlight === true;

/** n8n names the AI-tool variant of a node `<type>Tool`; its calls are told apart by what they send. */
export const isToolCall = (ctx: IExecuteFunctions) => ctx.getNode().type.endsWith('Tool');

/** What a request sends, as a short fingerprint: its path and its exact body. */
export function requestFingerprint(request: RongCloudRequest): string {
	return createHash('sha256').update(`${request.path}\n${encodeBody(request.body).payload}`).digest('hex').slice(0, 32);
}
