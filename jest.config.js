const { availableParallelism, loadavg } = require('node:os');

const cores = availableParallelism();
// Many tests give the node a real deadline of 500-600 ms against an emulator in the same process:
// on a machine already busy (measured on two cores: a load of 9 and more) a worker can get too
// little CPU to answer in time, and with several workers such runs failed where one worker passed.
const busy = loadavg()[0] >= 2 * cores;

/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	// tsconfig.json sets isolatedModules, so ts-jest transpiles each file alone instead of starting a
	// type-checking language service in every worker (about 15 s each on two cores). The type check is
	// `npm run typecheck`, which `npm test` and .ci/run run before jest.
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }] },
	// Jest's default, one worker less than cores, ran every suite in one worker on two cores. About a
	// third of a worker's time is spent waiting on real deadlines (the node's timeouts against hanging
	// servers), so one worker more than cores fills those waits: measured on two cores, 3 workers
	// beat 2 and 4. On a busy machine, one worker as before (`--maxWorkers` overrides either).
	maxWorkers: busy ? 1 : cores + 1,
	testTimeout: 30000,
};
