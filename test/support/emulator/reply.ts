import { RONGCLOUD_ERROR_CODES, type ErrorCodeInfo } from './constants';

/** Thrown inside handlers; turned into `{code, errorMessage}` with the documented status. */
export class Rejection {
	constructor(
		readonly code: number,
		readonly errorMessage: string,
		readonly httpStatus: number = (RONGCLOUD_ERROR_CODES as Record<number, ErrorCodeInfo>)[code]?.httpStatus ?? 400,
	) {}
}

export interface Reply {
	status: number;
	body: Record<string, unknown>;
}

export const ok = (extra: Record<string, unknown> = {}): Reply => ({ status: 200, body: { code: 200, ...extra } });

/** v4's success: `{code: 0}`, with `result` when the endpoint answers one. */
export const okV4 = (result?: Record<string, unknown>): Reply => ({
	status: 200,
	body: result === undefined ? { code: 0 } : { code: 0, result },
});
