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
