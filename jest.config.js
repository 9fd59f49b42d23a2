// One Jest run, three kinds of suite: unit (*.spec.ts), integration against the real Postgres and
// Redis (*.int-spec.ts) and end-to-end (apps/*-e2e/**/*.e2e-spec.ts).
const path = require('node:path');
const { probeServices } = require('./jest/services');

const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', require('./jest/swc.config')] },
  moduleNameMapper: { '^@llmgw/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts' },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  clearMocks: true,
};

module.exports = async () => {
  const missing = await probeServices();
  const projects = [{ ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools,bench}/**/*.spec.ts'] }];
  const serviceSuites = [
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'], setupFilesAfterEnv: ['<rootDir>/jest/integration.setup.js'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/apps/*-e2e/**/*.e2e-spec.ts'], setupFilesAfterEnv: ['<rootDir>/jest/e2e.setup.js'] },
  ];
  if (missing.length === 0) {
    projects.push(...serviceSuites);
  } else if (process.env.CI === 'true') {
    throw new Error(`CI=true and ${missing.join(', ')} unreachable: integration and e2e suites cannot run`);
  } else {
    process.stderr.write(
      `\nNOTICE: ${missing.join(' and ')} unreachable: skipping the integration (*.int-spec.ts) and e2e (apps/*-e2e) suites.\n\n`,
    );
  }
  return { projects, maxWorkers: process.env.JEST_MAX_WORKERS ?? 2 };
};
