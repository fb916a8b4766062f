import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import {
	credentialTestMessage,
	GATEWAY_CODES,
	gatewayCodeMessage,
	NOT_RONGCLOUD_MESSAGE,
	RONGCLOUD_CODES,
} from './common/rongcloud/codes';
import { REGIONS, primaryBaseUrlExpression, resolveEndpoints } from './common/rongcloud/regions';
import { chosenSigningInput, createRequestId, createSigningInput, signRequest } from './common/rongcloud/signing';

/** The node's default timeout, so "Test" and a send give up on a silent server alike. */
const CREDENTIAL_TEST_TIMEOUT_MS = 10_000;

export class RongCloudApi implements ICredentialType {
	name = 'rongCloudApi';

	displayName = 'RongCloud API';

	icon = 'file:rongcloud.svg' as const;

	documentationUrl = 'https://docs.rongcloud.io/platform-chat-api/api-request-signature';

	/**
	 * Only this package's node may use the credential: n8n's HTTP Request node (and its tool and
	 * GraphQL variants) could otherwise send the signed headers to any host, where a harvested
	 * signature can be replayed with another message. The name is the node's as its package
	 * declares it; n8n 2.x prefixes the package name and adds the node's AI tool variant itself.
	 * n8n 1.x does not know the restriction and ignores both fields (see the README).
	 */
	supportedNodes = ['rongCloudBroadcast'];

	restrictToSupportedNodes = true as const;

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
	 * Signs every request afresh: a RongCloud signature is valid for one nonce only. The node sends
	 * the Nonce and Timestamp it chose, so it knows the Signature and can remove it from anything a
	 * server echoes; without them (or with ones not fresh) the request gets new ones. A request that
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
			// The credential test's request: aimed like the node's, and given the node's default deadline
			// (n8n would otherwise wait 5 minutes for a server that never answers).
			...(requestOptions.baseURL === undefined
				? {}
				: { baseURL: resolveEndpoints(credentials).primary, timeout: CREDENTIAL_TEST_TIMEOUT_MS }),
			headers: {
				...headers,
				...signRequest(String(credentials.appKey ?? ''), String(credentials.appSecret ?? ''), chosenSigningInput(headers) ?? createSigningInput()),
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
			// Each code as a number and as text: some gateways quote it.
			...Object.keys(RONGCLOUD_CODES).flatMap((code) =>
				[Number(code), code].map((value) => ({
					type: 'responseSuccessBody' as const,
					properties: { key: 'code', value, message: credentialTestMessage(Number(code)) },
				})),
			),
			...[undefined, null, 0, '0', '', false, true].map((value) => ({
				type: 'responseSuccessBody' as const,
				properties: { key: 'code', value, message: NOT_RONGCLOUD_MESSAGE },
			})),
			...GATEWAY_CODES.flatMap((code) =>
				[code, String(code)].map((value) => ({
					type: 'responseSuccessBody' as const,
					properties: { key: 'code', value, message: gatewayCodeMessage(code) },
				})),
			),
		],
	};
}
