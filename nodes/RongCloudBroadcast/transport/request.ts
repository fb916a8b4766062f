import type { IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { formsOf, redactorFor, type ValueForms } from '../../../credentials/common/rongcloud/redaction';
import { createRequestId, createSigningInput, signRequest } from '../../../credentials/common/rongcloud/signing';
import { MAX_ANSWER_BYTES } from '../shared/limits';
import { AnswerTooLarge, exchangeWithin, ExecutionStopped, UnreadableBody, type StreamedResponse } from './answerBody';
import { parseAnswer, type ParsedAnswer, type RawAnswer } from './answer';
import { encodeBody } from './generations';
import type { Connection, RongCloudRequest } from './types';
import { describeOversizedAnswer, describeStoppedExchange, describeUndecodableAnswer, NOT_DELIVERED, toNodeApiError, type ApiFailure } from './apiErrors';
import { describeNetworkError, findNetworkErrorCode, isNeverSent, safeHost, unreachableReason } from './networkErrors';

export const CREDENTIAL_TYPE = 'rongCloudApi';

interface RongCloudResponse extends ParsedAnswer {
	/** The base URL that answered: the backup one after a failover. */
	baseUrl: string;
	failedOver: boolean;
}

/** The App Secret's forms, worked out once per run (per connection) rather than per request. */
const secretFormsByConnection = new WeakMap<Connection, ValueForms>();

function secretForms(connection: Connection): ValueForms {
	let forms = secretFormsByConnection.get(connection);
	if (!forms) secretFormsByConnection.set(connection, (forms = formsOf([connection.appSecret])));
	return forms;
}

async function post(
	ctx: IExecuteFunctions,
	baseUrl: string,
	request: RongCloudRequest,
	requestId: string,
	connection: Connection,
): Promise<RawAnswer> {
	const { contentType, payload } = encodeBody(request.body);
	// Signed here with the credential's own signing (signRequest, which its authenticate() calls):
	// the node reads the credential once per run, where n8n's authenticated helper decrypts it
	// again for every request (1.6 ms of n8n's time an item, more than the rest of a send). The
	// node chooses the Nonce and Timestamp, so it knows the Signature the request carries and can
	// remove it, by value, from whatever the server answers.
	const signed = signRequest(connection.appKey, connection.appSecret, createSigningInput());
	const redact = redactorFor([signed.Signature, signed.Nonce], secretForms(connection));
	const options: IHttpRequestOptions = {
		method: 'POST',
		url: `${baseUrl}${request.path}`,
		headers: { 'Content-Type': contentType, 'X-Request-ID': requestId, ...signed },
		body: payload,
		timeout: request.timeout,
		// A redirect would carry the signed request to whatever host the answer names.
		disableFollowRedirect: true,
		encoding: 'stream',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	};
	// n8n aborts the request itself when the execution is stopped; the deadline hears the stop
	// too, so it is told apart from a timeout.
	const answer = await exchangeWithin(
		request.timeout,
		async () => (await ctx.helpers.httpRequest(options)) as StreamedResponse,
		ctx.getExecutionCancelSignal?.(),
	);
	return { ...answer, redact };
}

/**
 * One signed POST: the node's `apiRequest`. Fails over to the backup domain once, and only when the
 * primary provably never received the request, signed afresh (a signature is good for one nonce).
 */
export async function rongCloudApiRequest(
	ctx: IExecuteFunctions,
	connection: Connection,
	request: RongCloudRequest,
	itemIndex: number,
): Promise<RongCloudResponse> {
	const { endpoints, generation } = connection;
	const requestId = createRequestId();
	let raw: RawAnswer;
	try {
		raw = await post(ctx, endpoints.primary, request, requestId, connection);
	} catch (error) {
		if (!endpoints.backup || !isNeverSent(error) || wasStopped(ctx)) {
			throw toNodeApiError(ctx, describeFailedExchange(stoppedOr(ctx, error), endpoints.primary, request.timeout, requestId), itemIndex, requestId);
		}
		// Whatever the backup answers, the user learns that it was the backup that answered.
		const note = `RongCloud at ${safeHost(endpoints.primary)} could not be reached (${unreachableReason(findNetworkErrorCode(error) ?? '')}; nothing was sent there), so the request went to the backup domain ${safeHost(endpoints.backup)}.`;
		try {
			raw = await post(ctx, endpoints.backup, request, requestId, connection);
		} catch (backupError) {
			throw toNodeApiError(ctx, describeBothFailed(error, stoppedOr(ctx, backupError), endpoints, request.timeout, requestId, note), itemIndex, requestId);
		}
		return { ...parseAnswer(ctx, raw, endpoints.backup, request, generation, requestId, itemIndex, note), baseUrl: endpoints.backup, failedOver: true };
	}
	return { ...parseAnswer(ctx, raw, endpoints.primary, request, generation, requestId, itemIndex), baseUrl: endpoints.primary, failedOver: false };
}

function wasStopped(ctx: IExecuteFunctions): boolean {
	return ctx.getExecutionCancelSignal?.()?.aborted === true;
}

/** n8n's own abort on Stop arrives as a cancelled request, which would read like a timeout. */
function stoppedOr(ctx: IExecuteFunctions, error: unknown): unknown {
	return wasStopped(ctx) ? new ExecutionStopped() : error;
}

/** A request that got no usable answer: a network failure, the deadline, or an answer too large to read. */
function describeFailedExchange(error: unknown, url: string, timeout: number, requestId: string): ApiFailure {
	if (error instanceof ExecutionStopped) return describeStoppedExchange(safeHost(url), requestId);
	if (error instanceof AnswerTooLarge) return describeOversizedAnswer(safeHost(url), error.httpStatus, MAX_ANSWER_BYTES, requestId);
	if (error instanceof UnreadableBody) return describeUndecodableAnswer(safeHost(url), error.httpStatus, error.reason, requestId);
	return describeNetworkError(error, url, timeout, requestId);
}

/** The primary never got the request and the backup failed too: name both, and what each did. */
function describeBothFailed(
	primaryError: unknown,
	backupError: unknown,
	endpoints: Connection['endpoints'],
	timeout: number,
	requestId: string,
	note: string,
): ApiFailure {
	const failure = describeFailedExchange(backupError, endpoints.backup ?? '', timeout, requestId);
	if (failure.mayHaveBeenDelivered) {
		return { ...failure, description: `${note} ${failure.description}` };
	}
	const primaryCode = findNetworkErrorCode(primaryError) ?? 'unknown';
	const backupCode = findNetworkErrorCode(backupError) ?? 'unknown';
	return {
		...failure,
		message: `Could not reach RongCloud at ${safeHost(endpoints.primary)} (${unreachableReason(primaryCode)}) nor at the backup domain ${safeHost(endpoints.backup ?? '')} (${unreachableReason(backupCode)}).`,
		description: `${NOT_DELIVERED} Check the credential's region or Base URLs, and the network or proxy between n8n and RongCloud (system errors ${primaryCode}, ${backupCode}). Request ID: ${requestId}.`,
	};
}

