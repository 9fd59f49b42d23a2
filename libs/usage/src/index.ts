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
