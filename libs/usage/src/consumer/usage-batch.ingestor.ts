import { Inject, Injectable } from '@nestjs/common';
import type { UsageBatch } from '@llmgw/contracts';
import { USAGE_BATCH_OBSERVER, type UsageBatchObserver } from './usage-batch.observer';
import { UsageBatchWriter, type UsageWriteResult } from './usage-batch.writer';

/** Writes a valid batch and reports the outcome; shared by the BullMQ and in-process consumers. */
@Injectable()
export class UsageBatchIngestor {
  constructor(
    private readonly writer: UsageBatchWriter,
    @Inject(USAGE_BATCH_OBSERVER) private readonly observer: UsageBatchObserver,
  ) {}

  async ingest(batch: UsageBatch): Promise<UsageWriteResult> {
    const started = performance.now();
    try {
      const result = await this.writer.write(batch);
      this.observer.batchWritten(result, (performance.now() - started) / 1000);
      return result;
    } catch (error) {
      this.observer.batchFailed('error');
      throw error;
    }
  }
}
