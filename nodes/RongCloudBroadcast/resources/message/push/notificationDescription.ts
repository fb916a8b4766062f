import type { INodeProperties } from 'n8n-workflow';

import { MAX_BADGE, MAX_TITLE_LENGTH } from '../../../shared/limits';
import { vendorSettingsProperty } from '../../../shared/pushExt/description';
import { VENDORS } from '../../../shared/pushExt/vendors';

/** The rest of push.json's notification object, next to its required alert. */
export const notificationField: INodeProperties = {
	displayName: 'Notification Options',
	name: 'notification',
	type: 'collection',
	placeholder: 'Add Notification Option',
	default: {},
	options: [
		{
			displayName: 'Android Alert',
			name: 'androidAlert',
			type: 'string',
			default: '',
			description: 'Notification text for Android devices instead of Alert',
		},
		{
			displayName: 'Android Extras (JSON)',
			name: 'androidExtras',
			type: 'json',
			default: '{}',
			description: 'Extra key-value data for the Android app, as a JSON object of text values',
		},
		{
			displayName: 'Force Show Push Content',
			name: 'forceShowPushContent',
			type: 'boolean',
			default: false,
			description: 'Whether to show the text even on devices set to hide notification details (sent as 1)',
		},
		{
			displayName: 'HarmonyOS Alert',
			name: 'harmonyOSAlert',
			type: 'string',
			default: '',
			description: 'Notification text for HarmonyOS devices instead of Alert',
		},
		{
			displayName: 'HarmonyOS Extras (JSON)',
			name: 'harmonyOSExtras',
			type: 'json',
			default: '{}',
			description: 'Extra key-value data for the HarmonyOS app, as a JSON object of text values',
		},
		{
			displayName: 'iOS Alert',
			name: 'iosAlert',
			type: 'string',
			default: '',
			description: 'Notification text for iOS devices instead of Alert',
		},
		{
			displayName: 'iOS Badge',
			name: 'iosBadge',
			type: 'number',
			typeOptions: { maxValue: MAX_BADGE },
			default: 0,
			description: `Number on the app icon, at most ${MAX_BADGE}; 0 or less clears it. Leave this option out to keep the badge unchanged.`,
		},
		{
			displayName: 'iOS Category',
			name: 'iosCategory',
			type: 'string',
			default: '',
			description: 'Rich notification category your iOS app defines; goes with Rich Media URL under Vendor Settings → Apple',
		},
		{
			displayName: 'iOS Content Available',
			name: 'iosContentAvailable',
			type: 'boolean',
			default: false,
			description: 'Whether to wake the iOS app in the background (silent push); sent as 1',
		},
		{
			displayName: 'iOS Extras (JSON)',
			name: 'iosExtras',
			type: 'json',
			default: '{}',
			description: 'Extra key-value data for the iOS app, as a JSON object of text values',
		},
		{
			displayName: 'iOS Title',
			name: 'iosTitle',
			type: 'string',
			default: '',
			description: `Title for iOS devices instead of Title; no length limit (RongCloud's SDKs state none; the ${MAX_TITLE_LENGTH} characters are Title's)`,
		},
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			description: `Notification title, at most ${MAX_TITLE_LENGTH} characters`,
		},
		vendorSettingsProperty('vendorSettings', VENDORS),
	],
};
