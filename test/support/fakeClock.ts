/* eslint-disable
	@n8n/community-nodes/no-restricted-globals
	-- Test tooling, not part of the published package: n8n Cloud's rules for node code do not apply. */
/**
 * What the Send to Users attacks share: a fake clock that the node's pacing waits and the
 * emulator's rate window both read (waiting moves it forward at once; `limit` turns a wait that
 * never ends into a failure instead of a hung test), an emulator on it per test, and the items.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { pacingClock } from '../../nodes/RongCloudBroadcast/run/pacing';
import { startEmulator, type RongCloudEmulator } from './emulator';
import { VALID_SEND_TO_USERS } from './ruleViolations';

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

/** A fake clock in the node's pacer and an emulator on it, fresh for each test of the enclosing describe. */
export function withPacedEmulator(waitLimit?: number): { readonly clock: FakeClock; readonly emulator: RongCloudEmulator } {
	const original = { ...pacingClock };
	let clock: FakeClock | undefined;
	let emulator: RongCloudEmulator | undefined;
	beforeEach(async () => {
		clock = new FakeClock(waitLimit);
		pacingClock.now = clock.now;
		pacingClock.wait = clock.wait;
		emulator = await startEmulator({ now: clock.now });
	});
	afterEach(async () => {
		Object.assign(pacingClock, original);
		await emulator?.close();
	});
	return {
		get clock() {
			if (!clock) throw new Error('withPacedEmulator(): only inside hooks and tests');
			return clock;
		},
		get emulator() {
			if (!emulator) throw new Error('withPacedEmulator(): only inside hooks and tests');
			return emulator;
		},
	};
}

export const users = (count: number): string[] => Array.from({ length: count }, (_, index) => `u${index}`);
export const perUser = (userIds: string[]): INodeExecutionData[] => userIds.map((userId) => ({ json: { userId } }));
/** Send to Users, one recipient per item from its `userId`. */
export const ONE_PER_ITEM: INodeParameters = { ...VALID_SEND_TO_USERS, toUserIds: '={{ $json.userId }}' };
