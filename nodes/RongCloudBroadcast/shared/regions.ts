/** RongCloud data centers (rongcloud-api.md section 2): each has a primary and a backup domain. */
export const REGIONS = {
	china: {
		name: 'China (Beijing)',
		primary: 'https://api.rong-api.com',
		backup: 'https://api-b.rong-api.com',
	},
	singapore: {
		name: 'Singapore',
		primary: 'https://api.sg-light-api.com',
		backup: 'https://api-b.sg-light-api.com',
	},
	singaporeB: {
		name: 'Singapore B',
		primary: 'https://api.sg-b-light-api.com',
		backup: 'https://api-b.sg-b-light-api.com',
	},
	northAmerica: {
		name: 'North America',
		primary: 'https://api.us-light-api.com',
		backup: 'https://api-b.us-light-api.com',
	},
	saudiArabia: {
		name: 'Saudi Arabia',
		primary: 'https://api.sau-light-api.com',
		backup: 'https://api-b.sau-light-api.com',
	},
} as const;

export type RegionId = keyof typeof REGIONS | 'custom';

export interface Endpoints {
	primary: string;
	/** Tried only when the primary provably never received the request. */
	backup?: string;
}

export interface RegionSettings {
	region?: unknown;
	baseUrl?: unknown;
	backupBaseUrl?: unknown;
}

function normalizeBaseUrl(value: unknown, field: string): string {
	const url = typeof value === 'string' ? value.trim().replace(/\/+$/, '') : '';
	if (!/^https?:\/\/[^/\s]+/i.test(url)) {
		throw new Error(
			`The credential's ${field} must start with https:// or http:// followed by a host (got "${String(value ?? '')}")`,
		);
	}
	return url;
}

/** The base URLs a credential points at; throws a plain Error when a custom URL is malformed. */
export function resolveEndpoints(settings: RegionSettings): Endpoints {
	const region = (settings.region ?? 'china') as string;
	if (region === 'custom') {
		const primary = normalizeBaseUrl(settings.baseUrl, 'Base URL');
		const backupRaw = typeof settings.backupBaseUrl === 'string' ? settings.backupBaseUrl.trim() : '';
		return backupRaw
			? { primary, backup: normalizeBaseUrl(backupRaw, 'Backup Base URL') }
			: { primary };
	}
	const known = REGIONS[region as keyof typeof REGIONS];
	if (!known) {
		throw new Error(`Unknown RongCloud region "${region}" in the credential`);
	}
	return { primary: known.primary, backup: known.backup };
}

/** An n8n expression choosing the primary domain, for the credential test request. */
export function primaryBaseUrlExpression(): string {
	const primaries = Object.fromEntries(Object.entries(REGIONS).map(([id, r]) => [id, r.primary]));
	return `={{ $credentials.region === 'custom' ? String($credentials.baseUrl).replace(/\\/+$/, '') : (${JSON.stringify(primaries)})[$credentials.region] }}`;
}
