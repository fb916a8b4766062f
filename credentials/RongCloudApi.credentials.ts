import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { REGIONS, primaryBaseUrlExpression } from '../nodes/RongCloudBroadcast/shared/regions';
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
			// eslint-disable-next-line n8n-nodes-base/cred-class-field-type-options-password-missing
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
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://im-api.example.com',
			description: 'Base URL of the Server API, starting with https:// or http://',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'Backup Base URL',
			name: 'backupBaseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://im-api-b.example.com',
			description:
				'Optional. Used only when the Base URL provably never received a request (connection refused, DNS or TLS failure), so a broadcast is never sent twice.',
			displayOptions: { show: { region: ['custom'] } },
		},
	];

	/** Signs every request afresh: a RongCloud signature is valid for one nonce only. */
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
				...signRequest(String(credentials.appKey ?? ''), String(credentials.appSecret ?? '')),
				...(hasRequestId ? {} : { 'X-Request-ID': createRequestId() }),
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: primaryBaseUrlExpression(),
			url: '/user/checkOnline.json',
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: 'userId=n8n-credential-test',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'RongCloud rejected the App Key / App Secret (HTTP 401: code 1001 = the App Secret does not match the App Key, 1004 = signature check failed, 1006 = app locked or deleted, 1007 = call restricted by IP allow-list). Copy both again from the RongCloud console and check the region.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'The server answered 404: this base URL does not look like a RongCloud Server API. Check the region or the custom Base URL.',
				},
			},
		],
	};
}
