import { randomUUID } from 'node:crypto';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { usageEventSchema, type UsageBatch, type UsageEvent } from '@llmgw/contracts';
import type { UsageBacklog } from './usage-backlog';
import type { UsageTransport } from './usage-transport';

const RETRY_DELAY_MS = 1_000;

export interface UsagePublisherOptions {
  /** A batch is sent as soon as this many events are buffered (USAGE_BATCH_MAX_EVENTS). */
  maxEvents: number;
  /** Otherwise whatever is buffered is sent this long after the first event (USAGE_BATCH_INTERVAL_MS). */
  intervalMs: number;
}

/**
 * The gateway's side of metering. `publish` only buffers: it never awaits the network and never
 * throws, so metering cannot slow down or break a request. Buffered events leave as ONE batch
 * when the buffer is full or the interval elapses; a batch the transport refuses goes to the
 * backlog and is sent again, with the same `batchId`, on the next flush.
 */
export class UsagePublisher implements OnModuleDestroy {
  private readonly logger = new Logger(UsagePublisher.name);
  private buffer: UsageEvent[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private failing = false;
  private closed = false;
  /** A size-triggered flush is waiting to start: more events need not queue another. */
  private sizeFlushQueued = false;

  constructor(
    private readonly transport: UsageTransport,
    private readonly options: UsagePublisherOptions,
    private readonly backlog: UsageBacklog,
  ) {}

  publish(event: UsageEvent): void {
    try {
      // A malformed event would make the worker reject its whole batch: drop it here, alone.
      const parsed = usageEventSchema.safeParse(event);
      if (!parsed.success) {
        const fields = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
        this.logger.error(`dropped an invalid usage event (fields: ${fields})`);
        return;
      }
      this.buffer.push(parsed.data);
      if (this.buffer.length < this.options.maxEvents) this.schedule();
      else if (!this.sizeFlushQueued) {
        this.sizeFlushQueued = true;
        void this.flush();
      }
    } catch (error) {
      this.logger.error(`usage event not buffered: ${messageOf(error)}`);
    }
  }

  /** Sends everything buffered and everything in the backlog. Never rejects. */
  flush(): Promise<void> {
    this.clearTimer();
    const run = this.flushing
      .then(() => this.sendPending())
      .catch((error: unknown) => this.logger.error(`usage flush failed: ${messageOf(error)}`));
    this.flushing = run;
    return run;
  }

  /** Events not yet accepted by the transport (buffered plus backlog). */
  get pendingEvents(): number {
    return this.buffer.length + this.backlog.eventCount;
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    await this.flush();
    const lost = this.pendingEvents;
    if (lost > 0) this.logger.error(`shutting down with ${lost} usage events not delivered`);
  }

  private async sendPending(): Promise<void> {
    this.sizeFlushQueued = false;
    const batches = [...this.backlog.takeAll(), ...this.takeBufferedBatches()];
    let index = 0;
    try {
      for (; index < batches.length; index += 1) await this.transport.send(batches[index]!);
      if (this.failing) this.logger.log('usage transport recovered');
      this.failing = false;
    } catch (error) {
      // The transport is down: keep this batch and the rest untried, in order.
      for (const batch of batches.slice(index)) this.backlog.add(batch);
      if (!this.failing) this.logger.warn(`usage transport refused a batch, keeping it for retry: ${messageOf(error)}`);
      this.failing = true;
    } finally {
      this.schedule();
    }
  }

  private takeBufferedBatches(): UsageBatch[] {
    const batches: UsageBatch[] = [];
    for (let start = 0; start < this.buffer.length; start += this.options.maxEvents) {
      batches.push({ batchId: randomUUID(), events: this.buffer.slice(start, start + this.options.maxEvents) });
    }
    this.buffer = [];
    return batches;
  }

  private schedule(): void {
    if (this.timer || this.closed || this.pendingEvents === 0) return;
    // While the transport is down, retry at most once a second rather than every interval.
    const delayMs = this.failing ? Math.max(this.options.intervalMs, RETRY_DELAY_MS) : this.options.intervalMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delayMs);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
