import type { IDataObject } from 'n8n-workflow';

import type { Operation } from '../shared/operation';
import type { rongCloudApiRequest } from '../transport/request';
import type { Connection } from '../transport/types';
import { missingResultWarning } from './itemErrors';
import { isIdentifier } from '../transport/answer';
import { identifierLabel } from './runProgress';
import type { ItemCall } from './types';

type Answer = Awaited<ReturnType<typeof rongCloudApiRequest>>;

/** An item's output from RongCloud's success answer: its results, the request's ID and time, the item's echoes. */
export function successJson(operation: Operation, connection: Connection, call: ItemCall, answer: Answer, sentTime: number): IDataObject {
	const repeated = repeatedKey(answer);
	if (repeated) {
		// RongCloud kept an earlier request with this Idempotency Key: delivered, once, by that one.
		return { code: repeated.code, alreadyDelivered: true, requestId: answer.requestId, sentTime, ...call.summary, warning: repeated.warning };
	}
	const { successCode } = connection.generation;
	const json: IDataObject = { code: successCode };
	// Only a usable identifier is output: an object or array could carry anything the server put in it.
	for (const key of Object.keys(operation.results)) {
		if (isIdentifier(answer.identifiers[key])) json[key] = answer.identifiers[key];
	}
	Object.assign(json, { requestId: answer.requestId, sentTime }, call.summary);
	if (answer.failedOver) json.servedByBackupDomain = answer.baseUrl;
	const missing = call.expectedResults.filter((key) => !isIdentifier(answer.identifiers[key]));
	const warnings = missing.length ? [missingResultWarning(successCode, identifierLabel(missing[0]), operation.results[missing[0]])] : [];
	return withWarnings(json, [...warnings, ...call.warnings]);
}

/** RongCloud's answer to a repeated Idempotency Key, as an item shows it: RongCloud's code and the words of what happened. */
export function repeatedKey(answer: Answer): { code: number; warning: string } | undefined {
	if (answer.repeatedKeyWarning === undefined) return undefined;
	const code = typeof answer.body.code === 'number' ? answer.body.code : Number(answer.body.code);
	return { code, warning: answer.repeatedKeyWarning };
}

/** The item's `warning`: what it already says, then each of these. */
export function withWarnings(json: IDataObject, warnings: string[]): IDataObject {
	if (warnings.length === 0) return json;
	const said = typeof json.warning === 'string' ? [json.warning] : [];
	return { ...json, warning: [...said, ...warnings].join(' ') };
}
