import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { CostTrackerConfig } from '@llmgw/config';
import type { UsageBatch } from '@llmgw/contracts';
import { inProcessUsageHub, type InProcessUsageHub } from './in-process-usage.hub';
import { checkUsageBatch } from '../consumer/usage-batch.check';
import { UsageBatchIngestor } from '../consumer/usage-batch.ingestor';

const DRAIN_TIMEOUT_MS = 10_000;

/** Standalone mode's consumer: takes batches from the in-process hub instead of Redis. */
@Injectable()
export class InProcessUsageConsumer implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(InProcessUsageConsumer.name);
  private readonly hub: InProcessUsageHub;
  private readonly consume = async (batch: UsageBatch): Promise<void> => {
    const checked = checkUsageBatch(batch);
    if (checked.kind === 'invalid' || checked.rejected.length > 0) {
      const fields = checked.kind === 'invalid' ? checked.fields : checked.rejectedFields;
      this.logger.error(`dropped ${checked.kind === 'invalid' ? batch.events.length : checked.rejected.length} invalid usage events (fields: ${fields.join(', ')})`);
    }
    if (checked.kind === 'valid') await this.ingestor.ingest(checked.batch);
  };

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
