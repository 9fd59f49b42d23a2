import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig } from '@llmgw/config';
import { BullMqUsageTransport } from './bullmq-usage.transport';
import { inProcessUsageHub } from '../in-process/in-process-usage.hub';
import { InProcessUsageTransport } from '../in-process/in-process-usage.transport';
import { InMemoryUsageBacklog } from './usage-backlog';
import { UsagePublisher } from './usage.publisher';
import { USAGE_TRANSPORT, type UsageTransport } from './usage-transport';

export interface UsageProducerModuleOptions {
  /** `bullmq` in distributed mode; `in-process` in standalone mode (no Redis). */
  transport: 'bullmq' | 'in-process';
}

/** ~100k events (tens of MB) kept through an outage before the oldest are dropped. */
const BACKLOG_MAX_EVENTS = 100_000;

/** The contract's cap on one batch (usageBatchSchema). */
const MAX_EVENTS_PER_BATCH = 10_000;

type Config = ConfigService<GatewayConfig, true>;

/** The gateway's metering: provides `UsagePublisher`. Needs the global `AppConfigModule`. */
@Module({})
export class UsageProducerModule {
  static forRoot(options: UsageProducerModuleOptions): DynamicModule {
    const transport: Provider =
      options.transport === 'bullmq'
        ? {
            provide: USAGE_TRANSPORT,
            inject: [ConfigService],
            useFactory: (config: Config) =>
              new BullMqUsageTransport({
                redisUrl: config.get('REDIS_URL', { infer: true }),
                prefix: config.get('QUEUE_PREFIX', { infer: true }),
              }),
          }
        : {
            provide: USAGE_TRANSPORT,
            inject: [ConfigService],
            useFactory: (config: Config) => new InProcessUsageTransport(inProcessUsageHub(config.get('QUEUE_PREFIX', { infer: true }))),
          };
    const publisher: Provider = {
      provide: UsagePublisher,
      inject: [USAGE_TRANSPORT, ConfigService],
      useFactory: (usageTransport: UsageTransport, config: Config) =>
        new UsagePublisher(
          usageTransport,
          {
            maxEvents: Math.min(config.get('USAGE_BATCH_MAX_EVENTS', { infer: true }), MAX_EVENTS_PER_BATCH),
            intervalMs: config.get('USAGE_BATCH_INTERVAL_MS', { infer: true }),
          },
          new InMemoryUsageBacklog(BACKLOG_MAX_EVENTS),
        ),
    };
    return { module: UsageProducerModule, global: true, providers: [transport, publisher], exports: [UsagePublisher] };
  }
}
