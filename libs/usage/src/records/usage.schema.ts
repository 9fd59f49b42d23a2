import { BudgetAlertEntity } from '../budgets/budget-alert.entity';
import { BudgetEntity } from '../budgets/budget.entity';
import { CreateBudgets1761000000010 } from '../budgets/migrations/1761000000010-create-budgets.migration';
import { CreateUsageRecords1761000000002 } from './migrations/1761000000002-create-usage-records.migration';
import { PartitionUsageRecords1764000000001 } from './migrations/1764000000001-partition-usage-records.migration';
import { UsageDailySpendEntity } from './usage-daily-spend.entity';
import { UsageRecordEntity } from './usage-record.entity';
import { CreateRequestLogs1765000000001 } from '../request-logs/migrations/1765000000001-create-request-logs.migration';
import { RequestLogEntity } from '../request-logs/request-log.entity';

/** What this lib contributes to the platform schema (see libs/database). */
export const USAGE_ENTITIES = [UsageRecordEntity, UsageDailySpendEntity, BudgetEntity, BudgetAlertEntity, RequestLogEntity];
export const USAGE_MIGRATIONS = [CreateUsageRecords1761000000002, CreateBudgets1761000000010, PartitionUsageRecords1764000000001, CreateRequestLogs1765000000001];
