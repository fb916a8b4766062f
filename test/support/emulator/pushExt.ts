/* eslint-disable
	@n8n/community-nodes/require-node-api-error
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/** `pushExt` and the vendor settings it carries (docs/rongcloud-server-api.md#pushext). */
import { charLength, hasOwn, isPlainObject } from './fields';
import { Rejection } from './reply';

/**
 * What a vendor setting must be, under the names the node's vendor table gives the same checks
 * (test/support/emulatorAgreement.test.ts compares them by name). `httpsUrl`: the vendor refuses
 * anything but an https:// URL; `absoluteUrl`: any absolute URL; `upperCase`: Huawei's category,
 * upper-case letters; `classification`: VIVO's class as text, "0" or "1" (both SDKs type every VIVO
 * value as a string); `notifyLevel`: OPPO's number 1, 2 or 16; `interruptionLevel`: one of iOS's four.
 */
export type VendorFieldCheck =
	| 'text'
	| 'httpsUrl'
	| 'absoluteUrl'
	| 'upperCase'
	| 'importance'
	| 'classification'
	| 'notifyLevel'
	| 'interruptionLevel';

/** The vendors of `pushExt.pushConfigs` and the fields each knows. */
export const PUSH_EXT_VENDOR_FIELDS: Readonly<Record<string, Readonly<Record<string, VendorFieldCheck>>>> = {
	HW: { channelId: 'text', importance: 'importance', image: 'httpsUrl', category: 'upperCase' },
	HONOR: { importance: 'importance', image: 'httpsUrl' },
	MI: { channelId: 'text', large_icon_uri: 'absoluteUrl' },
	OPPO: { channelId: 'text', category: 'text', notify_level: 'notifyLevel' },
	VIVO: { classification: 'classification', category: 'text' },
	APNs: { 'thread-id': 'text', 'apns-collapse-id': 'text', richMediaUri: 'absoluteUrl', 'interruption-level': 'interruptionLevel' },
	FCM: { channelId: 'text', collapse_key: 'text', imageUrl: 'absoluteUrl' },
	OHOS: { category: 'text', image: 'httpsUrl' },
};

/** Allowed keys of the one-key objects in `pushExt.pushConfigs`. */
export const PUSH_CONFIG_VENDORS: readonly string[] = Object.keys(PUSH_EXT_VENDOR_FIELDS);

/**
 * An absolute URL a client can load. `new URL` forgives `https:///x` (it reads host "x"), so
 * http(s) URLs must also show a host, without user info, right after "//".
 */
function isLoadableUrl(value: unknown, httpsOnly: boolean): boolean {
	if (typeof value !== 'string' || /\s/.test(value)) return false;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return false;
	}
	if (httpsOnly && url.protocol !== 'https:') return false;
	if (url.protocol === 'http:' || url.protocol === 'https:') return /^https?:\/\/[^/?#@]+/i.test(value);
	return value.length > url.protocol.length;
}

export const VENDOR_CHECK_TEXT: Record<VendorFieldCheck, string> = {
	text: 'must be a string',
	httpsUrl: 'must be an https:// URL',
	absoluteUrl: 'must be an absolute URL',
	upperCase: 'must be upper-case letters (and underscores), such as IM',
	importance: 'must be NORMAL or LOW',
	classification: 'must be the string "0" or "1"',
	notifyLevel: 'must be the number 1, 2 or 16',
	interruptionLevel: 'must be passive, active, time-sensitive or critical',
};

export function vendorFieldPasses(check: VendorFieldCheck, value: unknown): boolean {
	switch (check) {
		case 'text':
			return typeof value === 'string';
		case 'httpsUrl':
			return isLoadableUrl(value, true);
		case 'absoluteUrl':
			return isLoadableUrl(value, false);
		case 'upperCase':
			return typeof value === 'string' && /^[A-Z][A-Z_]*$/.test(value);
		case 'importance':
			return value === 'NORMAL' || value === 'LOW';
		case 'classification':
			return value === '0' || value === '1';
		case 'notifyLevel':
			return value === 1 || value === 2 || value === 16;
		case 'interruptionLevel':
			return typeof value === 'string' && ['passive', 'active', 'time-sensitive', 'critical'].includes(value);
	}
}

export function checkPushExt(value: string): void {
	let parsed: unknown;
	try {
		parsed = JSON.parse(value);
	} catch {
		throw new Rejection(1002, 'pushExt is not valid JSON.');
	}
	if (!isPlainObject(parsed)) throw new Rejection(1002, 'pushExt must be a JSON object.');
	const { title, templateId, forceShowPushContent, pushConfigs } = parsed;
	if (title !== undefined) {
		if (typeof title !== 'string') throw new Rejection(1002, 'pushExt.title must be a string.');
		if (charLength(title) > 50) throw new Rejection(1005, 'pushExt.title is longer than 50 characters.');
	}
	if (templateId !== undefined && typeof templateId !== 'string') {
		throw new Rejection(1002, 'pushExt.templateId must be a string.');
	}
	if (forceShowPushContent !== undefined && ![0, 1, '0', '1'].includes(forceShowPushContent as number)) {
		throw new Rejection(1002, 'pushExt.forceShowPushContent must be 0 or 1.');
	}
	if (pushConfigs !== undefined) {
		if (!Array.isArray(pushConfigs)) throw new Rejection(1002, 'pushExt.pushConfigs must be an array.');
		pushConfigs.forEach((entry, index) => {
			const keys = isPlainObject(entry) ? Object.keys(entry) : [];
			if (keys.length !== 1) {
				throw new Rejection(1002, `pushExt.pushConfigs[${index}] must be an object with exactly one vendor key.`);
			}
			if (!PUSH_CONFIG_VENDORS.includes(keys[0])) {
				throw new Rejection(1002, `pushExt.pushConfigs[${index}]: unknown vendor ${keys[0]}.`);
			}
			checkVendorSettings(keys[0], (entry as Record<string, unknown>)[keys[0]], `pushExt.pushConfigs[${index}].${keys[0]}`);
		});
	}
}

/** One vendor's settings, in pushExt or in push.json's notification: known fields, each as the vendor reads it. */
export function checkVendorSettings(vendor: string, settings: unknown, path: string): void {
	if (!isPlainObject(settings)) throw new Rejection(1002, `${path} must be an object.`);
	const known = PUSH_EXT_VENDOR_FIELDS[vendor];
	for (const [field, value] of Object.entries(settings)) {
		const check = hasOwn(known, field) ? known[field] : undefined;
		if (!check) throw new Rejection(1002, `${path}: unknown field ${field}.`);
		if (!vendorFieldPasses(check, value)) throw new Rejection(1002, `${path}.${field} ${VENDOR_CHECK_TEXT[check]}.`);
	}
}
