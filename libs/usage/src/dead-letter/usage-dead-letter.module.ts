import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AdminConfig } from '@llmgw/config';
import { inProcessUsageHub } from '../in-process/in-process-usage.hub';
import { BullMqUsageDeadLetters } from './bullmq-usage-dead-letters';
import { InProcessUsageDeadLetters } from './in-process-usage-dead-letters';
import { UsageDeadLetters } from './usage-dead-letter';

type Config = ConfigService<AdminConfig, true>;

/** Provides `UsageDeadLetters` (list and replay) for the admin API. Needs the global `AppConfigModule`. */
@Module({})
export class UsageDeadLetterModule {
  static forRoot(options: { transport: 'bullmq' | 'in-process' }): DynamicModule {
    return {
      module: UsageDeadLetterModule,
      providers: [
        {
          provide: UsageDeadLetters,
          inject: [ConfigService],
          useFactory: (config: Config): UsageDeadLetters =>
            options.transport === 'bullmq'
              ? new BullMqUsageDeadLetters({
                  redisUrl: config.get('REDIS_URL', { infer: true }),
                  prefix: config.get('QUEUE_PREFIX', { infer: true }),
                  retry: { attempts: config.get('USAGE_JOB_ATTEMPTS', { infer: true }), backoffMs: config.get('USAGE_JOB_BACKOFF_MS', { infer: true }) },
                })
              : new InProcessUsageDeadLetters(inProcessUsageHub(config.get('QUEUE_PREFIX', { infer: true }))),
        },
      ],
      exports: [UsageDeadLetters],
    };
  }
}
