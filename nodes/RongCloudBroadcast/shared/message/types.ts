/** A check beyond the JSON type, for values a client cannot render otherwise. */
export type ContentRule =
	| 'positiveWholeNumber'
	| 'wholeNumber'
	| 'latitude'
	| 'longitude'
	| 'base64'
	| 'url'
	| 'voiceDuration';

/** A value some of RongCloud's sources advise against and others allow: sent as given, with a warning. */
export type ContentAdvisory = 'imageThumbnailSize';

/** One field of a built-in message's content JSON, and the node parameter that fills it. */
export interface ContentField {
	/** Key in the content JSON. */
	key: string;
	/** Node parameter name; differs from `key` only where the key would clash with another parameter. */
	parameter: string;
	displayName: string;
	type: 'string' | 'number' | 'user';
	/** A client needs this field to display the message. */
	required?: boolean;
	/** Why a client needs it, told when it is missing (the generic rule says the rest). */
	why?: string;
	/** Checked in this order; the first one broken is reported. */
	rules?: ContentRule[];
	/** Sent when the user gives nothing: RongCloud's Java SDK sends "" for RC:CmdMsg data. */
	whenBlank?: string;
	/** Where the sources differ on whether a client needs it: left out, it is not refused, the output item carries this warning. */
	warningWhenMissing?: string;
	/** A number that JSON content may also give as a text of digits, sent as given with a warning (RongCloud's Go SDKs send it so). */
	digitsAsText?: boolean;
	/** Checked after the rules; a value beyond what some source advises is sent, with a warning. */
	advisories?: ContentAdvisory[];
	description?: string;
}

export interface MessageType {
	displayName: string;
	description: string;
	fields: ContentField[];
}
