import type { Config } from 'jest';
import { pathsToModuleNameMapper } from 'ts-jest';
import { compilerOptions } from './tsconfig.json';

/**
 * Three projects: `unit` (*.spec.ts, no I/O), `integration` (*.int-spec.ts, real PostgreSQL: PGlite
 * always, the server when DATABASE_URL is set; real sockets and threads, as the benchmark's load
 * generator) and `e2e` (test/*.e2e-spec.ts, through HTTP).
 * Suites that need a server nobody configured are left out here rather than skipped inside a test,
 * so that a run never counts a test that could not fail.
 */
const moduleNameMapper = pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' });
const transform: Record<string, [string, Record<string, unknown>]> = {
  '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
};
const common = { rootDir: __dirname, moduleNameMapper, transform, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };

const ignored = ['/node_modules/', '/dist/'];
if (!process.env.DATABASE_URL) ignored.push('\\.postgres\\.');
if (!process.env.EVENTSTORE_URL) ignored.push('\\.eventstoredb\\.');
if (!process.env.NATS_URL) ignored.push('\\.nats\\.');

const config: Config = {
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'], testPathIgnorePatterns: ignored },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs,bench}/**/*.int-spec.ts'], testPathIgnorePatterns: ignored },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], testPathIgnorePatterns: ignored },
  ],
};

export default config;
