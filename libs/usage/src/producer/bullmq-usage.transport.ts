import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { QUEUES, type UsageBatch } from '@llmgw/contracts';
import { Queue, type JobsOptions } from 'bullmq';
import type { UsageTransport } from './usage-transport';

export interface BullMqUsageTransportOptions {
  redisUrl: string;
  /** QUEUE_PREFIX: separates environments (and test runs) sharing one Redis. */
  prefix: string;
  /** A send that has not been accepted by then counts as failed (the batch is kept for retry). */
  sendTimeoutMs?: number;
}

/**
 * `jobId` is the batch id, so a batch re-sent after an ambiguous failure is queued once.
 * Completed and failed jobs are kept for a while: that is what makes the dedup work, and what an
 * operator inspects.
 */
export const USAGE_JOB_OPTIONS: Omit<JobsOptions, 'jobId'> = {
  attempts: 10,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: 1000,
  removeOnFail: 5000,
};

/** Production transport: one BullMQ job per batch on the usage queue. */
export class BullMqUsageTransport implements UsageTransport, OnApplicationShutdown {
  private readonly logger = new Logger(BullMqUsageTransport.name);
  private readonly queue: Queue;
  private readonly sendTimeoutMs: number;
  private reportedDown = false;

  constructor(options: BullMqUsageTransportOptions) {
    this.sendTimeoutMs = options.sendTimeoutMs ?? 2_000;
    this.queue = new Queue(QUEUES.usage, {
      // Fail fast: the publisher keeps refused batches, so a queued-up command buys nothing.
      // A short disconnectTimeout: a socket that never connected would otherwise hold exit for 2 s.
      connection: { url: options.redisUrl, enableOfflineQueue: false, maxRetriesPerRequest: 1, disconnectTimeout: 200 },
      prefix: options.prefix,
    });
    // Without a listener an ioredis error event would crash the process.
    this.queue.on('error', (error) => {
      if (!this.reportedDown) this.logger.warn(`usage queue connection error: ${error.message}`);
      this.reportedDown = true;
    });
  }

  async send(batch: UsageBatch): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`usage queue did not accept the batch within ${this.sendTimeoutMs} ms`)), this.sendTimeoutMs);
    });
    try {
      await Promise.race([this.queue.add('batch', batch, { ...USAGE_JOB_OPTIONS, jobId: batch.batchId }), timeout]);
      this.reportedDown = false;
    } finally {
      clearTimeout(timer);
    }
  }

  // After every onModuleDestroy hook: the publisher has flushed by then.
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
