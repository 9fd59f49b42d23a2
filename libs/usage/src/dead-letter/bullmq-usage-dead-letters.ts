import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { QUEUES } from '@llmgw/contracts';
import { Queue } from 'bullmq';
import { usageJobOptions, type UsageJobRetry } from '../producer/usage-job.options';
import { describeDeadLetter, type DeadLetterPayload, type UsageDeadLetterPage, UsageDeadLetters } from './usage-dead-letter';

export interface BullMqDeadLettersOptions {
  redisUrl: string;
  prefix: string;
  retry: UsageJobRetry;
}

/**
 * Dead letters on their own BullMQ queue (QUEUES.usageDeadLetter). Nobody consumes that queue: its
 * waiting jobs ARE the dead letters. A replay adds the payload to the usage queue under a new job
 * id (the failed job's id is still remembered there, so reusing it would be ignored), then removes
 * the dead letter; the insert's request-id dedup makes a double replay harmless.
 */
export class BullMqUsageDeadLetters extends UsageDeadLetters implements OnApplicationShutdown {
  private readonly logger = new Logger(BullMqUsageDeadLetters.name);
  private readonly deadLetters: Queue;
  private readonly usage: Queue;
  private readonly jobOptions: ReturnType<typeof usageJobOptions>;

  constructor(options: BullMqDeadLettersOptions) {
    super();
    const connection = { url: options.redisUrl, disconnectTimeout: 200 };
    this.deadLetters = new Queue(QUEUES.usageDeadLetter, { connection, prefix: options.prefix });
    this.usage = new Queue(QUEUES.usage, { connection, prefix: options.prefix });
    this.jobOptions = usageJobOptions(options.retry);
    for (const queue of [this.deadLetters, this.usage]) {
      queue.on('error', (error) => this.logger.warn(`dead-letter queue connection error: ${error.message}`));
    }
  }

  async list(offset: number, limit: number): Promise<UsageDeadLetterPage> {
    const [jobs, total] = await Promise.all([
      this.deadLetters.getJobs(['waiting'], offset, offset + limit - 1, true),
      this.deadLetters.getWaitingCount(),
    ]);
    const data = jobs.filter((job) => job?.id).map((job) => describeDeadLetter(job.id!, job.data as DeadLetterPayload));
    return { object: 'list', data, total, offset, limit };
  }

  async replay(id: string): Promise<boolean> {
    const job = await this.deadLetters.getJob(id);
    if (!job) return false;
    const data = job.data as DeadLetterPayload;
    await this.usage.add('batch', data.payload, { ...this.jobOptions, jobId: `${id}-replay-${Date.now()}` });
    await job.remove();
    return true;
  }

  async replayAll(): Promise<number> {
    let replayed = 0;
    // Oldest first, a page at a time; each replay removes its dead letter, so offset stays 0.
    for (;;) {
      const jobs = await this.deadLetters.getJobs(['waiting'], 0, 99, true);
      if (jobs.length === 0) return replayed;
      for (const job of jobs) if (job?.id && (await this.replay(job.id))) replayed += 1;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.deadLetters.close(), this.usage.close()]);
  }
}
