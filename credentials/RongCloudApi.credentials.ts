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

	/**
	 * HTTP errors are let through so the rules below can name the exact RongCloud code; an
	 * unreachable domain fails the request itself, and n8n says so in words.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: primaryBaseUrlExpression(),
			url: '/user/checkOnline.json',
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: 'userId=n8n-credential-test',
			ignoreHttpStatusErrors: true,
		},
		rules: [1001, 1004, 1006, 1007].map((code) => ({
			type: 'responseSuccessBody' as const,
			properties: { key: 'code', value: code, message: CREDENTIAL_TEST_MESSAGES[code] },
		})),
	};
}

const CHECK_PAIR =
	'Copy the App Key and App Secret again from the RongCloud console, and check that the region is the data center of that app.';

/** What the credential test says for each answer RongCloud gives a wrong credential. */
export const CREDENTIAL_TEST_MESSAGES: Record<number, string> = {
	1001: `RongCloud code 1001: the App Secret does not match the App Key. ${CHECK_PAIR}`,
	1004: `RongCloud code 1004: signature verification failed, so the App Secret is wrong (or this machine's clock is off). ${CHECK_PAIR}`,
	1006: 'RongCloud code 1006: the app is locked, deleted or offline. Check its status in the RongCloud console.',
	1007: 'RongCloud code 1007: calls are restricted for this app (for example an IP allow-list). Allow the address n8n calls from in the console.',
};
