import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { CostTrackerConfig } from '@llmgw/config';
import type { RequestLogBatch } from '@llmgw/contracts';
import { inProcessRequestLogHub, type InProcessRequestLogHub } from './in-process-request-log.hub';
import { RequestLogRetention } from './request-log.retention';
import { RequestLogWriter } from './request-log.writer';

const DAY_MS = 86_400_000;

/** Standalone mode: takes batches from the in-process hub, and runs retention at boot and daily. */
@Injectable()
export class InProcessRequestLogConsumer implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(InProcessRequestLogConsumer.name);
  private readonly hub: InProcessRequestLogHub;
  private readonly consume = (batch: RequestLogBatch) => this.writer.write(batch);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly writer: RequestLogWriter,
    private readonly retention: RequestLogRetention,
    private readonly config: ConfigService<CostTrackerConfig, true>,
  ) {
    this.hub = inProcessRequestLogHub(config.get('QUEUE_PREFIX', { infer: true }));
  }

  onModuleInit(): void {
    this.hub.register(this.consume);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.expire();
    this.timer = setInterval(() => void this.expire(), DAY_MS);
    this.timer.unref();
  }

  // Before the database closes: write what the gateway flushed on its way down.
  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.hub.drain();
    this.hub.unregister(this.consume);
  }

  private async expire(): Promise<void> {
    try {
      await this.retention.deleteExpired(new Date(), this.config.get('LOG_RETENTION_DAYS', { infer: true }));
    } catch (error) {
      this.logger.error(`request-log retention failed: ${error instanceof Error ? error.message : error}`);
    }
  }
}
