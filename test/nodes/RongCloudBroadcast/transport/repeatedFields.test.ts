/**
 * A form field may repeat (RongCloud's APIs take lists such as toUserId as one field per value):
 * the transport writes each value in order, Dry Run shows the list and the exact bytes, and the
 * emulator keeps every value and refuses a repeat only where its endpoint takes none.
 */
import { describeDryRun } from '../../../../nodes/RongCloudBroadcast/transport/dryRun';
import { encodeBody } from '../../../../nodes/RongCloudBroadcast/transport/generations';
import type { RongCloudRequest } from '../../../../nodes/RongCloudBroadcast/transport/types';
import { parseForm } from '../../../support/emulator/fields';
import { Rejection } from '../../../support/emulator/reply';
import type { RecordedRequest } from '../../../support/emulator/types';

const REQUEST: RongCloudRequest = {
	path: '/message/system/publish.json',
	body: { type: 'form', fields: { fromUserId: 'system', toUserId: ['u1', 'u 2', '用户3'], objectName: 'RC:TxtMsg' } },
	timeout: 1000,
};

describe('form fields that repeat', () => {
	it('go on the wire once per value, in order, next to the others', () => {
		const { payload } = encodeBody(REQUEST.body);
		expect(payload).toBe('fromUserId=system&toUserId=u1&toUserId=u+2&toUserId=%E7%94%A8%E6%88%B73&objectName=RC%3ATxtMsg');
		expect(new URLSearchParams(payload).getAll('toUserId')).toEqual(['u1', 'u 2', '用户3']);
	});

	it('Dry Run shows the list in its body and the exact bytes in encodedBody', () => {
		const dry = describeDryRun('app-key', { primary: 'https://api.rong-api.com' }, REQUEST);
		expect(dry.body).toEqual({ fromUserId: 'system', toUserId: ['u1', 'u 2', '用户3'], objectName: 'RC:TxtMsg' });
		expect(dry.encodedBody).toBe(encodeBody(REQUEST.body).payload);
	});

	it('the emulator keeps every value, and refuses a repeat only where the endpoint takes none', () => {
		const payload = encodeBody(REQUEST.body).payload;
		const form: Record<string, string> = {};
		const formValues: Record<string, string[]> = {};
		for (const [key, value] of new URLSearchParams(payload)) {
			form[key] = value;
			(formValues[key] ??= []).push(value);
		}
		const record = {
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			rawBody: payload,
			form,
			formValues,
			duplicateFormKeys: ['toUserId'],
		} as unknown as RecordedRequest;
		expect(parseForm(record, ['toUserId'])).toMatchObject({ fromUserId: 'system' });
		expect(() => parseForm(record)).toThrow(Rejection);
		let refusal: unknown;
		try {
			parseForm(record);
		} catch (error) {
			refusal = error;
		}
		expect(refusal).toMatchObject({ code: 1002, errorMessage: 'Duplicate form field: toUserId.' });
	});
});
