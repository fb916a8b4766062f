/** `/push.json`: a push notification, optionally with a message (docs/rongcloud-server-api.md#the-json-body-of-pushjson). */
import { randomBytes } from 'node:crypto';

import { newMessageUid } from './broadcast';
import { PATHS } from './constants';
import { checkContent, checkObjectName } from './content';
import { issue, type EmulatorContext } from './context';
import { charLength, checkStringMap, isPlainObject, rejectUnknownKeys } from './fields';
import { parseJsonBody } from './jsonModel';
import { checkVendorSettings, VENDOR_CHECK_TEXT, vendorFieldPasses } from './pushExt';
import { consumeQuota, checkBroadcastService } from './quota';
import { ok, Rejection, type Reply } from './reply';
import type { EmulatorApp, RecordedRequest } from './types';

/** push.json's notification.android keys per vendor (the Java SDK's names), with the pushExt rules. */
export const PUSH_ANDROID_VENDORS: Readonly<Record<string, string>> = { hw: 'HW', honor: 'HONOR', mi: 'MI', oppo: 'OPPO', vivo: 'VIVO', fcm: 'FCM' };
/** Keys of notification.ios / notification.android besides the vendor objects (the Java SDK's PlatformNotification). */
const PUSH_PLATFORM_KEYS: readonly string[] = [
	'alert',
	'title',
	'contentAvailable',
	'extras',
	'badge',
	'category',
	'richMediaUri',
	'thread-id',
	'apns-collapse-id',
	'interruption-level',
];

/** push.json's notification, shaped as the Java SDK sends it (ios, android with vendor objects, harmonyOS). */
function checkPushNotification(notification: Record<string, unknown>): void {
	rejectUnknownKeys(notification, ['alert', 'title', 'forceShowPushContent', 'ios', 'android', 'harmonyOS'], 'notification');
	if (notification.forceShowPushContent !== undefined && ![0, 1].includes(notification.forceShowPushContent as number)) {
		throw new Rejection(1002, 'notification.forceShowPushContent must be 0 or 1.');
	}
	for (const platform of ['ios', 'android'] as const) {
		const settings = notification[platform];
		if (settings === undefined) continue;
		const path = `notification.${platform}`;
		if (!isPlainObject(settings)) throw new Rejection(1002, `${path} must be an object.`);
		const vendorKeys = platform === 'android' ? Object.keys(PUSH_ANDROID_VENDORS) : [];
		rejectUnknownKeys(settings, [...PUSH_PLATFORM_KEYS, ...vendorKeys], path);
		if (settings.extras !== undefined) checkStringMap(settings.extras, `${path}.extras`);
		if (settings.richMediaUri !== undefined && !vendorFieldPasses('absoluteUrl', settings.richMediaUri)) {
			throw new Rejection(1002, `${path}.richMediaUri ${VENDOR_CHECK_TEXT.absoluteUrl}.`);
		}
		for (const key of vendorKeys) {
			if (settings[key] !== undefined) checkVendorSettings(PUSH_ANDROID_VENDORS[key], settings[key], `${path}.${key}`);
		}
	}
	const harmonyOS = notification.harmonyOS;
	if (harmonyOS !== undefined) {
		if (!isPlainObject(harmonyOS)) throw new Rejection(1002, 'notification.harmonyOS must be an object.');
		rejectUnknownKeys(harmonyOS, ['alert', 'extras', 'ohos'], 'notification.harmonyOS');
		if (harmonyOS.alert !== undefined && typeof harmonyOS.alert !== 'string') {
			throw new Rejection(1002, 'notification.harmonyOS.alert must be a string.');
		}
		if (harmonyOS.extras !== undefined) checkStringMap(harmonyOS.extras, 'notification.harmonyOS.extras');
		if (harmonyOS.ohos !== undefined) checkVendorSettings('OHOS', harmonyOS.ohos, 'notification.harmonyOS.ohos');
	}
}

