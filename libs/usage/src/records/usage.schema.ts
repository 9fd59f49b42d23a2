import { CreateUsageRecords1761000000002 } from './migrations/1761000000002-create-usage-records.migration';
import { UsageRecordEntity } from './usage-record.entity';

/** What this lib contributes to the platform schema (see libs/database). */
export const USAGE_ENTITIES = [UsageRecordEntity];
export const USAGE_MIGRATIONS = [CreateUsageRecords1761000000002];
