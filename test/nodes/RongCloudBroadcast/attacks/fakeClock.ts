/* eslint-disable
	@n8n/community-nodes/no-restricted-globals
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * A fake clock for the attack suites: the node's pacing waits and the emulator's rate window read
 * the same time, and waiting moves it forward at once. `limit` turns a wait that never ends (the
 * node waiting for a slot that cannot come) into a failure instead of a hung test.
 */
import { pacingClock } from '../../../../nodes/RongCloudBroadcast/run/pacing';

export class FakeClock {
	time = Date.now();
	readonly waits: number[] = [];
	constructor(private readonly limit = 1000) {}
	now = (): number => this.time;
	wait = async (ms: number, stop?: AbortSignal): Promise<void> => {
		if (stop?.aborted) throw new Error('aborted');
		this.waits.push(ms);
		if (this.waits.length > this.limit) throw new Error(`FakeClock: more than ${this.limit} waits, the node is waiting for ever`);
		this.time += ms;
		// Lets the other runs of the test move between waits, as real time would.
		await new Promise((resolve) => setImmediate(resolve));
	};
}

/** Installs a fake clock into the node's pacer; returns a function that puts the real one back. */
export function useFakeClock(clock: FakeClock): () => void {
	const original = { ...pacingClock };
	pacingClock.now = clock.now;
	pacingClock.wait = clock.wait;
	return () => Object.assign(pacingClock, original);
}
