import type { Endpoints } from '../../../credentials/common/rongcloud/regions';
import type { RefusalAdvice, RequestBody } from '../shared/operation';
import type { Generation } from './generations';

/** Where and how the credential's calls go: its base URLs, its secret, its API generation. */
export interface Connection {
	endpoints: Endpoints;
	appKey: string;
	appSecret: string;
	generation: Generation;
}

/** One call as it goes on the wire, with what the node needs to read its answer in words. */
export interface RongCloudRequest {
	path: string;
	body: RequestBody;
	timeout: number;
	/** The operation's words for a refusal that names something it can explain. */
	refusalAdvice?: RefusalAdvice;
	/** What to do after RongCloud's rate-limit answer (1008) on this call. */
	rateLimitAdvice?: string;
	/** The Idempotency Key the call carries (v1's msgRandom), by which a repeat answer is recognised. */
	idempotencyKey?: string;
}
