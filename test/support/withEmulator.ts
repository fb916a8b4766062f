/**
 * Emulators for the life of a `describe` (or a whole file): started in beforeAll, closed in
 * afterAll, reset before each test, so every suite sets them up the same way in one line.
 */
import { startEmulator, type EmulatorOptions, type RongCloudEmulator } from './emulator';

/**
 * One emulator for the enclosing `describe`, reset before each test. The handle forwards to the
 * running emulator, so tests use it as the emulator itself; read it in hooks and tests, not at
 * collection time. Hooks a suite adds after this call run after the start and after the reset
 * (e.g. a `setApp` or a queued fault for every test).
 *
 * `start` is the emulator's options, or a function that starts one (for a suite that needs
 * state the options cannot give, such as a message issued before the run).
 */
export function withEmulator(start: EmulatorOptions | (() => Promise<RongCloudEmulator>) = {}): RongCloudEmulator {
	let running: RongCloudEmulator | undefined;
	beforeAll(async () => {
		running = typeof start === 'function' ? await start() : await startEmulator(start);
	});
	afterAll(async () => await running?.close());
	beforeEach(() => current().reset());

	function current(): RongCloudEmulator {
		if (!running) throw new Error('withEmulator(): the emulator runs only inside hooks and tests of its describe');
		return running;
	}
	return {
		get baseUrl() {
			return current().baseUrl;
		},
		get port() {
			return current().port;
		},
		get requests() {
			return current().requests;
		},
		get acceptedSignatures() {
			return current().acceptedSignatures;
		},
		get issued() {
			return current().issued;
		},
		get deliveries() {
			return current().deliveries;
		},
		requestsTo: (path) => current().requestsTo(path),
		waitForRequest: async (predicate, timeoutMs) => await current().waitForRequest(predicate, timeoutMs),
		failNext: (fault, options) => current().failNext(fault, options),
		failNextWithCode: (code, options) => current().failNextWithCode(code, options),
		setApp: (app) => current().setApp(app),
		reset: () => current().reset(),
		forgetQuota: () => current().forgetQuota(),
		exportState: () => current().exportState(),
		close: async () => await current().close(),
	};
}

/**
 * Two emulators for the life of a `describe`: `primary` and `backup` (a credential's Base URL and
 * Backup Base URL), both reset before each test.
 */
export function withEmulatorPair(): { primary: RongCloudEmulator; backup: RongCloudEmulator } {
	return { primary: withEmulator(), backup: withEmulator() };
}
