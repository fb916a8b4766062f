/* eslint-disable
	@n8n/community-nodes/no-restricted-globals
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * `npm run sandbox:reset-quota`: the running `npm start` sandbox's emulator forgets the quota it
 * counted (RongCloud's 2 broadcast-family calls an hour, 3 a day), so the next send passes; the
 * messages it issued are kept, so they can still be recalled. Nothing restarts.
 *
 * SANDBOX_EMULATOR_PORT names the emulator's port when `npm start` was given one (default 5680).
 */
import { SANDBOX_RESET_PATH } from '../support/emulator-cli';

async function main(): Promise<void> {
	const port = process.env.SANDBOX_EMULATOR_PORT ?? '5680';
	const url = `http://127.0.0.1:${port}${SANDBOX_RESET_PATH}`;
	let answer: Response;
	try {
		answer = await fetch(url, { method: 'POST' });
	} catch {
		process.stdout.write(`[sandbox] nothing answers at ${url}: is npm start running (with SANDBOX_EMULATOR_PORT=${port})? npm start -- --reset-quota resets the quota at start.\n`);
		process.exit(1);
	}
	const body = (await answer.json().catch(() => ({}))) as { message?: string };
	if (!answer.ok || body.message === undefined) {
		process.stdout.write(`[sandbox] ${url} answered HTTP ${answer.status}: not the sandbox's emulator (npm start runs it with --sandbox)\n`);
		process.exit(1);
	}
	process.stdout.write(`[sandbox] ${body.message}\n`);
}

void main();
