import type { IDataObject } from 'n8n-workflow';

import { MAX_BADGE, MAX_TAGS, MAX_USER_IDS } from '../../../shared/limits';
import { topLevelNumberLiterals } from '../../../shared/message/jsonNumbers';
import { buildVendorConfig, readPushTitle } from '../../../shared/pushExt/build';
import { VENDORS, type Vendor } from '../../../shared/pushExt/vendors';
import {
	asFlag,
	asJsonObject,
	asNumber,
	asObject,
	asText,
	describeValue,
	ensure,
	invalid,
	type RuleId,
} from '../../../shared/validation';
import { readList, readUserIds } from '../../../shared/lists';

/**
 * The parts of a /push.json body (field names as in RongCloud's Go and Java server SDKs; see
 * docs/rongcloud-server-api.md#the-json-body-of-pushjson): platform, audience and notification. The
 * optional system message is read like every other message.
 */

const PLATFORM_VALUES = ['ios', 'android'];

export function readPlatform(raw: unknown): string[] {
	const platform = readList(raw, 'platform').map((value) => value.toLowerCase());
	ensure(platform.length > 0, 'platformValue', 'got none');
	const unknown = platform.filter((value) => !PLATFORM_VALUES.includes(value));
	ensure(unknown.length === 0, 'platformValue', `got "${unknown.join('", "')}"`);
	return [...new Set(platform)];
}

function checkedList(raw: unknown, parameter: string, max: number, required: RuleId, count: RuleId): string[] {
	const list = readList(raw, parameter);
	ensure(list.length > 0, required);
	ensure(list.length <= max, count, `got ${list.length}`);
	return list;
}

/** The selectors that combine (AND) with each other; user IDs and "all" stand alone. */
const COMBINABLE_AUDIENCES = ['tag', 'tag_or', 'packageName'] as const;
type CombinableAudience = (typeof COMBINABLE_AUDIENCES)[number];

/** The chosen audience's own selector: Tags or Package Name. */
function mainSelector(selector: CombinableAudience, read: (parameter: string) => unknown): string[] | string {
	if (selector !== 'packageName') return checkedList(read('tags'), 'tags', MAX_TAGS, 'tagsRequired', 'tagsCount');
	const packageName = asText(read('packageName'), 'packageName').trim();
	ensure(packageName !== '', 'packageNameRequired');
	return packageName;
}

/** An added Audience Filter; an empty one is an error, because leaving it out would reach more users than asked. */
function filterSelector(selector: CombinableAudience, raw: unknown): string[] | string {
	const parameter = `audienceFilters.${selector}`;
	if (selector === 'packageName') {
		const packageName = asText(raw, parameter).trim();
		ensure(packageName !== '', 'audienceFilterEmpty', undefined, parameter);
		return packageName;
	}
	const tags = readList(raw, parameter);
	ensure(tags.length > 0, 'audienceFilterEmpty', undefined, parameter);
	ensure(tags.length <= MAX_TAGS, 'tagsCount', `got ${tags.length}`, parameter);
	return tags;
}

/**
 * audience, with is_to_all false next to the selectors (as the SDKs send it), or is_to_all true.
 * Tags (AND), tags (OR) and a package name combine: the chosen audience plus the Audience Filters
 * added for the other two, and a user must match all of them.
 */
export function buildAudience(audience: string, read: (parameter: string) => unknown): IDataObject {
	switch (audience) {
		case 'all':
			return { is_to_all: true };
		case 'userid': {
			const userIds = readUserIds(read('userIds'), 'userIds', MAX_USER_IDS, { required: 'userIdsRequired', count: 'userIdsCount', length: 'userIdsLength' });
			return { userid: userIds, is_to_all: false };
		}
		case 'tag':
		case 'tag_or':
		case 'packageName': {
			const filters = asObject(read('audienceFilters'), 'audienceFilters');
			const selectors: IDataObject = {};
			for (const selector of COMBINABLE_AUDIENCES) {
				if (selector === audience) selectors[selector] = mainSelector(selector, read);
				// Added but resolved to nothing is still added: it must not silently widen the audience.
				else if (Object.prototype.hasOwnProperty.call(filters, selector)) selectors[selector] = filterSelector(selector, filters[selector]);
			}
			return { ...selectors, is_to_all: false };
		}
		default:
			return invalid('audienceValue', `got "${audience}"`);
	}
}

/**
 * extras: a JSON object (editor text or an expression's object) of text values, as the SDKs type
 * it. A number in JSON text is sent as the digits written there; one from an expression's object
 * only when its digits are certain (see asText).
 */
function readExtras(raw: unknown, parameter: string): Record<string, string> | undefined {
	if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return undefined;
	const extras: Record<string, string> = {};
	const written = typeof raw === 'string' ? topLevelNumberLiterals(raw) : new Map<string, string>();
	for (const [key, entry] of Object.entries(asJsonObject(raw, 'extrasObject', parameter))) {
		ensure(['string', 'number', 'boolean'].includes(typeof entry), 'extrasObject', `"${key}" is ${describeValue(entry)}`, parameter);
		extras[key] = typeof entry === 'number' ? (written.get(key) ?? asText(entry, `${parameter}.${key}`)) : String(entry);
	}
	return Object.keys(extras).length ? extras : undefined;
}

