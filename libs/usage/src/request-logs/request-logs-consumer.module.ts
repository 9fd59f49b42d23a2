import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { REQUEST_LOG_QUEUE } from '@llmgw/contracts';
import { InProcessRequestLogConsumer } from './in-process-request-log.consumer';
import { RequestLogProcessor } from './request-log.processor';
import { RequestLogRetention } from './request-log.retention';
import { RequestLogWriter } from './request-log.writer';

export interface RequestLogsConsumerModuleOptions {
  /** `bullmq` in distributed mode; `in-process` in standalone mode (no Redis). */
  transport: 'bullmq' | 'in-process';
}

/**
 * The worker's side of request logs: writes batches and applies LOG_RETENTION_DAYS. Needs the
 * global `AppConfigModule`, a TypeORM connection and, for `bullmq`, the worker's
 * `BullModule.forRoot` connection (UsageConsumerModule sets it).
 */
@Module({})
export class RequestLogsConsumerModule {
  static forRoot(options: RequestLogsConsumerModuleOptions): DynamicModule {
    const common = [RequestLogWriter, RequestLogRetention];
    if (options.transport === 'in-process') {
      return { module: RequestLogsConsumerModule, providers: [...common, InProcessRequestLogConsumer], exports: [RequestLogWriter, RequestLogRetention] };
    }
    return {
      module: RequestLogsConsumerModule,
      imports: [BullModule.registerQueue({ name: REQUEST_LOG_QUEUE })],
      providers: [...common, RequestLogProcessor],
      exports: [RequestLogWriter, RequestLogRetention],
    };
  }
}
