import type { IDataObject } from 'n8n-workflow';

import type { Endpoints } from '../../../credentials/common/rongcloud/regions';
import { unsignedHeaders } from '../../../credentials/common/rongcloud/signing';
import { encodeBody } from './generations';
import type { RongCloudRequest } from './types';

/** What a dry run shows instead of sending: everything but a usable signature. */
export function describeDryRun(
	appKey: string,
	endpoints: Endpoints,
	request: RongCloudRequest,
): IDataObject {
	const { contentType, payload } = encodeBody(request.body);
	return {
		dryRun: true,
		method: 'POST',
		url: `${endpoints.primary}${request.path}`,
		...(endpoints.backup ? { backupUrl: `${endpoints.backup}${request.path}` } : {}),
		headers: {
			...unsignedHeaders(appKey),
			'X-Request-ID': '[generated at send time]',
			'Content-Type': contentType,
		},
		body: request.body.type === 'form' ? structuredClone(request.body.fields) : request.body.value,
		encodedBody: payload,
		timeout: request.timeout,
	};
}
