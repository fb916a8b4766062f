/**
 * The emulator keeps its own copy of RongCloud's push vendor tables, so that it judges the node's
 * requests as an independent oracle. Its rules stay its own; what it must agree on by name (which
 * vendors there are, each vendor's wire keys, the check each key gets, and push.json's Android
 * vendor keys) is compared here with the node's vendor table, so a field added to one side only
 * fails this test instead of surfacing as a 1002 "unknown field" at run time.
 */
import { VENDORS, type Vendor } from '../../nodes/RongCloudBroadcast/shared/pushExt/vendors';
import { PUSH_ANDROID_VENDORS, PUSH_EXT_VENDOR_FIELDS } from './emulator';

type FieldChecks = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** Vendor → wire key → check, from the node's table. */
function nodeFieldChecks(vendors: readonly Vendor[]): FieldChecks {
	return Object.fromEntries(vendors.map((vendor) => [vendor.key, Object.fromEntries(vendor.fields.map((field) => [field.apiKey, field.kind]))]));
}

/** notification.android key → vendor, from the node's table. */
function nodeAndroidVendors(vendors: readonly Vendor[]): Record<string, string> {
	return Object.fromEntries(vendors.flatMap((vendor) => (vendor.androidKey === undefined ? [] : [[vendor.androidKey, vendor.key]])));
}

/** Every vendor, key and check one side has and the other lacks or names differently, one line each. */
function disagreements(node: FieldChecks, emulator: FieldChecks): string[] {
	const lines: string[] = [];
	for (const vendor of new Set([...Object.keys(node), ...Object.keys(emulator)])) {
		if (!(vendor in emulator)) lines.push(`${vendor}: only the node knows this vendor`);
		else if (!(vendor in node)) lines.push(`${vendor}: only the emulator knows this vendor`);
		else {
			for (const key of new Set([...Object.keys(node[vendor]), ...Object.keys(emulator[vendor])])) {
				const [ours, theirs] = [node[vendor][key], emulator[vendor][key]];
				if (ours !== theirs) lines.push(`${vendor}.${key}: node ${ours ?? 'has no such key'}, emulator ${theirs ?? 'has no such key'}`);
			}
		}
	}
	return lines;
}

/** A copy of the node's table to break, so each comparison is shown to fail on the drift it guards. */
const copyOfVendors = (): Vendor[] => structuredClone(VENDORS);

describe('the emulator agrees with the node\'s vendor table by name', () => {
	it('the same vendors, the same wire keys per vendor, the same check per key', () => {
		expect(disagreements(nodeFieldChecks(VENDORS), PUSH_EXT_VENDOR_FIELDS)).toEqual([]);
	});

	it('the same Android vendor → notification.android key map', () => {
		expect(nodeAndroidVendors(VENDORS)).toEqual(PUSH_ANDROID_VENDORS);
	});

	it('fails on a vendor, a field, a wire key or a check that only one side has', () => {
		const vendors = copyOfVendors();
		const hw = vendors.find((vendor) => vendor.key === 'HW') as Vendor;
		hw.fields = hw.fields.filter((field) => field.apiKey !== 'channelId');
		hw.fields.find((field) => field.apiKey === 'category')!.kind = 'text';
		const apns = vendors.find((vendor) => vendor.key === 'APNs') as Vendor;
		apns.fields.find((field) => field.apiKey === 'thread-id')!.apiKey = 'threadId';
		vendors.push({ key: 'SAMSUNG' as Vendor['key'], displayName: 'Samsung', fields: [] });
		expect(disagreements(nodeFieldChecks(vendors), PUSH_EXT_VENDOR_FIELDS).sort()).toEqual([
			'APNs.thread-id: node has no such key, emulator text',
			'APNs.threadId: node text, emulator has no such key',
			'HW.category: node text, emulator upperCase',
			'HW.channelId: node has no such key, emulator text',
			'SAMSUNG: only the node knows this vendor',
		]);
		expect(disagreements(nodeFieldChecks(VENDORS.filter((vendor) => vendor.key !== 'OHOS')), PUSH_EXT_VENDOR_FIELDS)).toEqual([
			'OHOS: only the emulator knows this vendor',
		]);
	});

	it('fails on an Android key that differs, is missing or is extra', () => {
		for (const change of [
			(vendors: Vendor[]) => (vendors[0].androidKey = 'huawei'),
			(vendors: Vendor[]) => delete vendors[0].androidKey,
			(vendors: Vendor[]) => (vendors.find((vendor) => vendor.key === 'OHOS')!.androidKey = 'ohos'),
		]) {
			const vendors = copyOfVendors();
			change(vendors);
			expect(nodeAndroidVendors(vendors)).not.toEqual(PUSH_ANDROID_VENDORS);
		}
	});
});
