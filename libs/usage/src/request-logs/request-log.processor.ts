import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { CostTrackerConfig } from '@llmgw/config';
import { REQUEST_LOG_QUEUE, requestLogBatchSchema } from '@llmgw/contracts';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { RequestLogRetention } from './request-log.retention';
import { RequestLogWriter } from './request-log.writer';

export const REQUEST_LOG_RETENTION_JOB = 'request-log-retention';

/**
 * The worker's consumer of the request-log queue: batches from the gateway (validated, then
 * written) and the retention job, a BullMQ job scheduler on the usage maintenance cron (one
 * schedule however many workers register it).
 */
@Processor(REQUEST_LOG_QUEUE, { concurrency: 1 })
export class RequestLogProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(RequestLogProcessor.name);

  constructor(
    private readonly writer: RequestLogWriter,
    private readonly retention: RequestLogRetention,
    private readonly config: ConfigService<CostTrackerConfig, true>,
    @InjectQueue(REQUEST_LOG_QUEUE) private readonly queue: Queue,
  ) {
    super();
    queue.on('error', (error) => this.logger.error(`request-log queue error: ${error.message}`));
  }

  // Not awaited: with Redis down at boot the worker must still start.
  onApplicationBootstrap(): void {
    const pattern = this.config.get('USAGE_MAINTENANCE_CRON', { infer: true });
    this.queue
      .upsertJobScheduler(REQUEST_LOG_RETENTION_JOB, { pattern, tz: 'UTC' }, { name: REQUEST_LOG_RETENTION_JOB, opts: { removeOnComplete: 20, removeOnFail: 50 } })
      .catch((error: unknown) => this.logger.error(`request-log retention not scheduled: ${error instanceof Error ? error.message : String(error)}`));
  }

  async process(job: Job<unknown>): Promise<number> {
    if (job.name === REQUEST_LOG_RETENTION_JOB) return this.expire();
    const parsed = requestLogBatchSchema.safeParse(job.data);
    if (!parsed.success) {
      const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(root)'))].slice(0, 5);
      throw new UnrecoverableError(`invalid request-log batch (fields: ${fields.join(', ')})`);
    }
    return this.writer.write(parsed.data);
  }

  /** Also callable directly (an operator, a test): what the scheduled job does. */
  async expire(now = new Date()): Promise<number> {
    const deleted = await this.retention.deleteExpired(now, this.config.get('LOG_RETENTION_DAYS', { infer: true }));
    if (deleted > 0) this.logger.log(`request-log retention deleted ${deleted} rows`);
    return deleted;
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(`request-log job ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`);
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.error(`request-log worker error: ${error.message}`);
  }
}
