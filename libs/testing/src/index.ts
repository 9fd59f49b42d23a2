export { openTestDataSource, TEST_DATABASE_URL, TEST_REDIS_URL } from './database/test-database';
export type { TestDataSourceOptions } from './database/test-database';
