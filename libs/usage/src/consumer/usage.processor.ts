import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { CostTrackerConfig } from '@llmgw/config';
import { QUEUES, usageBatchSchema } from '@llmgw/contracts';
import { type Job, UnrecoverableError } from 'bullmq';
import { USAGE_BATCH_OBSERVER, type UsageBatchObserver } from './usage-batch.observer';
import { UsageBatchIngestor } from './usage-batch.ingestor';
import type { UsageWriteResult } from './usage-batch.writer';

/**
 * The worker's consumer of the usage queue. A payload that does not match the contract fails at
 * once (`UnrecoverableError`: retrying cannot fix it); a database error is retried with the
 * job's backoff, harmlessly, because the insert is idempotent.
 */
@Processor(QUEUES.usage)
export class UsageProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsageProcessor.name);

  constructor(
    private readonly ingestor: UsageBatchIngestor,
    private readonly config: ConfigService<CostTrackerConfig, true>,
    @Inject(USAGE_BATCH_OBSERVER) private readonly observer: UsageBatchObserver,
  ) {
    super();
  }

  // The decorator is static; concurrency comes from config, and the worker accepts it live.
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.get('WORKER_CONCURRENCY', { infer: true });
  }

  async process(job: Job<unknown>): Promise<UsageWriteResult> {
    const parsed = usageBatchSchema.safeParse(job.data);
    if (!parsed.success) {
      this.observer.batchFailed('invalid');
      const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))].slice(0, 5);
      throw new UnrecoverableError(`invalid usage batch (fields: ${fields.join(', ')})`);
    }
    return this.ingestor.ingest(parsed.data);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(`usage job ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`);
  }

  // Without a listener, a Redis connection error would be an unhandled 'error' event.
  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.error(`usage worker error: ${error.message}`);
  }
}
