import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { QUEUES, type UsageBatch } from '@llmgw/contracts';
import { Queue } from 'bullmq';
import { usageJobOptions, type UsageJobRetry } from './usage-job.options';
import type { UsageTransport } from './usage-transport';

export interface BullMqUsageTransportOptions {
  redisUrl: string;
  /** QUEUE_PREFIX: separates environments (and test runs) sharing one Redis. */
  prefix: string;
  /** A send that has not been accepted by then counts as failed (the batch goes to the outbox). */
  sendTimeoutMs?: number;
  /** USAGE_JOB_ATTEMPTS / USAGE_JOB_BACKOFF_MS. */
  retry?: UsageJobRetry;
}

/** Production transport: one BullMQ job per batch on the usage queue, its id the batch id. */
export class BullMqUsageTransport implements UsageTransport, OnApplicationShutdown {
  private readonly logger = new Logger(BullMqUsageTransport.name);
  private readonly queue: Queue;
  private readonly sendTimeoutMs: number;
  private readonly jobOptions: ReturnType<typeof usageJobOptions>;
  private reportedDown = false;

  constructor(options: BullMqUsageTransportOptions) {
    this.sendTimeoutMs = options.sendTimeoutMs ?? 2_000;
    this.jobOptions = usageJobOptions(options.retry);
    this.queue = new Queue(QUEUES.usage, {
      // Fail fast: no offline queue and a command timeout, since the outbox keeps refused batches
      // and a queued-up command buys nothing. Reconnect briskly (BullMQ's default waits up to
      // 20 s) so the outbox replays soon after Redis returns. A short disconnectTimeout: a socket
      // that never connected would otherwise hold exit for 2 s.
      connection: {
        url: options.redisUrl,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        commandTimeout: this.sendTimeoutMs,
        connectTimeout: this.sendTimeoutMs,
        retryStrategy: (times: number) => Math.min(100 * times, 1_000),
        disconnectTimeout: 200,
      },
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
      const adding = this.queue.add('batch', batch, { ...this.jobOptions, jobId: batch.batchId });
      // When the timeout wins, the add may still fail later (ECONNREFUSED): that refusal is
      // already handled (the batch is in the outbox), so it must not surface as unhandled.
      adding.catch(() => undefined);
      await Promise.race([adding, timeout]);
      this.reportedDown = false;
    } finally {
      clearTimeout(timer);
    }
  }

  // After every onModuleDestroy hook: the publisher has flushed by then.
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  /** Never throws: closing while Redis is down (BullMQ rejects with the last connect error) must not fail shutdown. */
  async close(): Promise<void> {
    await this.queue.close().catch((error: unknown) => this.logger.warn(`usage queue closed while unreachable: ${error instanceof Error ? error.message : String(error)}`));
  }
}
