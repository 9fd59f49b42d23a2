import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { REQUEST_LOG_QUEUE, type RequestLogBatch } from '@llmgw/contracts';
import { Queue } from 'bullmq';
import type { RequestLogTransport } from './request-log.transport';

export interface BullMqRequestLogTransportOptions {
  redisUrl: string;
  /** QUEUE_PREFIX, like the usage queue. */
  prefix: string;
  sendTimeoutMs: number;
}

export const REQUEST_LOG_BATCH_JOB = 'batch';

/**
 * One job per batch on the request-log queue. Logs are best effort (usage is what bills): no
 * outbox, a refused batch is dropped by the recorder. A few retries cover a worker's DB hiccup.
 */
export class BullMqRequestLogTransport implements RequestLogTransport, OnApplicationShutdown {
  private readonly logger = new Logger(BullMqRequestLogTransport.name);
  private readonly queue: Queue;
  private reportedDown = false;

  constructor(private readonly options: BullMqRequestLogTransportOptions) {
    this.queue = new Queue(REQUEST_LOG_QUEUE, {
      // Fail fast, as the usage producer does: a queued-up command buys nothing here.
      connection: {
        url: options.redisUrl,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        commandTimeout: options.sendTimeoutMs,
        connectTimeout: options.sendTimeoutMs,
        retryStrategy: (times: number) => Math.min(100 * times, 1_000),
        disconnectTimeout: 200,
      },
      prefix: options.prefix,
    });
    this.queue.on('error', (error) => {
      if (!this.reportedDown) this.logger.warn(`request-log queue connection error: ${error.message}`);
      this.reportedDown = true;
    });
  }

  async send(batch: RequestLogBatch): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`request-log queue did not accept the batch within ${this.options.sendTimeoutMs} ms`)), this.options.sendTimeoutMs);
    });
    try {
      const adding = this.queue.add(REQUEST_LOG_BATCH_JOB, batch, {
        jobId: batch.batchId,
        attempts: 5,
        backoff: { type: 'exponential', delay: 1_000 },
        // Payloads are large: keep few finished jobs in Redis.
        removeOnComplete: 100,
        removeOnFail: 500,
      });
      adding.catch(() => undefined); // a late refusal after the timeout must not go unhandled
      await Promise.race([adding, timeout]);
      this.reportedDown = false;
    } finally {
      clearTimeout(timer);
    }
  }

  // After every onModuleDestroy hook: the recorder has flushed by then. Closing while Redis is
  // down rejects with the last connect error: shutdown goes on regardless.
  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
  }
}
