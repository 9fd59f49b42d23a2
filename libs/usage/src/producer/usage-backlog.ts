import { Logger } from '@nestjs/common';
import type { UsageBatch } from '@llmgw/contracts';

/**
 * Batches the transport refused, kept for the next flush, oldest first.
 *
 * Seam: today the backlog lives in memory and is bounded, so a long Redis outage or a crash
 * loses the oldest batches. The on-disk outbox (a later issue) implements this same interface
 * and is handed to `UsagePublisher` instead; nothing else changes.
 */
export interface UsageBacklog {
  add(batch: UsageBatch): void;
  /** Removes and returns every kept batch, oldest first. */
  takeAll(): UsageBatch[];
  /** Number of events (not batches) waiting. */
  readonly eventCount: number;
}

/** Bounded by events, not batches: memory is what runs out during a long outage. */
export class InMemoryUsageBacklog implements UsageBacklog {
  private readonly logger = new Logger('UsageBacklog');
  private batches: UsageBatch[] = [];
  private events = 0;
  private droppedEvents = 0;

  constructor(private readonly maxEvents: number) {}

  add(batch: UsageBatch): void {
    this.batches.push(batch);
    this.events += batch.events.length;
    while (this.events > this.maxEvents && this.batches.length > 1) {
      const dropped = this.batches.shift()!;
      this.events -= dropped.events.length;
      this.droppedEvents += dropped.events.length;
      this.logger.error(`usage backlog full: dropped the oldest batch of ${dropped.events.length} events (${this.droppedEvents} lost so far)`);
    }
  }

  takeAll(): UsageBatch[] {
    const taken = this.batches;
    this.batches = [];
    this.events = 0;
    return taken;
  }

  get eventCount(): number {
    return this.events;
  }

  /** Events lost because the backlog was full. */
  get dropped(): number {
    return this.droppedEvents;
  }
}