function putText(target: IDataObject, key: string, raw: unknown, parameter: string): void {
	const text = asText(raw, parameter);
	if (text.trim() !== '') target[key] = text;
}

function putFlag(target: IDataObject, key: string, raw: unknown, parameter: string): void {
	const flag = asFlag(raw, parameter);
	if (flag !== undefined) target[key] = flag;
}

function iosSettings(input: Record<string, unknown>, vendorSettings: Record<string, unknown>): IDataObject {
	const ios: IDataObject = {};
	// Unlike the notification's title, no source limits the iOS title: RongCloud's Java and Go SDKs state none.
	const title = asText(input.iosTitle, 'notification.iosTitle');
	if (title !== '') ios.title = title;
	putText(ios, 'alert', input.iosAlert, 'notification.iosAlert');
	const badge = asNumber(input.iosBadge, 'notification.iosBadge');
	if (badge !== undefined) {
		ensure(Number.isInteger(badge) && badge <= MAX_BADGE, 'badgeRange', `got ${badge}`);
		ios.badge = badge;
	}
	putFlag(ios, 'contentAvailable', input.iosContentAvailable, 'notification.iosContentAvailable');
	putText(ios, 'category', input.iosCategory, 'notification.iosCategory');
	const apns = VENDORS.find((vendor) => vendor.key === 'APNs') as Vendor;
	Object.assign(ios, buildVendorConfig(apns, vendorSettings.APNs, 'notification.vendorSettings.APNs'));
	const extras = readExtras(input.iosExtras, 'notification.iosExtras');
	if (extras) ios.extras = extras;
	return ios;
}

function androidSettings(input: Record<string, unknown>, vendorSettings: Record<string, unknown>): IDataObject {
	const android: IDataObject = {};
	putText(android, 'alert', input.androidAlert, 'notification.androidAlert');
	for (const vendor of VENDORS) {
		const key = vendor.androidKey;
		if (!key) continue;
		const config = buildVendorConfig(vendor, vendorSettings[vendor.key], `notification.vendorSettings.${vendor.key}`);
		if (config) android[key] = config;
	}
	const extras = readExtras(input.androidExtras, 'notification.androidExtras');
	if (extras) android.extras = extras;
	return android;
}

/** notification.harmonyOS as RongCloud's Java SDK sends it: alert, extras, and the OHOS settings under "ohos". */
function harmonyOSSettings(input: Record<string, unknown>, vendorSettings: Record<string, unknown>): IDataObject {
	const harmonyOS: IDataObject = {};
	putText(harmonyOS, 'alert', input.harmonyOSAlert, 'notification.harmonyOSAlert');
	const extras = readExtras(input.harmonyOSExtras, 'notification.harmonyOSExtras');
	if (extras) harmonyOS.extras = extras;
	const ohosVendor = VENDORS.find((vendor) => vendor.key === 'OHOS') as Vendor;
	const ohos = buildVendorConfig(ohosVendor, vendorSettings.OHOS, 'notification.vendorSettings.OHOS');
	if (ohos) harmonyOS.ohos = ohos;
	return harmonyOS;
}

/**
 * Go SDK v4 lets the iOS and the Android alert stand in for the top-level alert; its Java SDK and
 * the Go SDK's master branch mark alert required. A HarmonyOS alert stands in for nothing: Go names
 * only the two, Java calls it an override of the default.
 */
const ALERT_LEFT_OUT =
	'Alert left out: sent with only the iOS Alert and the Android Alert, as RongCloud\'s Go SDK v4 allows; its Java SDK and the Go SDK\'s master branch mark alert required. HarmonyOS devices get the HarmonyOS Alert only when it is set.';

/** notification: the alert, then only what the user filled in the Notification Options collection. */
export function buildNotification(alert: unknown, raw: unknown): { notification: IDataObject; warnings: string[] } {
	const alertText = asText(alert, 'alert');
	const input = asObject(raw, 'notification');
	const vendorSettings = asObject(input.vendorSettings, 'notification.vendorSettings');
	const ios = iosSettings(input, vendorSettings);
	const android = androidSettings(input, vendorSettings);
	const harmonyOS = harmonyOSSettings(input, vendorSettings);
	const platformAlerts = ios.alert !== undefined && android.alert !== undefined;
	ensure(alertText.trim() !== '' || platformAlerts, 'alertRequired');

	const notification: IDataObject = {};
	if (alertText.trim() !== '') notification.alert = alertText;
	const title = readPushTitle(input.title, 'notification.title', 'notificationTitleLength');
	if (title !== '') notification.title = title;
	putFlag(notification, 'forceShowPushContent', input.forceShowPushContent, 'notification.forceShowPushContent');
	if (Object.keys(ios).length) notification.ios = ios;
	if (Object.keys(android).length) notification.android = android;
	if (Object.keys(harmonyOS).length) notification.harmonyOS = harmonyOS;
	return { notification, warnings: notification.alert === undefined ? [ALERT_LEFT_OUT] : [] };
}
