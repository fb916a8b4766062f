import type { ICredentialDataDecryptedObject, ICredentialType, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { REGIONS } from './common/rongcloud/regions';
import { chosenSigningInput, createRequestId, createSigningInput, signRequest } from './common/rongcloud/signing';

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
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			default: 'v1',
			description: 'Which generation of the Server API your app speaks: the one your console and documentation describe',
			options: [
				{
					name: 'RongCloud V1 (Form API)',
					value: 'v1',
					description:
						'The Server API of docs.rongcloud.io: paths such as /message/broadcast.json, form bodies. Credentials saved before this setting existed use it.',
				},
				{
					name: 'Nexconn V4 (JSON API)',
					value: 'v4',
					description:
						"The API of docs.nexconn.ai, RongCloud's global business since 2026: paths under /v4/, JSON bodies (Singapore, North America and Saudi Arabia data centers)",
				},
			],
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
	 * server echoes; without them (or with ones not fresh) the request gets new ones. "Test" in the
	 * credential dialog is the node's (`testedBy`, transport/credentialTest.ts): a declarative test
	 * can neither see the HTTP status of an answer nor bound the time its body takes.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers = { ...(requestOptions.headers ?? {}) } as Record<string, string>;
		const hasRequestId = Object.keys(headers).some((name) => name.toLowerCase() === 'x-request-id');
		return {
			...requestOptions,
			headers: {
				...headers,
				...signRequest(String(credentials.appKey ?? ''), String(credentials.appSecret ?? ''), chosenSigningInput(headers) ?? createSigningInput()),
				...(hasRequestId ? {} : { 'X-Request-ID': createRequestId() }),
			},
		};
	}
}
