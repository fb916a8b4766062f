/** RongCloud's data centers, each with a primary and a backup domain (docs/rongcloud-server-api.md#data-centers). */
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

export interface Endpoints {
	primary: string;
	/** Tried only when the primary provably never received the request. */
	backup?: string;
}

interface RegionSettings {
	region?: unknown;
	baseUrl?: unknown;
	backupBaseUrl?: unknown;
}

const BASE_URL_RULE =
	'must be http:// or https://, a host, an optional port and an optional path, with no user name or password, query (?) or fragment (#)';

/** The value as it may be shown in an error: a user name or password in it is masked. */
function showable(value: string): string {
	return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@').slice(0, 120);
}

/**
 * A Base URL, checked once for the node and the credential test alike: anything else would be
 * glued to the API path (`/?x=1` + `/message/broadcast.json`) or fail only when the request is
 * already on its way, where a failure can no longer say that nothing was sent.
 */
function parseBaseUrl(value: unknown, field: string): string {
	const text = typeof value === 'string' ? value.trim() : '';
	const fail = (reason?: string): never => {
		const got = text === '' ? 'it is empty' : `got "${showable(text)}"${reason ? `, ${reason}` : ''}`;
		throw new Error(`The credential's ${field} ${BASE_URL_RULE}: ${got}.`);
	};
	if (text === '') fail();
	if (/[\s\\]|\p{Cc}/u.test(text)) fail('which contains a space, a backslash or a control character');
	if (!/^https?:\/\/[^/]/i.test(text) || /[?#]/.test(text)) fail();
	if (/^[a-z]+:\/\/[^/]*@/i.test(text)) fail();
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return fail('which is not a valid URL (check the host, and the port: 1 to 65535)');
	}
	if (url.hostname === '' || url.port === '0') fail();
	return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/** The base URLs a credential points at; throws a plain Error when a custom URL is malformed. */
export function resolveEndpoints(settings: RegionSettings): Endpoints {
	const region = (settings.region ?? 'china') as string;
	if (region === 'custom') {
		const primary = parseBaseUrl(settings.baseUrl, 'Base URL');
		const backupRaw = typeof settings.backupBaseUrl === 'string' ? settings.backupBaseUrl.trim() : '';
		return backupRaw
			? { primary, backup: parseBaseUrl(backupRaw, 'Backup Base URL') }
			: { primary };
	}
	// An own key only: an imported credential's "constructor" is not a data center.
	const known = Object.hasOwn(REGIONS, region) ? REGIONS[region as keyof typeof REGIONS] : undefined;
	if (!known) {
		throw new Error(`Unknown RongCloud region "${showable(String(region))}" in the credential: choose one of the listed regions, or Custom with a Base URL.`);
	}
	return { primary: known.primary, backup: known.backup };
}
