/**
 * RongCloud's answer codes (docs/rongcloud-server-api.md#error-codes), each with what it means and
 * what to do: one table, so that the node's errors, the credential test and the README speak with
 * one voice.
 */
export interface RongCloudCode {
	/** The HTTP status RongCloud answers this code with. */
	httpStatus: number;
	meaning: string;
	/** What the user of the node can do. */
	action: string;
	/** What the credential test says instead, where the node's words do not fit its read-only call. */
	testMeaning?: string;
	testAction?: string;
	/** The server may have accepted the message before failing: never re-send blindly. */
	mayHaveBeenDelivered?: boolean;
}

const BROADCAST_QUOTA_PER_HOUR = 2;
const BROADCAST_QUOTA_PER_DAY = 3;

/** RongCloud's broadcast quota, which broadcasts to all users, their recalls and pushes share. */
export const BROADCAST_QUOTA = `${BROADCAST_QUOTA_PER_HOUR} per hour, ${BROADCAST_QUOTA_PER_DAY} per calendar day, per app`;

/** What to do after a 1008 on a call that counts against the broadcast quota. */
export const BROADCAST_QUOTA_ADVICE = `Broadcasts to all users, their recalls and pushes share one quota: ${BROADCAST_QUOTA}. Wait until the next hour or day before sending again, and test workflows with the Dry Run option. If the Broadcast service is not enabled, repeated calls also end here: see code 1009.`;

const NOT_CONFIRMED = 'The credential could not be confirmed:';
const NOT_THE_API = `${NOT_CONFIRMED} check that the region or Base URL points at the RongCloud Server API.`;

export const RONGCLOUD_CODES: Record<number, RongCloudCode> = {
	1000: {
		httpStatus: 500,
		meaning: 'internal error of the RongCloud server',
		action: 'Retry later, after checking that the message did not go out.',
		testAction: `${NOT_CONFIRMED} test again later.`,
		mayHaveBeenDelivered: true,
	},
	1001: {
		httpStatus: 401,
		meaning: 'the App Secret does not match the App Key',
		action:
			'Copy the App Key and the App Secret again from the RongCloud console (both from the same app) and check that the credential\'s region is the data center of that app.',
	},
	1002: {
		httpStatus: 400,
		meaning: 'parameter error: a parameter is missing or invalid',
		action: 'Fix the parameter the server names above.',
		testAction: `The server refused the test request's parameters. ${NOT_THE_API}`,
	},
	1003: {
		httpStatus: 400,
		meaning: 'the request had no POST data',
		action: 'The request body did not arrive; check proxies between n8n and RongCloud.',
		testAction: `${NOT_CONFIRMED} the test request arrived without its body; check proxies between n8n and RongCloud.`,
	},
	1004: {
		httpStatus: 401,
		meaning: 'signature verification failed',
		action:
			'Check the App Secret in the credential, and that the clock of the machine running n8n is correct (the signature includes the time).',
		testAction:
			'The App Secret is wrong (or this machine\'s clock is off). Copy the App Key and the App Secret again from the RongCloud console, and check that the region is the data center of that app.',
	},
	1005: {
		httpStatus: 400,
		meaning: 'parameter too long',
		action: 'Shorten the parameter the server names above.',
		testAction: `A parameter of the test request is too long. ${NOT_THE_API}`,
	},
	1006: {
		httpStatus: 401,
		meaning: 'app locked, deleted or offline',
		action: 'Check the app\'s status in the RongCloud console.',
	},
	1007: {
		httpStatus: 401,
		meaning: 'call restricted for this app (for example by an IP allow-list)',
		action: 'Allow the IP address n8n calls from in the RongCloud console, or lift the restriction.',
	},
	1008: {
		httpStatus: 429,
		meaning: 'rate limit exceeded',
		action: 'RongCloud limits how often this call may be made: wait before sending again, and test workflows with the Dry Run option.',
		testAction: `${NOT_CONFIRMED} wait a minute and test again.`,
	},
	1009: {
		httpStatus: 430,
		meaning: 'service not enabled for this app key (the Broadcast service is off for this app)',
		action:
			'Enable the broadcast service for this app in the RongCloud console (Broadcast and Push service configuration), then run the workflow again. Until then every call fails, and repeated calls turn into HTTP 429 (code 1008).',
		testMeaning: 'service not enabled for this app key (the service the test calls)',
		testAction: `${NOT_CONFIRMED} check the app's services in the RongCloud console.`,
	},
	1050: {
		httpStatus: 504,
		meaning: 'internal service timeout at RongCloud',
		action: 'Check whether the message went out before sending it again.',
		testAction: `${NOT_CONFIRMED} test again later.`,
		mayHaveBeenDelivered: true,
	},
};

/** What the credential test says for a code: the code, its meaning, what to do. */
export function credentialTestMessage(code: number): string {
	const { meaning, action, testMeaning, testAction } = RONGCLOUD_CODES[code];
	return `RongCloud code ${code}: ${testMeaning ?? meaning}. ${testAction ?? action}`;
}

/** Codes a gateway, a proxy or a Base URL with a wrong path answers with in a JSON body. */
export const GATEWAY_CODES = [400, 401, 403, 404, 405, 429, 500, 502, 503, 504];

export function gatewayCodeMessage(code: number): string {
	return `The server answered code ${code}, not RongCloud's 200. ${NOT_CONFIRMED} check the region, or the Base URL of a custom region (a Base URL with an API path in it answers 404).`;
}

/** An answer without a RongCloud code: an HTML page, a redirect, a proxy or another service. */
export const NOT_RONGCLOUD_MESSAGE =
	'This is not a RongCloud Server API: its answer carries no RongCloud code (an HTML page, a redirect or another service answered). Check the region, or the Base URL of a custom region.';
