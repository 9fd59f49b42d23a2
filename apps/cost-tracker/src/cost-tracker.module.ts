import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { postgresConnectionOptions } from '@llmgw/database';
import { AppConfigModule, type CostTrackerConfig } from '@llmgw/config';
import { HealthModule, MetricsModule } from '@llmgw/observability';
import { BudgetAlertsModule, RequestLogsConsumerModule, USAGE_ENTITIES, UsageConsumerModule } from '@llmgw/usage';
import { WorkerMetrics } from '@llmgw/observability';

export interface CostTrackerModuleOptions {
  /** `bullmq` in distributed mode; `in-process` when the gateway runs in this process (standalone). */
  transport: 'bullmq' | 'in-process';
  /** Register the process-wide default metrics (false when other apps share the process). */
  defaultMetrics: boolean;
}

/** The worker: consumes usage batches into Postgres; serves /health, /health/ready and /metrics. */
@Module({})
export class CostTrackerModule {
  static forRoot(config: CostTrackerConfig, options: CostTrackerModuleOptions): DynamicModule {
    return {
      module: CostTrackerModule,
      imports: [
        AppConfigModule.forRoot(config),
        TypeOrmModule.forRoot(postgresConnectionOptions(config, USAGE_ENTITIES)),
        UsageConsumerModule.forRoot({ transport: options.transport, observer: WorkerMetrics }),
        RequestLogsConsumerModule.forRoot({ transport: options.transport }),
        BudgetAlertsModule.forRoot({ transport: options.transport }),
        MetricsModule.forRoot({ defaultMetrics: options.defaultMetrics }),
        HealthModule.forRoot({ redisUrl: options.transport === 'bullmq' ? config.REDIS_URL : null }),
      ],
    };
  }
}
