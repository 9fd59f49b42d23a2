// Schema (libs/database assembles the platform schema from these)
export { UsageRecordEntity } from './records/usage-record.entity';
export { USAGE_ENTITIES, USAGE_MIGRATIONS } from './records/usage.schema';
// Pricing
export { computeCostNanoUsd } from './pricing/pricing';
export type { TokenCounts, TokenPrice } from './pricing/pricing';
// Producer (gateway)
export { UsageProducerModule } from './producer/usage-producer.module';
export type { UsageProducerModuleOptions } from './producer/usage-producer.module';
export { UsagePublisher } from './producer/usage.publisher';
// Consumer (cost-tracker)
export { UsageConsumerModule } from './consumer/usage-consumer.module';
export type { UsageConsumerModuleOptions } from './consumer/usage-consumer.module';
export { UsageBatchWriter } from './consumer/usage-batch.writer';
export type { UsageWriteResult } from './consumer/usage-batch.writer';
export type { UsageBatchObserver } from './consumer/usage-batch.observer';
// Reporting (admin API)
export { UsageReportingModule } from './reporting/usage-reporting.module';
export { UsageSummaryService } from './reporting/usage-summary.service';
export type { UsagePeriod, UsageSummary, UsageSummaryLine } from './reporting/usage-summary';
// Metering pipeline (issue 5): contract additions, outbox, dead letters, roll-ups, partitions, reports
export { UsageDailySpendEntity } from './records/usage-daily-spend.entity';
export { usageOutboxPath } from './producer/usage-producer.module';
export type { UsageOutbox } from './producer/outbox/usage-outbox';
export { FileUsageOutbox } from './producer/outbox/file-usage.outbox';
export { InMemoryUsageOutbox } from './producer/outbox/in-memory-usage.outbox';
export { usageJobOptions, DEFAULT_USAGE_JOB_RETRY } from './producer/usage-job.options';
export type { UsageJobRetry } from './producer/usage-job.options';
export { UsageDeadLetterModule } from './dead-letter/usage-dead-letter.module';
export { UsageDeadLetters } from './dead-letter/usage-dead-letter';
export type { UsageDeadLetter, UsageDeadLetterPage } from './dead-letter/usage-dead-letter';
export { UsagePartitionsService } from './maintenance/usage-partitions.service';
export { UsageReportService } from './reporting/usage-report.service';
export { periodReportToCsv } from './reporting/usage-report.csv';
export type {
  DailySeriesPoint, PeriodReport, PeriodReportLine, ProviderLatency, ReportFilter, ReportGroupBy, ReportPeriod, TopModel, WorkspaceCosts,
} from './reporting/usage-report';
// Budgets (schema, CRUD for the admin API, spend per period)
export { BudgetEntity, BUDGET_SCOPES, BUDGET_PERIODS, BUDGET_ENFORCEMENTS, DEFAULT_ALERT_THRESHOLDS } from './budgets/budget.entity';
export type { BudgetScope, BudgetPeriod, BudgetEnforcement } from './budgets/budget.entity';
export { BudgetAlertEntity } from './budgets/budget-alert.entity';
export { BudgetRepository } from './budgets/budget.repository';
export type { BudgetInput } from './budgets/budget.repository';
export { BudgetDirectory } from './budgets/budget.directory';
export type { ActiveBudget } from './budgets/budget.directory';
export { BudgetSpendReader } from './budgets/budget-spend.reader';
export { periodWindow } from './budgets/budget-period';
export type { PeriodWindow } from './budgets/budget-period';
// Rate limits and hard budgets on the request path (gateway)
export { RateLimitsModule, LIMITS_THROTTLER_STORAGE } from './rate-limits/rate-limits.module';
export type { RateLimitsModuleOptions } from './rate-limits/rate-limits.module';
export { AdmissionService } from './rate-limits/admission.service';
export type { AdmissionRequest } from './rate-limits/admission.service';
export type { Admission, SettleInput } from './rate-limits/admission';
export { mergeRateLimitHeaderValues, rateLimitHeaders } from './rate-limits/rate-limit-headers';
export type { RateLimitHeaderValues, RateLimitWindow } from './rate-limits/rate-limit-headers';
export type { PeekableThrottlerStorage, ThrottlerPeek } from './rate-limits/throttler/peekable-throttler.storage';
export { RedisThrottlerStorage } from './rate-limits/throttler/redis-throttler.storage';
export { InMemoryThrottlerStorage } from './rate-limits/throttler/in-memory-throttler.storage';
// Budget alerts (cost tracker)
export { BudgetAlertsModule } from './budgets/alerts/budget-alerts.module';
export type { BudgetAlertsModuleOptions } from './budgets/alerts/budget-alerts.module';
export { BudgetAlertEvaluator } from './budgets/alerts/budget-alert.evaluator';
export type { BudgetAlertSettings, EvaluationResult } from './budgets/alerts/budget-alert.evaluator';
export { AlertWebhookSender } from './budgets/alerts/alert-webhook.sender';
export { BUDGET_ALERT_EVALUATOR, BUDGET_ALERTS_QUEUE } from './budgets/alerts/budget-alert.processor';
// Request logs (issue 12): optional payload logging, masked and truncated, with retention
export { RequestLogEntity } from './request-logs/request-log.entity';
export { RequestLogRecorder } from './request-logs/request-log.recorder';
export type { RequestLogInput, RequestLogRecorderOptions } from './request-logs/request-log.recorder';
export { RequestLogsProducerModule } from './request-logs/request-logs-producer.module';
export type { RequestLogsProducerModuleOptions } from './request-logs/request-logs-producer.module';
export { RequestLogsConsumerModule } from './request-logs/request-logs-consumer.module';
export type { RequestLogsConsumerModuleOptions } from './request-logs/request-logs-consumer.module';
export { RequestLogsQueryModule } from './request-logs/request-logs-query.module';
export { RequestLogQueryService } from './request-logs/request-log.query';
export type { RequestLogFilter, RequestLogPage } from './request-logs/request-log.query';
export { RequestLogWriter } from './request-logs/request-log.writer';
export { RequestLogRetention } from './request-logs/request-log.retention';
export { maskPayload } from './request-logs/payload-mask';
export { BudgetChangeChannel, BudgetChangeListener } from './budgets/budget-change.channel';
