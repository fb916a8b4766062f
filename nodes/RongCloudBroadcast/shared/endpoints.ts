import { BROADCAST_QUOTA_ADVICE } from '../../../credentials/common/rongcloud/codes';

/**
 * The calls the node makes, named for what they do. Each API generation gives each its path and
 * its encoding (transport/generations.ts); what is said here holds in both.
 */
export type EndpointName = 'broadcastToAll' | 'broadcastToOnline' | 'recallBroadcast' | 'push' | 'sendToUsers';

/** How often RongCloud lets an app make a call (docs/rongcloud-server-api.md). */
export type CallRate =
	/** The broadcast quota that broadcasts, their recalls and pushes share: 2 per hour, 3 per calendar day. */
	| { kind: 'broadcastQuota' }
	/** A number of calls a minute. */
	| { kind: 'perMinute'; calls: number }
	/** A number of recipients a second, counted over all requests; the node paces itself to it. */
	| { kind: 'recipientsPerSecond'; recipients: number };

export interface Endpoint {
	rate: CallRate;
	/** What to do after RongCloud's rate-limit answer (code 1008) on this call. */
	rateLimitAdvice: string;
	/** At most this many recipients in one request (listed-user sends). */
	maxRecipients?: number;
}

/** RongCloud's documented rate of listed-user system messages, in recipients a second (both generations). */
export const SEND_TO_USERS_RECIPIENTS_PER_SECOND = 100;
/** At most this many recipients in one listed-user request (both generations). */
export const MAX_RECIPIENTS_PER_REQUEST = 100;

export const ENDPOINTS: Record<EndpointName, Endpoint> = {
	broadcastToAll: { rate: { kind: 'broadcastQuota' }, rateLimitAdvice: BROADCAST_QUOTA_ADVICE },
	broadcastToOnline: {
		rate: { kind: 'perMinute', calls: 60 },
		rateLimitAdvice:
			'Send to Online Users is limited separately from broadcasts: wait a minute before sending again, and test workflows with the Dry Run option.',
	},
	recallBroadcast: { rate: { kind: 'broadcastQuota' }, rateLimitAdvice: BROADCAST_QUOTA_ADVICE },
	push: { rate: { kind: 'broadcastQuota' }, rateLimitAdvice: BROADCAST_QUOTA_ADVICE },
	sendToUsers: {
		rate: { kind: 'recipientsPerSecond', recipients: SEND_TO_USERS_RECIPIENTS_PER_SECOND },
		rateLimitAdvice: `RongCloud refused the request for speed, although the node paces itself to the Recipients per Second option (default ${SEND_TO_USERS_RECIPIENTS_PER_SECOND}): another workflow or server may be sending to users with the same app at the same time, or the app's limit is lower. Lower Recipients per Second, and send the items that were not delivered again.`,
		maxRecipients: MAX_RECIPIENTS_PER_REQUEST,
	},
};

export function sharesBroadcastQuota(endpoint: EndpointName): boolean {
	return ENDPOINTS[endpoint].rate.kind === 'broadcastQuota';
}
