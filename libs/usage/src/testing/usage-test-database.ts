import { openTestDataSource, TEST_DATABASE_URL, TEST_REDIS_URL } from '@llmgw/testing';
import type { DataSource } from 'typeorm';
import { USAGE_ENTITIES, USAGE_MIGRATIONS } from '../records/usage.schema';

export interface TestServices {
  databaseUrl: string;
  redisUrl: string;
}

/** The real services of the test run (jest.config.js fills in the defaults). */
export function testServices(_env?: Record<string, string | undefined>): TestServices {
  return { databaseUrl: TEST_DATABASE_URL, redisUrl: TEST_REDIS_URL };
}

/** A DataSource on the real test database with the usage migrations applied. */
export function openUsageTestDatabase(_url?: string): Promise<DataSource> {
  return openTestDataSource({ entities: USAGE_ENTITIES, migrations: USAGE_MIGRATIONS });
}
