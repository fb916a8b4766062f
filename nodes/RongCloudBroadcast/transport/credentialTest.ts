import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import {
	credentialTestMessage,
	GATEWAY_CODES,
	gatewayCodeMessage,
	NOT_RONGCLOUD_MESSAGE,
	RONGCLOUD_CODES,
} from '../../../credentials/common/rongcloud/codes';
import { quoteServer, redactorFor, type Redactor } from '../../../credentials/common/rongcloud/redaction';
import { resolveEndpoints } from '../../../credentials/common/rongcloud/regions';
import { createRequestId, createSigningInput, signRequest } from '../../../credentials/common/rongcloud/signing';
import { DEFAULT_TIMEOUT_MS, MAX_ANSWER_BYTES } from '../shared/limits';
import {
	AnswerTooLarge,
	DeadlineExceeded,
	exchangeWithin,
	REDIRECT_STATUSES,
	UnreadableBody,
	withoutByteOrderMark,
	type StreamedResponse,
} from './answerBody';
import { locationHost } from './answer';
import { encodeBody, generationOf, type Generation } from './generations';
import { topLevelNumberLiterals } from '../shared/message/jsonNumbers';
import { findNetworkErrorCode, isNeverSent, safeHost, unreachableReason } from './networkErrors';

/** The node's default Timeout, its one definition: "Test" and a send give up on a silent server alike. */
const CREDENTIAL_TEST_TIMEOUT_MS = DEFAULT_TIMEOUT_MS;


const CHECK_ADDRESS = 'Check the region, or the Base URL of a custom region, and the network or proxy between n8n and RongCloud.';

const fail = (message: string): INodeCredentialTestResult => ({ status: 'Error', message });

/**
 * The credential's "Test", run by n8n through the node (`testedBy`) in n8n 1.x and 2.x alike. A
 * declarative test cannot see the HTTP status of an answer it lets through, nor bound the time
 * its body takes; this one signs the call itself, reads the answer under one deadline, and passes
 * only RongCloud's success: HTTP 200 with the JSON number 200 as its code. Every other answer
 * fails with a sentence saying what answered and what to check.
 */
export async function testRongCloudCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	let baseUrl: string;
	let generation: Generation;
	try {
		baseUrl = resolveEndpoints(data).primary;
		generation = generationOf(data);
	} catch (error) {
		return fail((error as Error).message);
	}
	// The generation's read-only call: it proves the key, the secret and the data center without sending anything to users.
	const { contentType, payload } = encodeBody(generation.credentialTest.body);
	const host = safeHost(baseUrl);
	const appSecret = String(data.appSecret ?? '');
	const signed = signRequest(String(data.appKey ?? ''), appSecret, createSigningInput());
	const redact = redactorFor([signed.Signature, signed.Nonce, appSecret]);
	// A credential test gets only n8n's legacy `request` (ICredentialTestFunctions has no
	// httpRequest), in n8n 1.x and 2.x alike; the lint rule that prefers httpRequest is about
	// execution contexts, which have it.
	const { request } = this.helpers;
	let answer: { statusCode: number; headers: Record<string, unknown>; text: string };
	try {
		answer = await exchangeWithin(CREDENTIAL_TEST_TIMEOUT_MS, async () =>
			(await request({
				method: 'POST',
				uri: `${baseUrl}${generation.credentialTest.path}`,
				headers: { ...signed, 'Content-Type': contentType, 'X-Request-ID': createRequestId() },
				body: payload,
				timeout: CREDENTIAL_TEST_TIMEOUT_MS,
				// A redirect would carry the signed request to whatever host the answer names.
				followRedirect: false,
				followAllRedirects: false,
				simple: false,
				resolveWithFullResponse: true,
				// The body as a stream, so that the deadline bounds it too and closes it when it runs out.
				useStream: true,
				json: false,
			})) as StreamedResponse,
		);
	} catch (error) {
		return fail(describeFailedTest(error, host));
	}
	const { statusCode, headers, text } = answer;
	if (REDIRECT_STATUSES.has(statusCode)) {
		return fail(
			`The server at ${host} answered HTTP ${statusCode}, a redirect to ${locationHost(headers.location, baseUrl, redact) ?? 'no address'}, which the test does not follow: the Server API never redirects, so a proxy, a gateway or the Base URL is misconfigured. ${CHECK_ADDRESS}`,
		);
	}
	return judgeAnswer(statusCode, withoutByteOrderMark(text), redact, generation);
}

