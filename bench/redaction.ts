/* eslint-disable
	@n8n/community-nodes/no-restricted-globals,
	@n8n/community-nodes/no-restricted-imports
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * Worker for (a): redaction alone, in µs, as the built node runs it (dist/).
 *
 * - success: what every successful answer costs: a redactor made for the request's Signature,
 *   Nonce and App Secret, and the answer's two values ("code" 200 and the messageUID) checked for
 *   them, as the answer's identifiers are.
 * - echo: an error message of about 1 KB that echoes the Signature four ways (spaced, \u escapes,
 *   HTML entities, base64 split in two), quoted as the node quotes it.
 * - hostile page: a 64 KB page of echoes and near misses (unfinished escapes, runs of "%25",
 *   7 characters of the Signature at a time), redacted whole.
 * Each is checked: the echoes must be gone and the messageUID kept, so no figure measures a no-op.
 */
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { CREDENTIALS, median, report, ROOT, SMOKE, SUCCESS_ANSWER } from './fixtures';

interface Redactor {
	text(text: string): string;
	reveals(value: string): boolean;
}
/* eslint-disable-next-line @typescript-eslint/no-require-imports */
const { redactorFor, quoteServer } = require(join(ROOT, 'dist/credentials/common/rongcloud/redaction.js')) as {
	redactorFor(values: Array<string | undefined>): Redactor;
	quoteServer(speaker: string, text: string, redact: Redactor): string;
};

const RUNS = SMOKE ? 1 : 9;
const SUCCESSES = SMOKE ? 300 : 20_000;
const ECHOES = SMOKE ? 30 : 2_000;
const PAGES = SMOKE ? 2 : 40;

/** CPU µs per call of `work` over `count` calls. */
function cpuPerCall(count: number, work: (index: number) => void): number {
	const start = process.cpuUsage();
	for (let i = 0; i < count; i++) work(i);
	const used = process.cpuUsage(start);
	return (used.user + used.system) / count;
}

function request(): { signature: string; nonce: string } {
	const nonce = randomBytes(8).toString('hex');
	return { nonce, signature: createHash('sha1').update(`${CREDENTIALS.appSecret}${nonce}${Date.now()}`).digest('hex') };
}

const spaced = (value: string) => Array.from(value).join('    ');
const escaped = (value: string) => Array.from(value, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
const entities = (value: string) => Array.from(value, (c) => `&#x${c.charCodeAt(0).toString(16)};`).join('');
const base64Split = (value: string) => {
	const encoded = Buffer.from(value, 'hex').toString('base64');
	return `${encoded.slice(0, 12)}\r\n\r\n${encoded.slice(12)}`;
};

function echoMessage(signature: string): string {
	return `Bad request. Headers: signature=${spaced(signature)}; escaped ${escaped(signature)}; page ${entities(signature)}; auth ${base64Split(signature)}. `.padEnd(1024, 'Please retry later. ');
}

function hostilePage(signature: string): string {
	const nearMisses = [...(signature.match(/.{7}/g) ?? []).map((piece) => `${piece}g`), '%25%25%25%2', '&#x;&#;&amp', '\\u00\\u', 'ｇｈｉｊ'];
	let page = '';
	for (let at = 0; page.length < 64 * 1024; at++) page += at % 16 === 0 ? `<pre>${echoMessage(signature).slice(0, 400)}</pre>\n` : `<p>${nearMisses[at % nearMisses.length]} ${at}</p>\n`;
	return page.slice(0, 64 * 1024);
}

function main(): void {
	const answer = JSON.parse(SUCCESS_ANSWER) as { code: number; messageUID: string };
	const requests = Array.from({ length: SUCCESSES }, request);
	const success = (index: number) => {
		const { signature, nonce } = requests[index];
		const redact = redactorFor([signature, nonce, CREDENTIALS.appSecret]);
		if (redact.reveals(String(answer.code)) || redact.reveals(answer.messageUID)) throw new Error('a success answer was taken for an echo');
	};
	const { signature, nonce } = requests[0];
	const redact = redactorFor([signature, nonce, CREDENTIALS.appSecret]);
	const message = echoMessage(signature);
	const page = hostilePage(signature);
	for (const text of [quoteServer('RongCloud', message, redact), redact.text(page)]) {
		if (text.includes(signature.slice(0, 8)) || !text.includes('[redacted]')) throw new Error('an echo was not removed');
	}
	if (!redact.reveals(escaped(signature))) throw new Error('an echoed messageUID was not recognised');

	const runs = { successUs: [] as number[], echoUs: [] as number[], hostilePageUs: [] as number[] };
	cpuPerCall(Math.min(SUCCESSES, 1000), success);
	for (let run = 0; run < RUNS; run++) {
		runs.successUs.push(cpuPerCall(SUCCESSES, success));
		runs.echoUs.push(cpuPerCall(ECHOES, (index) => quoteServer('RongCloud', message, redactorFor([requests[index].signature, requests[index].nonce, CREDENTIALS.appSecret]))));
		runs.hostilePageUs.push(cpuPerCall(PAGES, () => redact.text(page)));
	}
	report({
		echoBytes: Buffer.byteLength(message),
		hostilePageBytes: Buffer.byteLength(page),
		samples: runs,
		medianCpuUs: { success: median(runs.successUs), echo: median(runs.echoUs), hostilePage: median(runs.hostilePageUs) },
	});
}

main();
