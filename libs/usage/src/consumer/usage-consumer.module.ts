import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module, type Provider, type Type } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { CostTrackerConfig } from '@llmgw/config';
import { QUEUES } from '@llmgw/contracts';
import { InProcessUsageConsumer } from '../in-process/in-process-usage.consumer';
import { NoopUsageBatchObserver, USAGE_BATCH_OBSERVER, type UsageBatchObserver } from './usage-batch.observer';
import { UsageBatchIngestor } from './usage-batch.ingestor';
import { UsageBatchWriter } from './usage-batch.writer';
import { UsageProcessor } from './usage.processor';
import { InProcessUsageMaintenance } from '../maintenance/in-process-usage-maintenance';
import { UsageMaintenanceProcessor } from '../maintenance/usage-maintenance.processor';
import { UsagePartitionsService } from '../maintenance/usage-partitions.service';

export interface UsageConsumerModuleOptions {
  /** `bullmq` in distributed mode; `in-process` in standalone mode (no Redis). */
  transport: 'bullmq' | 'in-process';
  /** Receives per-batch outcomes (metrics); a no-op by default. */
  observer?: Type<UsageBatchObserver>;
}

type Config = ConfigService<CostTrackerConfig, true>;

/**
 * The worker's side of metering: consumes usage batches and stores them (rows and daily
 * roll-up), dead-letters the ones that keep failing, and keeps the monthly partitions. Needs the global
 * `AppConfigModule` and a TypeORM connection (`TypeOrmModule.forRoot`).
 */
@Module({})
export class UsageConsumerModule {
  static forRoot(options: UsageConsumerModuleOptions): DynamicModule {
    const common: Provider[] = [
      UsageBatchWriter,
      UsageBatchIngestor,
      UsagePartitionsService,
      { provide: USAGE_BATCH_OBSERVER, useClass: options.observer ?? NoopUsageBatchObserver },
    ];
    if (options.transport === 'in-process') {
      return { module: UsageConsumerModule, providers: [...common, InProcessUsageConsumer, InProcessUsageMaintenance], exports: [UsageBatchWriter] };
    }
    return {
      module: UsageConsumerModule,
      imports: [
        BullModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: Config) => ({
            // A blocking worker connection must retry forever (BullMQ requires null here).
            // A short disconnectTimeout: a socket that never connected would otherwise hold exit for 2 s.
            connection: { url: config.get('REDIS_URL', { infer: true }), maxRetriesPerRequest: null, disconnectTimeout: 200 },
            prefix: config.get('QUEUE_PREFIX', { infer: true }),
          }),
        }),
        // Also brings in the explorer that turns @Processor classes into workers.
        BullModule.registerQueue({ name: QUEUES.usage }, { name: QUEUES.usageDeadLetter }, { name: QUEUES.usageMaintenance }),
      ],
      providers: [...common, UsageProcessor, UsageMaintenanceProcessor],
      exports: [UsageBatchWriter],
    };
  }
}
