import type { IDataObject } from 'n8n-workflow';

import type { EndpointName } from '../../shared/endpoints';
import type { RequestBody } from '../../shared/operation';

/** RongCloud's Server API v1 (form bodies, code 200) or Nexconn's API v4 (JSON bodies, code 0). */
export type ApiVersion = 'v1' | 'v4';

/** A call as it goes on the wire in one generation. */
export interface WireCall {
	path: string;
	body: RequestBody;
	/** What this generation's sources leave open about the call, sent anyway: said in the output item. */
	warnings: string[];
}

/** A message ID RongCloud gave one recipient of a listed-user send. */
export interface RecipientMessageUID {
	userId: string;
	messageUID: string;
}

/** What a success answer identifies, in the node's names whatever the generation calls it. */
export interface AnswerIdentifiers {
	/** Each text or number (as its exact text) by the node's name: messageUID, id. */
	values: Record<string, unknown>;
	/** A listed-user send's message ID per recipient, when RongCloud gives them. */
	recipients?: unknown;
}

export interface Generation {
	version: ApiVersion;
	/** How the node names it to users: "RongCloud v1" or "Nexconn v4". */
	label: string;
	/** The `code` of a success answer. */
	successCode: number;
	/** Every path each call may take in this generation (a v4 push has one per audience kind). */
	paths: Record<EndpointName, string[]>;
	/** The v1-shaped call of an operation, written for this generation; throws InvalidParameterError for what it lacks. */
	write(endpoint: EndpointName, body: RequestBody): WireCall;
	/** Where a success answer's identifiers sit, renamed to the node's names. */
	identifiersOf(body: IDataObject): AnswerIdentifiers;
	/** What to say when the credential's Region is a data center no source documents this generation on (sent anyway). */
	hostWarning?: (region: string) => string | undefined;
	/** The signed, read-only call that proves a credential without reaching any user. */
	credentialTest: { path: string; body: RequestBody };
}
