import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { CostTrackerConfig } from '@llmgw/config';
import { QUEUES, usageBatchSchema } from '@llmgw/contracts';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import type { DeadLetterPayload } from '../dead-letter/usage-dead-letter';
import { USAGE_BATCH_OBSERVER, type UsageBatchObserver } from './usage-batch.observer';
import { UsageBatchIngestor } from './usage-batch.ingestor';
import type { UsageWriteResult } from './usage-batch.writer';

/**
 * The worker's consumer of the usage queue. A payload that does not match the contract fails at
 * once (`UnrecoverableError`: retrying cannot fix it); a database error is retried with the
 * job's exponential backoff, harmlessly, because the insert is idempotent. A batch whose last
 * attempt fails (or that is invalid) is copied to the dead-letter queue before the job fails.
 */
@Processor(QUEUES.usage)
export class UsageProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsageProcessor.name);

  constructor(
    private readonly ingestor: UsageBatchIngestor,
    private readonly config: ConfigService<CostTrackerConfig, true>,
    @Inject(USAGE_BATCH_OBSERVER) private readonly observer: UsageBatchObserver,
    @InjectQueue(QUEUES.usageDeadLetter) private readonly deadLetters: Queue,
  ) {
    super();
    // Without a listener, a Redis connection error would be an unhandled 'error' event.
    deadLetters.on('error', (error) => this.logger.error(`dead-letter queue error: ${error.message}`));
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
      const error = new UnrecoverableError(`invalid usage batch (fields: ${fields.join(', ')})`);
      await this.deadLetter(job, error);
      throw error;
    }
    try {
      return await this.ingestor.ingest(parsed.data);
    } catch (error) {
      // attemptsMade counts the attempts that failed before this one.
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.deadLetter(job, error);
      throw error;
    }
  }

  /** If this fails too, the job still ends in the failed set (kept there for an operator). */
  private async deadLetter(job: Job<unknown>, error: unknown): Promise<void> {
    const data: DeadLetterPayload = {
      payload: job.data,
      failedReason: error instanceof Error ? error.message : String(error),
      attemptsMade: job.attemptsMade + 1,
      failedAt: new Date().toISOString(),
    };
    try {
      await this.deadLetters.add('dead-letter', data, { jobId: job.id, removeOnComplete: true });
      this.observer.recordDeadLetter();
      this.logger.error(`usage job ${job.id} dead-lettered after ${data.attemptsMade} attempts: ${data.failedReason}`);
    } catch (deadLetterError) {
      this.logger.error(`usage job ${job.id} could not be dead-lettered: ${deadLetterError instanceof Error ? deadLetterError.message : deadLetterError}`);
    }
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
