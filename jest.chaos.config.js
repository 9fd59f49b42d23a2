// The reliability and security suite (issue 11): `npm run test:chaos`. It drives the BUILT apps
// (`dist/`, or CHAOS_DIST_DIR) as real processes on loopback against the shared Postgres, its own
// Redis servers for faults, and prints one table at the end (apps/chaos-e2e/src/report).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// Workers inherit the parent's environment: every spec writes its figures into this folder.
process.env.CHAOS_REPORT_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'llmgw-chaos-'));

module.exports = {
  rootDir: __dirname,
  displayName: 'chaos',
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', require('./jest/swc.config')] },
  moduleNameMapper: { '^@llmgw/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts' },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  testMatch: ['<rootDir>/apps/chaos-e2e/**/*.chaos-spec.ts'],
  setupFilesAfterEnv: ['<rootDir>/apps/chaos-e2e/src/report/chaos.setup.ts'],
  globalTeardown: '<rootDir>/apps/chaos-e2e/src/report/print-table.teardown.ts',
  maxWorkers: process.env.JEST_MAX_WORKERS ?? 2,
};
