import path from 'node:path';
import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig } from '@llmgw/config';
import { inProcessUsageHub } from '../in-process/in-process-usage.hub';
import { InProcessUsageTransport } from '../in-process/in-process-usage.transport';
import { BullMqUsageTransport } from './bullmq-usage.transport';
import { FileUsageOutbox } from './outbox/file-usage.outbox';
import { InMemoryUsageOutbox } from './outbox/in-memory-usage.outbox';
import type { UsageOutbox } from './outbox/usage-outbox';
import { UsagePublisher } from './usage.publisher';
import { USAGE_TRANSPORT, type UsageTransport } from './usage-transport';

export interface UsageProducerModuleOptions {
  /** `bullmq` in distributed mode; `in-process` in standalone mode (no Redis). */
  transport: 'bullmq' | 'in-process';
}

const USAGE_OUTBOX = Symbol('USAGE_OUTBOX');

/** The in-process hub never refuses a batch; this bound only guards against a bug. */
const IN_MEMORY_OUTBOX_MAX_EVENTS = 100_000;

/** The contract's cap on one batch (usageBatchSchema). */
const MAX_EVENTS_PER_BATCH = 10_000;

type Config = ConfigService<GatewayConfig, true>;

/** USAGE_OUTBOX_PATH, else one file per queue prefix under DATA_DIR. */
export function usageOutboxPath(config: Pick<GatewayConfig, 'USAGE_OUTBOX_PATH' | 'DATA_DIR' | 'QUEUE_PREFIX'>): string {
  return config.USAGE_OUTBOX_PATH ?? path.join(config.DATA_DIR, `usage-outbox-${config.QUEUE_PREFIX.replace(/:/g, '_')}.jsonl`);
}

/** The gateway's metering: provides `UsagePublisher`. Needs the global `AppConfigModule`. */
@Module({})
export class UsageProducerModule {
  static forRoot(options: UsageProducerModuleOptions): DynamicModule {
    const bullmq = options.transport === 'bullmq';
    const transport: Provider = bullmq
      ? {
          provide: USAGE_TRANSPORT,
          inject: [ConfigService],
          useFactory: (config: Config) =>
            new BullMqUsageTransport({
              redisUrl: config.get('REDIS_URL', { infer: true }),
              prefix: config.get('QUEUE_PREFIX', { infer: true }),
              sendTimeoutMs: config.get('USAGE_REDIS_COMMAND_TIMEOUT_MS', { infer: true }),
              retry: { attempts: config.get('USAGE_JOB_ATTEMPTS', { infer: true }), backoffMs: config.get('USAGE_JOB_BACKOFF_MS', { infer: true }) },
            }),
        }
      : {
          provide: USAGE_TRANSPORT,
          inject: [ConfigService],
          useFactory: (config: Config) => new InProcessUsageTransport(inProcessUsageHub(config.get('QUEUE_PREFIX', { infer: true }))),
        };
    const outbox: Provider = {
      provide: USAGE_OUTBOX,
      inject: [ConfigService],
      useFactory: (config: Config): Promise<UsageOutbox> | UsageOutbox =>
        bullmq
          ? FileUsageOutbox.open(
              usageOutboxPath({
                USAGE_OUTBOX_PATH: config.get('USAGE_OUTBOX_PATH', { infer: true }),
                DATA_DIR: config.get('DATA_DIR', { infer: true }),
                QUEUE_PREFIX: config.get('QUEUE_PREFIX', { infer: true }),
              }),
            )
          : new InMemoryUsageOutbox(IN_MEMORY_OUTBOX_MAX_EVENTS),
    };
    const publisher: Provider = {
      provide: UsagePublisher,
      inject: [USAGE_TRANSPORT, ConfigService, USAGE_OUTBOX],
      useFactory: (usageTransport: UsageTransport, config: Config, usageOutbox: UsageOutbox) =>
        new UsagePublisher(
          usageTransport,
          {
            maxEvents: Math.min(config.get('USAGE_BATCH_MAX_EVENTS', { infer: true }), MAX_EVENTS_PER_BATCH),
            intervalMs: config.get('USAGE_BATCH_INTERVAL_MS', { infer: true }),
            probeMs: config.get('USAGE_OUTBOX_PROBE_MS', { infer: true }),
          },
          usageOutbox,
        ),
    };
    return { module: UsageProducerModule, global: true, providers: [transport, outbox, publisher], exports: [UsagePublisher] };
  }
}
