import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import type { CostTrackerConfig } from '@llmgw/config';
import { QUEUES } from '@llmgw/contracts';
import type { Job, Queue } from 'bullmq';
import { UsagePartitionsService } from './usage-partitions.service';

export const MAINTENANCE_JOBS = { partitions: 'usage-partitions', retention: 'usage-retention' } as const;

/**
 * Partition upkeep and retention as BullMQ job schedulers: `upsertJobScheduler` keys them by id,
 * so N workers registering them at boot still get ONE schedule, and one worker runs each job.
 */
@Processor(QUEUES.usageMaintenance, { concurrency: 1 })
export class UsageMaintenanceProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(UsageMaintenanceProcessor.name);

  constructor(
    private readonly partitions: UsagePartitionsService,
    private readonly config: ConfigService<CostTrackerConfig, true>,
    @InjectQueue(QUEUES.usageMaintenance) private readonly queue: Queue,
  ) {
    super();
    queue.on('error', (error) => this.logger.error(`maintenance queue error: ${error.message}`));
  }

  // Not awaited: with Redis down at boot the worker must still start (and report not ready).
  onApplicationBootstrap(): void {
    void this.schedule();
  }

  private async schedule(): Promise<void> {
    const pattern = this.config.get('USAGE_MAINTENANCE_CRON', { infer: true });
    const template = { opts: { removeOnComplete: 50, removeOnFail: 50 } };
    try {
      await this.queue.upsertJobScheduler(MAINTENANCE_JOBS.partitions, { pattern, tz: 'UTC' }, { name: MAINTENANCE_JOBS.partitions, ...template });
      await this.queue.upsertJobScheduler(MAINTENANCE_JOBS.retention, { pattern, tz: 'UTC' }, { name: MAINTENANCE_JOBS.retention, ...template });
      // Partitions ahead right away too (idempotent): a fresh deployment should not wait for the cron.
      await this.partitions.ensureAhead(new Date(), this.config.get('USAGE_PARTITIONS_AHEAD', { infer: true }));
    } catch (error) {
      // Redis or Postgres down at boot: the scheduler is registered at the next boot or by a peer.
      this.logger.error(`usage maintenance not scheduled: ${error instanceof Error ? error.message : error}`);
    }
  }

  async process(job: Job): Promise<string[]> {
    const now = new Date();
    if (job.name === MAINTENANCE_JOBS.retention) return this.partitions.dropExpired(now, this.config.get('USAGE_RETENTION_DAYS', { infer: true }));
    return this.partitions.ensureAhead(now, this.config.get('USAGE_PARTITIONS_AHEAD', { infer: true }));
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    this.logger.error(`usage maintenance worker error: ${error.message}`);
  }
}
