import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS } from '../limits';

/** Options every operation offers, inside its own Options collection. */
const callOptionFields: INodeProperties[] = [
	{
		displayName: 'Dry Run',
		name: 'dryRun',
		type: 'boolean',
		default: false,
		description:
			'Whether to only show the request (URL, headers without a usable signature, every body field) instead of sending it. Use it to test workflows: each real call counts against the quota.',
	},
	{
		displayName: 'Timeout (Ms)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_MS },
		default: DEFAULT_TIMEOUT_MS,
		description:
			'The most time one request may take, from connecting to the last byte of RongCloud\'s answer (a failover to the backup domain gets the same time again). After a timeout the message may have been delivered, so the node never re-sends it.',
	},
];

/**
 * An operation's Options collection: its own options plus dry run and timeout (so no operation can
 * miss them), alphabetized by display name as n8n's lint rules want collections.
 */
export function optionsCollection(ownOptions: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...ownOptions, ...callOptionFields].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
