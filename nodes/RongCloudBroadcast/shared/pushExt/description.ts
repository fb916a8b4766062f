import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { MAX_TITLE_LENGTH } from '../limits';
import {
	INTERRUPTION_LEVEL_VALUES,
	VENDORS,
	type Vendor,
	type VendorField,
} from './vendors';

/** The editor's name and description of each APNs interruption level; the value sent is the key. */
const INTERRUPTION_LEVELS: Record<string, { name: string; description: string }> = {
	passive: { name: 'Passive', description: 'Added to the notification list without sound or lighting the screen (sent as passive)' },
	active: { name: 'Active', description: 'Sound and screen, as notifications usually are (sent as active)' },
	'time-sensitive': { name: 'Time Sensitive', description: 'Shown even during Focus and scheduled summaries (sent as time-sensitive)' },
	critical: { name: 'Critical', description: 'Sound even when muted; needs Apple\'s critical alerts entitlement (sent as critical)' },
};

const choices: Partial<Record<VendorField['kind'], INodePropertyOptions[]>> = {
	importance: [
		{ name: 'Default', value: '' },
		{ name: 'Normal', value: 'NORMAL', description: 'Service and communication messages (sent as NORMAL)' },
		{ name: 'Low', value: 'LOW', description: 'Marketing messages; images are not shown (sent as LOW)' },
	],
	notifyLevel: [
		{ name: 'Default', value: 0 },
		{ name: '1: Notification Bar', value: 1 },
		{ name: '2: Notification Bar and Lock Screen', value: 2 },
		{ name: '16: Bar, Lock Screen, Banner, Vibration and Ringtone', value: 16 },
	],
	classification: [
		{ name: 'Default', value: '' },
		{ name: '0: Operational Message', value: 0 },
		{ name: '1: System Message', value: 1 },
	],
	// Alphabetical, as n8n wants lists of 5 or more: "Default" (not set) sorts with the others, as in n8n's own nodes.
	interruptionLevel: [
		{ name: 'Default', value: '' },
		...INTERRUPTION_LEVEL_VALUES.map((value) => ({ value, ...INTERRUPTION_LEVELS[value] })),
	].sort((a, b) => a.name.localeCompare(b.name)),
};

function vendorFieldProperty(field: VendorField): INodeProperties {
	const options = choices[field.kind];
	if (options) {
		// Generated from the vendor table: the default is the list's own "Default" (not set) entry.
		const notSet = (options.find((option) => option.name === 'Default') as INodePropertyOptions).value;
		return {
			displayName: field.displayName,
			name: field.parameter,
			type: 'options',
			options,
			default: notSet,
			description: field.description,
		};
	}
	return {
		displayName: field.displayName,
		name: field.parameter,
		type: 'string',
		default: '',
		...(placeholderFor(field) ? { placeholder: placeholderFor(field) } : {}),
		description: field.description,
	};
}

function placeholderFor(field: VendorField): string | undefined {
	if (field.kind === 'httpsUrl' || field.kind === 'absoluteUrl') return 'e.g. https://example.com/image.png';
	if (field.parameter === 'category') return 'e.g. IM';
	return undefined;
}

/** pushExt: push title, template, forced content, and per-vendor settings. */
export const pushExtField: INodeProperties = {
	displayName: 'Push Settings',
	name: 'pushExt',
	type: 'collection',
	placeholder: 'Add Push Setting',
	default: {},
	description: 'How the offline push notification looks, per vendor. Sent as the pushExt JSON.',
	options: [
		{
			displayName: 'Force Show Push Content',
			name: 'forceShowPushContent',
			type: 'boolean',
			default: false,
			description: 'Whether to show Push Content even on devices set to hide notification details (sent as 1)',
		},
		{
			displayName: 'Push Title',
			name: 'title',
			type: 'string',
			default: '',
			description: `Notification title, at most ${MAX_TITLE_LENGTH} characters`,
		},
		{
			displayName: 'Template ID',
			name: 'templateId',
			type: 'string',
			default: '',
			description: 'Push template ID for per-language content set in the console',
		},
		vendorSettingsProperty('pushConfigs', VENDORS),
	],
};

/**
 * Settings per push channel, one group per vendor of the table, as pushExt and the push notification
 * use them. The editor lists the vendors alphabetically (n8n's rule for lists of 5 or more); what is
 * sent keeps the table's order, whatever order the groups were added in.
 */
export function vendorSettingsProperty(name: string, vendors: Vendor[]): INodeProperties {
	return {
		displayName: 'Vendor Settings',
		name,
		type: 'fixedCollection',
		placeholder: 'Add Vendor',
		default: {},
		description: 'Settings per push channel; only vendors and fields you fill are sent',
		options: vendors
			.map((vendor) => ({
				displayName: vendor.displayName,
				name: vendor.key,
				values: vendor.fields.map(vendorFieldProperty),
			}))
			.sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