export function handlePush(context: EmulatorContext, app: EmulatorApp, record: RecordedRequest): Reply {
	checkBroadcastService(context, app);
	const body = parseJsonBody(record);
	const unknown = Object.keys(body).filter(
		(key) => !['platform', 'fromuserid', 'audience', 'message', 'notification'].includes(key),
	);
	if (unknown.length > 0) throw new Rejection(1002, `Unknown parameter: ${unknown.join(', ')}.`);

	const { platform, audience, notification, message, fromuserid } = body;
	if (
		!Array.isArray(platform) ||
		platform.length < 1 ||
		platform.length > 2 ||
		platform.some((p) => p !== 'ios' && p !== 'android') ||
		new Set(platform).size !== platform.length
	) {
		throw new Rejection(1002, 'platform must be an array of 1 to 2 distinct values out of "ios", "android".');
	}
	if (fromuserid !== undefined && (typeof fromuserid !== 'string' || fromuserid === '')) {
		throw new Rejection(1002, 'fromuserid must be a non-empty string.');
	}

	if (!isPlainObject(audience)) throw new Rejection(1002, 'audience is required and must be an object.');
	// `is_to_all: false` next to the selectors is what the SDKs send; only `true` selects everyone.
	if (audience.is_to_all !== undefined && typeof audience.is_to_all !== 'boolean') {
		throw new Rejection(1002, 'audience.is_to_all must be a boolean.');
	}
	const selectors = ['tag', 'tag_or', 'userid', 'packageName'].filter((key) => audience[key] !== undefined);
	if (audience.is_to_all === true && selectors.length > 0) {
		throw new Rejection(1002, `audience.is_to_all: true cannot be combined with ${selectors.join(', ')}.`);
	}
	if (audience.is_to_all !== true && selectors.length === 0) {
		throw new Rejection(1002, 'audience needs is_to_all: true or at least one of tag, tag_or, userid, packageName.');
	}
	// tag, tag_or and packageName narrow each other (AND); RongCloud lets userid override the rest, so a mix is a mistake.
	if (selectors.includes('userid') && selectors.length > 1) {
		throw new Rejection(1002, 'audience.userid cannot be combined with tag, tag_or or packageName.');
	}
	const limits: Record<string, number> = { tag: 20, tag_or: 20, userid: 1000 };
	for (const selector of selectors) {
		if (!(selector in limits)) continue;
		const list = audience[selector];
		if (!Array.isArray(list) || list.length === 0 || list.some((v) => typeof v !== 'string' || v === '')) {
			throw new Rejection(1002, `audience.${selector} must be a non-empty array of strings.`);
		}
		if (list.length > limits[selector]) {
			throw new Rejection(1005, `audience.${selector} has more than ${limits[selector]} entries.`);
		}
	}
	if (audience.packageName !== undefined && (typeof audience.packageName !== 'string' || audience.packageName === '')) {
		throw new Rejection(1002, 'audience.packageName must be a non-empty string.');
	}

	if (!isPlainObject(notification)) throw new Rejection(1002, 'notification is required and must be an object.');
	// Go SDK v4: alert may be left out when both the iOS and the Android alert are given.
	const platformAlert = (platform: unknown) => isPlainObject(platform) && typeof platform.alert === 'string' && platform.alert !== '';
	const standsIn = notification.alert === undefined && platformAlert(notification.ios) && platformAlert(notification.android);
	if (!standsIn && (typeof notification.alert !== 'string' || notification.alert === '')) {
		throw new Rejection(1002, 'notification.alert is required unless notification.ios.alert and notification.android.alert are both given.');
	}
	if (notification.title !== undefined) {
		if (typeof notification.title !== 'string') throw new Rejection(1002, 'notification.title must be a string.');
		if (charLength(notification.title) > 50) {
			throw new Rejection(1005, 'notification.title is longer than 50 characters.');
		}
	}
	checkPushNotification(notification);

	if (message !== undefined) {
		if (!isPlainObject(message)) throw new Rejection(1002, 'message must be an object.');
		if (typeof message.objectName !== 'string' || message.objectName === '') {
			throw new Rejection(1002, 'message.objectName is required.');
		}
		checkObjectName(message.objectName, 'message.objectName');
		if (typeof message.content !== 'string' || message.content === '') {
			throw new Rejection(1002, 'message.content is required and must be a JSON string.');
		}
		checkContent(message.content, message.objectName, 'message.content');
		if (message.disableUpdateLastMsg !== undefined && typeof message.disableUpdateLastMsg !== 'boolean') {
			throw new Rejection(1002, 'message.disableUpdateLastMsg must be a boolean.');
		}
	}

	consumeQuota(context, app);
	const id = `push-${randomBytes(10).toString('hex')}`;
	if (message === undefined) return ok({ id });
	// The system message a push carries is what recall.json takes back, by this messageUID (Java PushResult, Go push.go).
	const messageUID = newMessageUid();
	issue(context, app, PATHS.push, messageUID);
	return ok({ id, messageUID });
}
