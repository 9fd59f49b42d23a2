import { Logger } from '@nestjs/common';
import type { UsageBatch } from '@llmgw/contracts';
import type { UsageOutbox } from './usage-outbox';

/** Bounded by events, not batches: memory is what runs out. Drops the oldest when full. */
export class InMemoryUsageOutbox implements UsageOutbox {
  private readonly logger = new Logger('UsageOutbox');
  private batches: UsageBatch[] = [];
  private events = 0;
  private droppedEvents = 0;

  constructor(private readonly maxEvents: number) {}

  async append(batches: readonly UsageBatch[]): Promise<void> {
    for (const batch of batches) {
      this.batches.push(batch);
      this.events += batch.events.length;
    }
    while (this.events > this.maxEvents && this.batches.length > 1) {
      const dropped = this.batches.shift()!;
      this.events -= dropped.events.length;
      this.droppedEvents += dropped.events.length;
      this.logger.error(`usage outbox full: dropped the oldest batch of ${dropped.events.length} events (${this.droppedEvents} lost so far)`);
    }
  }

  async peek(): Promise<UsageBatch[]> {
    return [...this.batches];
  }

  async remove(count: number): Promise<void> {
    for (const removed of this.batches.splice(0, count)) this.events -= removed.events.length;
  }

  async close(): Promise<void> {}

  get batchCount(): number {
    return this.batches.length;
  }

  get eventCount(): number {
    return this.events;
  }

  /** Events lost because the outbox was full. */
  get dropped(): number {
    return this.droppedEvents;
  }
}
