import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { RuleId } from '../../nodes/RongCloudBroadcast/shared/validation';

export interface RuleViolation {
	/** Complete node parameters that break exactly this rule. */
	parameters: INodeParameters;
	items?: INodeExecutionData[];
	/** The parameter the error message must name. */
	parameter: string;
	/** Overrides of the credential (such as the API Version the rule belongs to). */
	credentials?: Record<string, string>;
}

/** A valid send of a text message; each violation below changes one thing. */
export const VALID_SEND: INodeParameters = {
	operation: 'send',
	fromUserId: 'system',
	objectName: 'RC:TxtMsg',
	contentMode: 'fields',
	text: 'hello',
};

/** A valid recall of a broadcast, with every parameter given (no expressions). */
export const VALID_RECALL: INodeParameters = {
	operation: 'recall',
	fromUserId: 'system',
	messageUID: 'BVQK-8CSS-N3S5-U3ML',
	sentTime: '1585127132438',
};

/** A valid send of a text message to two listed users. */
export const VALID_SEND_TO_USERS: INodeParameters = { ...VALID_SEND, operation: 'sendToUsers', toUserIds: 'u1, u2' };

/** A valid push of a notification to every user. */
export const VALID_PUSH: INodeParameters = {
	operation: 'push',
	platform: ['ios', 'android'],
	audience: 'all',
	alert: 'hello',
};

const send = (patch: INodeParameters): INodeParameters => ({ ...VALID_SEND, ...patch });
const recall = (patch: INodeParameters): INodeParameters => ({ ...VALID_RECALL, ...patch });
const push = (patch: INodeParameters): INodeParameters => ({ ...VALID_PUSH, ...patch });
const sendToUsers = (patch: INodeParameters): INodeParameters => ({ ...VALID_SEND_TO_USERS, ...patch });
const vendor = (key: string, values: INodeParameters): INodeParameters =>
	send({ pushExt: { pushConfigs: { [key]: values } } });

/**
 * One case per rule of VALIDATION_RULES. Typed as a Record over RuleId, so a rule added to the
 * product without a case here does not compile, and the suite that walks this table fails.
 */
