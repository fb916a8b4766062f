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
	// Jest's default leaves one core to its parent process, which only hands out suites and collects
	// results: on two cores that halves the speed.
	maxWorkers: '100%',
	testTimeout: 30000,
};
