import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	INTERRUPTION_LEVEL_VALUES,
	VENDORS,
	type Vendor,
	type VendorField,
} from '../pushExt/vendors';

const choices: Partial<Record<VendorField['kind'], INodePropertyOptions[]>> = {
	importance: [
		{ name: 'Default', value: '' },
		{ name: 'NORMAL', value: 'NORMAL', description: 'Service and communication messages' },
		{ name: 'LOW', value: 'LOW', description: 'Marketing messages; images are not shown' },
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
	interruptionLevel: [
		{ name: 'Default', value: '' },
		...INTERRUPTION_LEVEL_VALUES.map((value) => ({ name: value, value })),
	],
};

function vendorFieldProperty(field: VendorField): INodeProperties {
	const options = choices[field.kind];
	if (options) {
		// Generated from the vendor table: the default is the table's own "Default" (not set) entry.
		const notSet = options[0].value;
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
		placeholder: field.kind === 'httpsUrl' || field.kind === 'absoluteUrl' ? 'https://example.com/image.png' : '',
		description: field.description,
	};
}

/** pushExt: push title, template, forced content, and per-vendor settings. */
export function pushExtProperty(operations: string[]): INodeProperties {
	return {
		displayName: 'Push Settings (pushExt)',
		name: 'pushExt',
		type: 'collection',
		placeholder: 'Add Push Setting',
		default: {},
		description: 'How the offline push notification looks, per vendor. Sent as the pushExt JSON.',
		displayOptions: { show: { operation: operations } },
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
				description: 'Notification title, at most 50 characters',
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
}

/** Settings per push channel, one group per vendor of the table, as pushExt and the push notification use them. */
export function vendorSettingsProperty(name: string, vendors: Vendor[]): INodeProperties {
	return {
		displayName: 'Vendor Settings',
		name,
		type: 'fixedCollection',
		placeholder: 'Add Vendor',
		default: {},
		description: 'Settings per push channel; only vendors and fields you fill are sent',
		options: vendors.map((vendor) => ({
			displayName: vendor.displayName,
			name: vendor.key,
			values: vendor.fields.map(vendorFieldProperty),
		})),
	};
}