/** The verdict on an answer that arrived whole. */
function judgeAnswer(statusCode: number, text: string, redact: Redactor, generation: Generation): INodeCredentialTestResult {
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		const kind = text.trim() === '' ? 'an empty body' : /^\s*</.test(text) ? 'an HTML page' : 'text that is not JSON';
		return fail(`The server answered HTTP ${statusCode} with ${kind}. ${NOT_RONGCLOUD_MESSAGE}`);
	}
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		return fail(`The server answered HTTP ${statusCode} with JSON that is not an object. ${NOT_RONGCLOUD_MESSAGE}`);
	}
	const { code, errorMessage } = body as { code?: unknown; errorMessage?: unknown };
	const said = typeof errorMessage === 'string' && errorMessage.trim() !== '' ? ` ${quoteServer('RongCloud', errorMessage, redact)}` : '';
	if (typeof code !== 'number') {
		const got = code === undefined ? 'no "code"' : `the "code" ${redact.text(JSON.stringify(code) ?? String(code)).slice(0, 40)}, which is not a number as RongCloud's is`;
		return fail(`The server answered HTTP ${statusCode} with JSON that has ${got}. ${NOT_RONGCLOUD_MESSAGE}`);
	}
	const success = generation.successCode;
	// The code as written: 199.99999999999999999 and 200.00000000000001 parse as 200, and neither is RongCloud's.
	const written = topLevelNumberLiterals(text).get('code');
	if (code === success && written !== String(success)) {
		return fail(`The server answered HTTP ${statusCode} with the code ${(written ?? '').slice(0, 40)}, which is not ${generation.label}'s success code ${success}. ${NOT_RONGCLOUD_MESSAGE}`);
	}
	if (code === success) {
		if (statusCode === 200) return { status: 'OK', message: generation.version === 'v1' ? 'Connection successful: RongCloud accepted the App Key and App Secret.' : 'Connection successful: Nexconn accepted the App Key and App Secret (API v4).' };
		return fail(
			`The server answered HTTP ${statusCode} with code ${success}: RongCloud answers code ${success} only with HTTP 200, so something else answered in its place or the call failed. The credential could not be confirmed. ${CHECK_ADDRESS}`,
		);
	}
	if (Object.hasOwn(RONGCLOUD_CODES, code)) return fail(`${credentialTestMessage(code)}${said}`);
	if (GATEWAY_CODES.includes(code)) return fail(gatewayCodeMessage(code));
	return fail(
		`The server answered code ${code} (HTTP ${statusCode}), which is not one of the RongCloud Server API's codes this test knows, so the credential could not be confirmed.${said} ${CHECK_ADDRESS}`,
	);
}

/** No answer to judge: the deadline, the network, or a body that could not be read. */
function describeFailedTest(error: unknown, host: string): string {
	const seconds = CREDENTIAL_TEST_TIMEOUT_MS / 1000;
	if (error instanceof DeadlineExceeded) {
		return `No complete answer from ${host} within ${seconds} seconds: the server is unreachable, silent or too slow. ${CHECK_ADDRESS}`;
	}
	if (error instanceof AnswerTooLarge) {
		return `The answer from ${host} is larger than ${MAX_ANSWER_BYTES / 1024} KB, more than RongCloud ever sends, so this is not the RongCloud Server API. ${CHECK_ADDRESS}`;
	}
	if (error instanceof UnreadableBody) {
		return `The server at ${host} sent an unreadable answer (${error.reason}), so the credential could not be confirmed. A proxy between n8n and RongCloud may be damaging answers.`;
	}
	const code = findNetworkErrorCode(error);
	if (code !== undefined && isNeverSent(error)) return `Could not reach ${host}: ${unreachableReason(code)} (system error ${code}). ${CHECK_ADDRESS}`;
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
		return `No answer from ${host} within ${seconds} seconds: the server is unreachable, silent or too slow (system error ${code}). ${CHECK_ADDRESS}`;
	}
	return `The connection to ${host} broke before an answer arrived (system error ${code ?? 'unknown'}). ${CHECK_ADDRESS}`;
}
