import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { REGIONS, primaryBaseUrlExpression, resolveEndpoints } from '../nodes/RongCloudBroadcast/shared/regions';
import { createRequestId, signRequest } from '../nodes/RongCloudBroadcast/shared/signing';

export class RongCloudApi implements ICredentialType {
	name = 'rongCloudApi';

	displayName = 'RongCloud API';

	icon = 'file:rongcloud.svg' as const;

	documentationUrl = 'https://docs.rongcloud.io/platform-chat-api/api-request-signature';

	properties: INodeProperties[] = [
		{
			displayName: 'App Key',
			name: 'appKey',
			// The App Key is public (it ships inside every client app); only the App Secret is secret.
			type: 'string',
			default: '',
			required: true,
			description: 'The App Key from the RongCloud console (App Key page of your app)',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The App Secret paired with the App Key. It signs every request and never leaves n8n.',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			default: 'china',
			description: 'The data center your app was created in (shown in the RongCloud console)',
			options: [
				...Object.entries(REGIONS).map(([value, region]) => ({
					name: region.name,
					value,
					description: `${region.primary} (backup ${region.backup})`,
				})),
				{
					name: 'Custom',
					value: 'custom',
					description: 'A private deployment or a local test server',
				},
				// Alphabetical, as n8n wants lists of 5 or more; the default stays China.
			].sort((a, b) => a.name.localeCompare(b.name)),
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://im-api.example.com',
			description: 'Base URL of the Server API, starting with https:// or http://',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'Backup Base URL',
			name: 'backupBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://im-api-b.example.com',
			description:
				'Optional. Used only when the Base URL provably never received a request (connection refused, DNS or TLS failure), so a broadcast is never sent twice.',
			displayOptions: { show: { region: ['custom'] } },
		},
	];

	/**
	 * Signs every request afresh: a RongCloud signature is valid for one nonce only. A request that
	 * names a `baseURL` (the credential test's) is aimed by the same resolver the node uses, so the
	 * test accepts and refuses exactly the Base URLs the node does.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers = { ...(requestOptions.headers ?? {}) } as Record<string, string>;
		const hasRequestId = Object.keys(headers).some((name) => name.toLowerCase() === 'x-request-id');
		return {
			...requestOptions,
			...(requestOptions.baseURL === undefined ? {} : { baseURL: resolveEndpoints(credentials).primary }),
			headers: {
				...headers,
				...signRequest(String(credentials.appKey ?? ''), String(credentials.appSecret ?? '')),
				...(hasRequestId ? {} : { 'X-Request-ID': createRequestId() }),
			},
		};
	}

	/**
	 * A signed call to a read-only endpoint. HTTP errors are let through so the rules can name the
	 * exact RongCloud code; a redirect is not followed (it would carry the signature elsewhere). A
	 * declarative test can only list the answers that fail: every RongCloud error code, the HTTP
	 * codes a gateway or a wrong path answers with in JSON, and an answer without a code.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: primaryBaseUrlExpression(),
			url: '/user/checkOnline.json',
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: 'userId=n8n-credential-test',
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
		},
		rules: [
			...Object.entries(CREDENTIAL_TEST_MESSAGES).map(([code, message]) => ({
				type: 'responseSuccessBody' as const,
				properties: { key: 'code', value: Number(code), message },
			})),
			...[undefined, null].map((value) => ({
				type: 'responseSuccessBody' as const,
				properties: { key: 'code', value, message: NOT_RONGCLOUD_MESSAGE },
			})),
			...GATEWAY_CODES.map((code) => ({
				type: 'responseSuccessBody' as const,
				properties: { key: 'code', value: code, message: gatewayCodeMessage(code) },
			})),
		],
	};
}

const CHECK_PAIR =
	'Copy the App Key and App Secret again from the RongCloud console, and check that the region is the data center of that app.';

const NOT_CONFIRMED = 'The credential could not be confirmed:';

/** What the credential test says for each error code RongCloud may answer instead of 200. */
export const CREDENTIAL_TEST_MESSAGES: Record<number, string> = {
	1000: `RongCloud code 1000: an internal error of the RongCloud server. ${NOT_CONFIRMED} test again later.`,
	1001: `RongCloud code 1001: the App Secret does not match the App Key. ${CHECK_PAIR}`,
	1002: `RongCloud code 1002: the server refused the test request's parameters. ${NOT_CONFIRMED} check that the region or Base URL points at the RongCloud Server API.`,
	1003: `RongCloud code 1003: the test request arrived without its body. ${NOT_CONFIRMED} check proxies between n8n and RongCloud.`,
	1004: `RongCloud code 1004: signature verification failed, so the App Secret is wrong (or this machine's clock is off). ${CHECK_PAIR}`,
	1005: `RongCloud code 1005: a parameter of the test request is too long. ${NOT_CONFIRMED} check that the region or Base URL points at the RongCloud Server API.`,
	1006: 'RongCloud code 1006: the app is locked, deleted or offline. Check its status in the RongCloud console.',
	1007: 'RongCloud code 1007: calls are restricted for this app (for example an IP allow-list). Allow the address n8n calls from in the console.',
	1008: `RongCloud code 1008: rate limit exceeded. ${NOT_CONFIRMED} wait a minute and test again.`,
	1009: `RongCloud code 1009: the service is not enabled for this App Key. ${NOT_CONFIRMED} check the app's services in the RongCloud console.`,
	1050: `RongCloud code 1050: an internal service timeout at RongCloud. ${NOT_CONFIRMED} test again later.`,
};

/** Codes a gateway, a proxy or a Base URL with a wrong path answers with in a JSON body. */
const GATEWAY_CODES = [400, 401, 403, 404, 405, 429, 500, 502, 503, 504];

function gatewayCodeMessage(code: number): string {
	return `The server answered code ${code}, not RongCloud's 200. ${NOT_CONFIRMED} check the region, or the Base URL of a custom region (a Base URL with an API path in it answers 404).`;
}

/** An answer without a RongCloud code: an HTML page, a redirect, a proxy or another service. */
export const NOT_RONGCLOUD_MESSAGE =
	'This is not a RongCloud Server API: its answer carries no RongCloud code (an HTML page, a redirect or another service answered). Check the region, or the Base URL of a custom region.';