export const RULE_VIOLATIONS: Record<RuleId, RuleViolation> = {
	fromUserIdRequired: { parameters: send({ fromUserId: '  ' }), parameter: 'fromUserId' },
	fromUserIdLength: { parameters: send({ fromUserId: 'u'.repeat(65) }), parameter: 'fromUserId' },
	customObjectNameRequired: {
		parameters: send({ objectName: 'custom', customObjectName: '', content: '{"a":1}' }),
		parameter: 'customObjectName',
	},
	customObjectNameReserved: {
		parameters: send({ objectName: 'custom', customObjectName: 'RC:MyMsg', content: '{"a":1}' }),
		parameter: 'customObjectName',
	},
	customObjectNameLength: {
		parameters: send({ objectName: 'custom', customObjectName: 'A'.repeat(33), content: '{"a":1}' }),
		parameter: 'customObjectName',
	},
	builtInObjectNameRequired: {
		parameters: send({ objectName: 'otherBuiltIn', builtInObjectName: ' ', content: '{"a":1}' }),
		parameter: 'builtInObjectName',
	},
	builtInObjectNameFormat: {
		parameters: send({ objectName: 'otherBuiltIn', builtInObjectName: 'ReferenceMsg', content: '{"a":1}' }),
		parameter: 'builtInObjectName',
	},
	builtInObjectNameLength: {
		parameters: send({ objectName: 'otherBuiltIn', builtInObjectName: `RC:${'A'.repeat(30)}`, content: '{"a":1}' }),
		parameter: 'builtInObjectName',
	},
	// An expression that lands on an Object.prototype name: no prototype lookup may treat it as a type.
	objectNameKnown: { parameters: send({ objectName: '={{ "toString" }}' }), parameter: 'objectName' },
	contentJsonObject: {
		parameters: send({ contentMode: 'json', content: '["not","an","object"]' }),
		parameter: 'content',
	},
	contentPlainObject: { parameters: send({ contentMode: 'json', content: '={{ $now }}' }), parameter: 'content' },
	contentDepth: {
		parameters: send({ contentMode: 'json', content: `${'{"a":'.repeat(10000)}1${'}'.repeat(10000)}` }),
		parameter: 'content',
	},
	contentUrl: { parameters: send({ objectName: 'RC:ImgMsg', imageUri: 'https:///cdn.example.com/a.jpg', thumbnail: '/9j/4AAQ' }), parameter: 'content.imageUri' },
	// A 20-digit ID would leave rounded, as 12345678901234567000.
	contentExactNumber: {
		parameters: send({ objectName: 'custom', customObjectName: 'App:Order', content: '{"orderId":12345678901234567890}' }),
		parameter: 'content',
	},
	contentSize: {
		parameters: send({ contentMode: 'json', content: JSON.stringify({ content: 'x'.repeat(128 * 1024) }) }),
		parameter: 'content',
	},
	contentRequiredField: { parameters: send({ text: '={{ "" }}' }), parameter: 'content.content' },
	contentFieldType: { parameters: send({ contentMode: 'json', content: '{"content":{"text":"hi"}}' }), parameter: 'content.content' },
	contentPositiveWholeNumber: {
		parameters: send({ objectName: 'RC:GIFMsg', remoteUrl: 'https://e.com/a.gif', gifDataSize: 1024, width: 0, height: 10 }),
		parameter: 'content.width',
	},
	contentWholeNumber: {
		parameters: send({ objectName: 'RC:FileMsg', name: 'a.pdf', fileUrl: 'https://e.com/a.pdf', size: 1.5 }),
		parameter: 'content.size',
	},
	contentLatitude: {
		parameters: send({ objectName: 'RC:LBSMsg', latitude: 91, longitude: 116.4, poi: 'Beijing' }),
		parameter: 'content.latitude',
	},
	contentLongitude: {
		parameters: send({ objectName: 'RC:LBSMsg', latitude: 39.9, longitude: -181, poi: 'Beijing' }),
		parameter: 'content.longitude',
	},
	contentBase64: {
		parameters: send({ objectName: 'RC:ImgMsg', imageUri: 'https://e.com/a.jpg', thumbnail: 'data:image/jpeg;base64,/9j/4AAQ' }),
		parameter: 'content.content',
	},
	contentVoiceDuration: {
		parameters: send({ objectName: 'RC:HQVCMsg', remoteUrl: 'https://e.com/a.aac', duration: 61 }),
		parameter: 'content.duration',
	},
	// Half of an emoji: the form encoding would send U+FFFD in its place.
	textWellFormed: { parameters: send({ text: 'cut \ud83d' }), parameter: 'text' },
	fieldType: {
		parameters: send({ fromUserId: '={{ $json.sender }}' }),
		items: [{ json: { sender: { id: 'not text' } } }],
		parameter: 'fromUserId',
	},
	osValue: { parameters: send({ options: { os: 'Windows' } }), parameter: 'options.os' },
	pushDataType: { parameters: send({ options: { pushData: '={{ [1, 2] }}' } }), parameter: 'options.pushData' },
	switchValue: {
		parameters: send({ options: { dryRun: '={{ $json.dryRun }}' } }),
		items: [{ json: {} }],
		parameter: 'options.dryRun',
	},
	timeoutRange: { parameters: send({ options: { timeout: 0 } }), parameter: 'options.timeout' },
	msgRandomWholeNumber: { parameters: send({ options: { msgRandom: 1.5 } }), parameter: 'options.msgRandom' },
	msgRandomUnique: {
		parameters: send({ text: '={{ $json.text }}', options: { msgRandom: 20240601001 } }),
		items: [{ json: { text: 'Sale starts' } }, { json: { text: 'Sale ends' } }],
		parameter: 'options.msgRandom',
	},
	pushExtTitleLength: { parameters: send({ pushExt: { title: 'T'.repeat(51) } }), parameter: 'pushExt.title' },
	imageUrlHttps: {
		parameters: vendor('HW', { image: 'http://example.com/image.png' }),
		parameter: 'pushExt.pushConfigs.HW.image',
	},
	vendorUrlAbsolute: {
		parameters: vendor('MI', { large_icon_uri: 'https:///icon.png' }),
		parameter: 'pushExt.pushConfigs.MI.large_icon_uri',
	},
	hwCategoryUpperCase: { parameters: vendor('HW', { category: 'im' }), parameter: 'pushExt.pushConfigs.HW.category' },
	importanceValue: {
		parameters: vendor('HONOR', { importance: 'HIGH' }),
		parameter: 'pushExt.pushConfigs.HONOR.importance',
	},
	oppoNotifyLevelValue: {
		parameters: vendor('OPPO', { category: 'IM', notify_level: 3 }),
		parameter: 'pushExt.pushConfigs.OPPO.notify_level',
	},
	oppoNotifyLevelNeedsCategory: {
		parameters: vendor('OPPO', { notify_level: 2 }),
		parameter: 'pushExt.pushConfigs.OPPO.notify_level',
	},
	vivoClassificationValue: {
		parameters: vendor('VIVO', { classification: 2 }),
		parameter: 'pushExt.pushConfigs.VIVO.classification',
	},
	vivoCategoryNeedsClassification: {
		parameters: vendor('VIVO', { category: 'IM' }),
		parameter: 'pushExt.pushConfigs.VIVO.category',
	},
	interruptionLevelValue: {
		parameters: vendor('APNs', { interruptionLevel: 'urgent' }),
		parameter: 'pushExt.pushConfigs.APNs.interruptionLevel',
	},
	messageUIDRequired: { parameters: recall({ messageUID: ' ' }), parameter: 'messageUID' },
	sentTimeMilliseconds: { parameters: recall({ sentTime: '-1' }), parameter: 'sentTime' },
	platformValue: { parameters: push({ platform: [] }), parameter: 'platform' },
	audienceValue: { parameters: push({ audience: '={{ "everyone" }}' }), parameter: 'audience' },
	listType: { parameters: push({ audience: 'tag', tags: '={{ { vip: true } }}' }), parameter: 'tags' },
	tagsRequired: { parameters: push({ audience: 'tag', tags: ' , ' }), parameter: 'tags' },
	tagsCount: {
		parameters: push({ audience: 'tag_or', tags: Array.from({ length: 21 }, (_, i) => `t${i}`).join(',') }),
		parameter: 'tags',
	},
	userIdsRequired: { parameters: push({ audience: 'userid', userIds: '' }), parameter: 'userIds' },
	userIdsCount: {
		parameters: push({ audience: 'userid', userIds: Array.from({ length: 1001 }, (_, i) => `u${i}`).join(',') }),
		parameter: 'userIds',
	},
	userIdsLength: { parameters: push({ audience: 'userid', userIds: `ok,${'u'.repeat(65)}` }), parameter: 'userIds' },
	packageNameRequired: { parameters: push({ audience: 'packageName', packageName: ' ' }), parameter: 'packageName' },
	audienceFilterEmpty: {
		parameters: push({ audience: 'tag', tags: 'vip', audienceFilters: { tag_or: ' , ' } }),
		parameter: 'audienceFilters.tag_or',
	},
	alertRequired: { parameters: push({ alert: '  ' }), parameter: 'alert' },
	notificationTitleLength: {
		parameters: push({ notification: { title: 'T'.repeat(51) } }),
		parameter: 'notification.title',
	},
	badgeRange: { parameters: push({ notification: { iosBadge: 10000 } }), parameter: 'notification.iosBadge' },
	extrasObject: { parameters: push({ notification: { iosExtras: '[1, 2]' } }), parameter: 'notification.iosExtras' },
	messageOptionNeedsMessage: {
		parameters: push({ options: { disableUpdateLastMsg: true } }),
		parameter: 'options.disableUpdateLastMsg',
	},
	toUserIdsRequired: { parameters: sendToUsers({ toUserIds: ' , ' }), parameter: 'toUserIds' },
	toUserIdsCount: {
		parameters: sendToUsers({ toUserIds: '={{ Array.from({ length: 100001 }, (_, i) => "u" + i) }}' }),
		parameter: 'toUserIds',
	},
	toUserIdsLength: { parameters: sendToUsers({ toUserIds: `u1, ${'x'.repeat(65)}` }), parameter: 'toUserIds' },
	toUserIdsEntryEmpty: { parameters: sendToUsers({ toUserIds: '={{ ["u1", null, "u3"] }}' }), parameter: 'toUserIds' },
	recipientsPerSecondRange: { parameters: sendToUsers({ options: { recipientsPerSecond: 0.5 } }), parameter: 'options.recipientsPerSecond' },
	selfReference: {
		parameters: send({ options: { pushData: '={{ $json.data }}' } }),
		items: [{ json: { data: (() => { const data: Record<string, unknown> = { a: 1 }; data.self = data; return data; })() } }],
		parameter: 'options.pushData',
	},
	groupEmpty: { parameters: vendor('HW', { channelId: '' }), parameter: 'pushExt.pushConfigs.HW' },
	notInV4: { parameters: send({ options: { os: 'iOS' } }), parameter: 'options.os', credentials: { apiVersion: 'v4' } },
};
