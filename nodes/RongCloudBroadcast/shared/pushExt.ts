import { asBoolean, asNumber, asObject, asText, ensure, type RuleId } from './validation';

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
		fields: [importance('Honor'), image('Honor', 'under 512 KB')],
	},
	{
		key: 'MI',
		displayName: 'Xiaomi (MI)',
		fields: [
			channelId('Xiaomi'),
			{
				parameter: 'large_icon_uri',
				apiKey: 'large_icon_uri',
				displayName: 'Large Icon URL',
				description: 'URL of the right-side icon (120x120 px, PNG or JPG)',
				kind: 'absoluteUrl',
			},
		],
	},
	{
		key: 'OPPO',
		displayName: 'OPPO',
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
			image('HarmonyOS', 'PNG, JPG, JPEG or BMP'),
		],
	},
];

export const IMPORTANCE_VALUES = ['NORMAL', 'LOW'];
export const NOTIFY_LEVEL_VALUES = [1, 2, 16];
export const CLASSIFICATION_VALUES = [0, 1];
export const INTERRUPTION_LEVEL_VALUES = ['passive', 'active', 'time-sensitive', 'critical'];
export const MAX_PUSH_TITLE_LENGTH = 50;

/** A notification title: at most 50 characters, counted as the docs count them (code points). */
export function readPushTitle(raw: unknown, parameter: string, ruleId: RuleId): string {
	const title = asText(raw, parameter);
	const length = [...title].length;
	ensure(length <= MAX_PUSH_TITLE_LENGTH, ruleId, `got ${length} characters`, parameter);
	return title;
}

/** http(s) URLs need a host right after "//", with no user info: `https:///x` and `https://@` are typos, not URLs. */
const HTTP_URL = /^https?:\/\/[^\s/?#@]+(?:[/?#]\S*)?$/i;
const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\S+$/i;

function isParsableUrl(text: string): boolean {
	try {
		new URL(text);
		return true;
	} catch {
		return false;
	}
}

/** HW, HONOR and OHOS reject an image that is not HTTPS; the other vendors (and APNs apps) load any absolute URL. */
function isValidUrl(text: string, httpsOnly: boolean): boolean {
	if (!isParsableUrl(text)) return false;
	if (httpsOnly) return /^https:/i.test(text) && HTTP_URL.test(text);
	if (/^https?:/i.test(text)) return HTTP_URL.test(text);
	return ABSOLUTE_URL.test(text);
}

function fieldValue(field: VendorField, raw: unknown, path: string): string | number | undefined {
	switch (field.kind) {
		case 'notifyLevel': {
			const level = asNumber(raw, path);
			if (level === undefined || level === 0) return undefined;
			ensure(NOTIFY_LEVEL_VALUES.includes(level), 'oppoNotifyLevelValue', `got ${level}`, path);
			return level;
		}
		case 'classification': {
			const classification = asNumber(raw, path);
			if (classification === undefined) return undefined;
			ensure(CLASSIFICATION_VALUES.includes(classification), 'vivoClassificationValue', `got ${classification}`, path);
			// Text, as RongCloud's own example sends it and both official SDKs type every VIVO value.
			return String(classification);
		}
	}
	const text = asText(raw, path).trim();
	if (text === '') return undefined;
	switch (field.kind) {
		case 'httpsUrl':
			ensure(isValidUrl(text, true), 'imageUrlHttps', `got "${text.slice(0, 80)}"`, path);
			break;
		case 'absoluteUrl':
			ensure(isValidUrl(text, false), 'vendorUrlAbsolute', `got "${text.slice(0, 80)}"`, path);
			break;
		case 'upperCase':
			ensure(/^[A-Z][A-Z_]*$/.test(text), 'hwCategoryUpperCase', `got "${text}"`, path);
			break;
		case 'importance':
			ensure(IMPORTANCE_VALUES.includes(text), 'importanceValue', `got "${text}"`, path);
			break;
		case 'interruptionLevel':
			ensure(INTERRUPTION_LEVEL_VALUES.includes(text), 'interruptionLevelValue', `got "${text}"`, path);
			break;
	}
	return text;
}

/**
 * One vendor's settings, checked, with the API's own keys; undefined when nothing was filled.
 * `path` names the parameter group in error messages (pushExt here, the notification for push).
 */
export function buildVendorConfig(
	vendor: Vendor,
	raw: unknown,
	path: string,
): Record<string, string | number> | undefined {
	const values = asObject(raw, path);
	const config: Record<string, string | number> = {};
	for (const field of vendor.fields) {
		const value = fieldValue(field, values[field.parameter], `${path}.${field.parameter}`);
		if (value !== undefined) config[field.apiKey] = value;
	}
	if (vendor.key === 'OPPO' && config.notify_level !== undefined) {
		ensure(config.category !== undefined, 'oppoNotifyLevelNeedsCategory', undefined, `${path}.notify_level`);
	}
	if (vendor.key === 'VIVO' && config.category !== undefined) {
		ensure(config.classification !== undefined, 'vivoCategoryNeedsClassification', undefined, `${path}.category`);
	}
	return Object.keys(config).length ? config : undefined;
}

/**
 * The pushExt JSON object, shaped like the seed's example: pushConfigs is an array of one-key
 * objects, and only what the user filled is present. Undefined when nothing was filled.
 */
export function buildPushExt(raw: unknown): Record<string, unknown> | undefined {
	const input = asObject(raw, 'pushExt');
	const pushExt: Record<string, unknown> = {};
	const title = readPushTitle(input.title, 'pushExt.title', 'pushExtTitleLength');
	if (title !== '') pushExt.title = title;
	const templateId = asText(input.templateId, 'pushExt.templateId').trim();
	if (templateId !== '') pushExt.templateId = templateId;
	const force = asBoolean(input.forceShowPushContent, 'pushExt.forceShowPushContent');
	if (force !== undefined) pushExt.forceShowPushContent = force ? 1 : 0;

	const groups = asObject(input.pushConfigs, 'pushExt.pushConfigs');
	const pushConfigs: Array<Record<string, Record<string, string | number>>> = [];
	for (const vendor of VENDORS) {
		const config = buildVendorConfig(vendor, groups[vendor.key], `pushExt.pushConfigs.${vendor.key}`);
		if (config) pushConfigs.push({ [vendor.key]: config });
	}
	if (pushConfigs.length) pushExt.pushConfigs = pushConfigs;
	return Object.keys(pushExt).length ? pushExt : undefined;
}
