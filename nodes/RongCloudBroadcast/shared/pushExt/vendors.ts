/** One vendor field: node parameter name (camelCase), wire key (the API's own), and its rule. */
export interface VendorField {
	parameter: string;
	apiKey: string;
	displayName: string;
	description: string;
	kind: 'text' | 'httpsUrl' | 'absoluteUrl' | 'upperCase' | 'importance' | 'notifyLevel' | 'classification' | 'interruptionLevel';
}

export interface Vendor {
	key: 'HW' | 'HONOR' | 'MI' | 'OPPO' | 'VIVO' | 'APNs' | 'FCM' | 'OHOS';
	displayName: string;
	/**
	 * The vendor's key under push.json's notification.android (RongCloud's Java SDK names), for
	 * the Android vendors only: APNs goes into notification.ios, OHOS into notification.harmonyOS.
	 */
	androidKey?: string;
	fields: VendorField[];
}

const channelId = (vendor: string): VendorField => ({
	parameter: 'channelId',
	apiKey: 'channelId',
	displayName: 'Channel ID',
	description: `${vendor} notification channel ID`,
	kind: 'text',
});
const importance = (vendor: string): VendorField => ({
	parameter: 'importance',
	apiKey: 'importance',
	displayName: 'Importance',
	description: `${vendor} notification priority: NORMAL (service and communication) or LOW (marketing)`,
	kind: 'importance',
});
const image = (vendor: string, limit: string): VendorField => ({
	parameter: 'image',
	apiKey: 'image',
	displayName: 'Image URL',
	description: `HTTPS URL of the large icon on the right of the ${vendor} notification (${limit})`,
	kind: 'httpsUrl',
});

/** Vendors and fields of pushExt.pushConfigs, in the order of RongCloud's documentation. */
export const VENDORS: Vendor[] = [
	{
		key: 'HW',
		displayName: 'Huawei (HW)',
		androidKey: 'hw',
		fields: [
			channelId('Huawei'),
			importance('Huawei'),
			image('Huawei', 'under 512 KB'),
			{
				parameter: 'category',
				apiKey: 'category',
				displayName: 'Category',
				description: 'Huawei self-classification of the message, upper-case letters such as IM',
				kind: 'upperCase',
			},
		],
	},
	{
		key: 'HONOR',
		displayName: 'Honor',
		androidKey: 'honor',
		fields: [importance('Honor'), image('Honor', 'under 512 KB')],
	},
	{
		key: 'MI',
		displayName: 'Xiaomi (MI)',
		androidKey: 'mi',
		fields: [
			channelId('Xiaomi'),
			{
				parameter: 'large_icon_uri',
				apiKey: 'large_icon_uri',
				displayName: 'Large Icon URL',
				description:
					'Xiaomi no longer shows this icon: it dropped support for the large icon, so on current devices this has no effect. Sent as given when set (an absolute URL of a 120x120 px PNG or JPG).',
				kind: 'absoluteUrl',
			},
		],
	},
	{
		key: 'OPPO',
		displayName: 'OPPO',
		androidKey: 'oppo',
		fields: [
			channelId('OPPO'),
			{
				parameter: 'category',
				apiKey: 'category',
				displayName: 'Category',
				description: 'OPPO message category, such as IM; required for Notify Level',
				kind: 'text',
			},
			{
				parameter: 'notify_level',
				apiKey: 'notify_level',
				displayName: 'Notify Level',
				description: 'How the notification alerts; takes effect only with a category',
				kind: 'notifyLevel',
			},
		],
	},
	{
		key: 'VIVO',
		displayName: 'VIVO',
		androidKey: 'vivo',
		fields: [
			{
				parameter: 'classification',
				apiKey: 'classification',
				displayName: 'Classification',
				description: 'VIVO message class; required when a category is set',
				kind: 'classification',
			},
			{
				parameter: 'category',
				apiKey: 'category',
				displayName: 'Category',
				description: 'VIVO secondary category, such as IM; must belong to the chosen classification',
				kind: 'text',
			},
		],
	},
	{
		key: 'APNs',
		displayName: 'Apple (APNs)',
		fields: [
			{
				parameter: 'threadId',
				apiKey: 'thread-id',
				displayName: 'Thread ID',
				description: 'Notifications with the same thread-id are grouped',
				kind: 'text',
			},
			{
				parameter: 'apnsCollapseId',
				apiKey: 'apns-collapse-id',
				displayName: 'Collapse ID',
				description: 'Notifications with the same apns-collapse-id replace each other (iOS 10+)',
				kind: 'text',
			},
			{
				parameter: 'richMediaUri',
				apiKey: 'richMediaUri',
				displayName: 'Rich Media URL',
				description: 'URL (or app link such as myapp://path) of the right-side icon; your app reads and displays it (iOS 10+)',
				kind: 'absoluteUrl',
			},
			{
				parameter: 'interruptionLevel',
				apiKey: 'interruption-level',
				displayName: 'Interruption Level',
				description: 'iOS 15+ interruption level',
				kind: 'interruptionLevel',
			},
		],
	},
	{
		key: 'FCM',
		displayName: 'Firebase (FCM)',
		androidKey: 'fcm',
		fields: [
			channelId('FCM'),
			{
				parameter: 'collapse_key',
				apiKey: 'collapse_key',
				displayName: 'Collapse Key',
				description: 'Messages with the same key collapse into the last one',
				kind: 'text',
			},
			{
				parameter: 'imageUrl',
				apiKey: 'imageUrl',
				displayName: 'Image URL',
				description: 'URL of the large icon (under 1 MB; needs notification message mode)',
				kind: 'absoluteUrl',
			},
		],
	},
	{
		key: 'OHOS',
		displayName: 'HarmonyOS (OHOS)',
		fields: [
			{
				parameter: 'category',
				apiKey: 'category',
				displayName: 'Category',
				description: 'HarmonyOS notification category, such as IM',
				kind: 'text',
			},
			// The formats and size RongCloud's Java SDK states (HarmonyOSPlatformNotification).
			image('HarmonyOS', 'png, jpg, jpeg, heif, gif or bmp, under 25,000 pixels (width × height); otherwise the device does not show the notification'),
		],
	},
];

export const IMPORTANCE_VALUES = ['NORMAL', 'LOW'];
export const NOTIFY_LEVEL_VALUES = [1, 2, 16];
export const CLASSIFICATION_VALUES = [0, 1];
export const INTERRUPTION_LEVEL_VALUES = ['passive', 'active', 'time-sensitive', 'critical'];
