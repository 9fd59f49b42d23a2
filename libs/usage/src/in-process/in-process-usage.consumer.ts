import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { CostTrackerConfig } from '@llmgw/config';
import type { UsageBatch } from '@llmgw/contracts';
import { inProcessUsageHub, type InProcessUsageHub } from './in-process-usage.hub';
import { UsageBatchIngestor } from '../consumer/usage-batch.ingestor';

const DRAIN_TIMEOUT_MS = 10_000;

/** Standalone mode's consumer: takes batches from the in-process hub instead of Redis. */
@Injectable()
export class InProcessUsageConsumer implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(InProcessUsageConsumer.name);
  private readonly hub: InProcessUsageHub;
  private readonly consume = (batch: UsageBatch) => this.ingestor.ingest(batch);

  constructor(
    private readonly ingestor: UsageBatchIngestor,
    config: ConfigService<CostTrackerConfig, true>,
  ) {
    this.hub = inProcessUsageHub(config.get('QUEUE_PREFIX', { infer: true }));
  }

  onModuleInit(): void {
    this.hub.register(this.consume);
  }

  // Before the database closes: write what the gateway flushed on its way down.
  async onModuleDestroy(): Promise<void> {
    const drained = await this.hub.drain(DRAIN_TIMEOUT_MS);
    if (!drained) this.logger.error(`stopping with ${this.hub.pendingBatches} usage batches not written`);
    this.hub.unregister(this.consume);
  }
}
