/**
 * Runs that send one text message per input item, told apart on the wire by their text: what the
 * suites about whole runs (retries, Stop, partial delivery) send and then count.
 */
import type { INodeExecutionData } from 'n8n-workflow';

import type { RongCloudEmulator } from './emulator';

/** Send to All Users with each item's `text`. */
export const SEND_ITEM_TEXT = { operation: 'send', fromUserId: 'system', objectName: 'RC:TxtMsg', text: '={{ $json.text }}' };

/** One input item per text. */
export const textItems = (...texts: string[]): INodeExecutionData[] => texts.map((text) => ({ json: { text } }));

/** The texts the emulator received, in order: which items went out, and how often. */
export const sentTexts = (emulator: RongCloudEmulator): Array<string | undefined> =>
	emulator.requests.map((r) => (JSON.parse(r.form?.content ?? '{}') as { content?: string }).content);

/** The texts RongCloud accepted (HTTP 200, code 200), in order: which items were delivered, and how often. */
export const deliveredTexts = (emulator: RongCloudEmulator): Array<string | undefined> =>
	emulator.requests
		.filter((r) => r.response?.status === 200 && (r.response.body as { code?: unknown } | undefined)?.code === 200)
		.map((r) => (JSON.parse(r.form?.content ?? '{}') as { content?: string }).content);
