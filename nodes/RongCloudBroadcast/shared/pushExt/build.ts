import { asFlag, asNumber, asObject, asText, characterCount, ensure, type RuleId } from '../validation';
import { MAX_TITLE_LENGTH } from '../limits';
import { isValidUrl } from '../urls';
import {
	CLASSIFICATION_VALUES,
	IMPORTANCE_VALUES,
	INTERRUPTION_LEVEL_VALUES,
	NOTIFY_LEVEL_VALUES,
	VENDORS,
	type Vendor,
	type VendorField,
} from './vendors';

/** A notification title, its length counted as RongCloud counts it. */
export function readPushTitle(raw: unknown, parameter: string, ruleId: RuleId): string {
	const title = asText(raw, parameter);
	const length = characterCount(title);
	ensure(length <= MAX_TITLE_LENGTH, ruleId, `got ${length} characters`, parameter);
	return title;
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
	// Added, but nothing in it: n8n hands over a vendor given as a whole expression this way.
	ensure(raw === undefined || raw === null || Object.keys(config).length > 0, 'groupEmpty', undefined, path);
	if (vendor.key === 'OPPO' && config.notify_level !== undefined) {
		ensure(config.category !== undefined, 'oppoNotifyLevelNeedsCategory', undefined, `${path}.notify_level`);
	}
	if (vendor.key === 'VIVO' && config.category !== undefined) {
		ensure(config.classification !== undefined, 'vivoCategoryNeedsClassification', undefined, `${path}.category`);
	}
	return Object.keys(config).length ? config : undefined;
}

/**
 * The pushExt JSON object, shaped like RongCloud's documented example (docs/rongcloud-server-api.md#pushext):
 * pushConfigs is an array of one-key
 * objects, and only what the user filled is present. Undefined when nothing was filled.
 */
export function buildPushExt(raw: unknown): Record<string, unknown> | undefined {
	const input = asObject(raw, 'pushExt');
	const pushExt: Record<string, unknown> = {};
	const title = readPushTitle(input.title, 'pushExt.title', 'pushExtTitleLength');
	if (title !== '') pushExt.title = title;
	const templateId = asText(input.templateId, 'pushExt.templateId').trim();
	if (templateId !== '') pushExt.templateId = templateId;
	const force = asFlag(input.forceShowPushContent, 'pushExt.forceShowPushContent');
	if (force !== undefined) pushExt.forceShowPushContent = force;

	const groups = asObject(input.pushConfigs, 'pushExt.pushConfigs');
	ensure(!Object.hasOwn(input, 'pushConfigs') || Object.keys(groups).length > 0, 'groupEmpty', undefined, 'pushExt.pushConfigs');
	const pushConfigs: Array<Record<string, Record<string, string | number>>> = [];
	for (const vendor of VENDORS) {
		const config = buildVendorConfig(vendor, groups[vendor.key], `pushExt.pushConfigs.${vendor.key}`);
		if (config) pushConfigs.push({ [vendor.key]: config });
	}
	if (pushConfigs.length) pushExt.pushConfigs = pushConfigs;
	return Object.keys(pushExt).length ? pushExt : undefined;
}
