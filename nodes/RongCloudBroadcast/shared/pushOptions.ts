import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildPushExt } from './pushExt/build';
import { asFlag, asText, invalid } from './validation';

/**
 * The push settings of a message that offline users are notified of (Send to All Users, Send to
 * Users): the option fields, and the form fields they become.
 */
export const contentAvailableOption: INodeProperties = {
	displayName: 'Content Available (iOS Silent Push)',
	name: 'contentAvailable',
	type: 'boolean',
	default: false,
	description: 'Whether to wake the iOS app in the background (silent push); sent as 1',
};

export const pushContentOption: INodeProperties = {
	displayName: 'Push Content',
	name: 'pushContent',
	type: 'string',
	default: '',
	description: 'Text of the push notification offline users receive. Some message types (custom, notifications) push only when this is set.',
};

export const pushDataOption: INodeProperties = {
	displayName: 'Push Data',
	name: 'pushData',
	type: 'string',
	default: '',
	description: 'Data delivered with the push notification (appData in the payload); an object from an expression is sent as JSON',
};

/** pushContent, pushData and pushExt, each only when given, in the order RongCloud's example sends them. */
export function readPushFields(ctx: IExecuteFunctions, itemIndex: number, options: Record<string, unknown>): Record<string, string> {
	const fields: Record<string, string> = {};
	const pushContent = asText(options.pushContent, 'options.pushContent');
	if (pushContent !== '') fields.pushContent = pushContent;
	const pushData = options.pushData;
	if (pushData !== undefined && pushData !== null && pushData !== '') {
		if (typeof pushData === 'object' && !Array.isArray(pushData)) fields.pushData = jsonOf(pushData, 'options.pushData');
		else if (typeof pushData === 'string') fields.pushData = asText(pushData, 'options.pushData');
		else invalid('pushDataType');
	}
	const pushExt = buildPushExt(ctx.getNodeParameter('pushExt', itemIndex, {}));
	if (pushExt) fields.pushExt = JSON.stringify(pushExt);
	return fields;
}

/** An object as JSON text; one that contains itself is the parameter's error, not JSON's. */
function jsonOf(value: object, parameter: string): string {
	try {
		return JSON.stringify(value);
	} catch {
		// JSON.stringify fails only on a value that contains itself (or a BigInt, which n8n's values never hold).
		return invalid('selfReference', undefined, parameter);
	}
}

/** contentAvailable as RongCloud's 1/0, only when the option was added. */
export function readContentAvailable(options: Record<string, unknown>): Record<string, string> {
	const contentAvailable = asFlag(options.contentAvailable, 'options.contentAvailable');
	return contentAvailable === undefined ? {} : { contentAvailable: String(contentAvailable) };
}
