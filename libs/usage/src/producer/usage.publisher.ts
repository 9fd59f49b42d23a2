import { randomUUID } from 'node:crypto';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { usageEventSchema, type UsageBatch, type UsageEvent, type UsageEventInput } from '@llmgw/contracts';
import type { UsageOutbox } from './outbox/usage-outbox';
import type { UsageTransport } from './usage-transport';

export interface UsagePublisherOptions {
  /** A batch is sent as soon as this many events are buffered (USAGE_BATCH_MAX_EVENTS). */
  maxEvents: number;
  /** Otherwise whatever is buffered is sent this long after the first event (USAGE_BATCH_INTERVAL_MS). */
  intervalMs: number;
  /** While batches wait in the outbox, the transport is probed this often (USAGE_OUTBOX_PROBE_MS). */
  probeMs?: number;
}

const DEFAULT_PROBE_MS = 1_000;

/**
 * The gateway's side of metering. `publish` only buffers: it never awaits the network and never
 * throws, so metering cannot slow down or break a request. Buffered events leave as ONE batch
 * when the buffer is full or the interval elapses. A batch the transport refuses goes to the
 * outbox, and so does every batch after it while the outbox is not empty: a timer probes the
 * transport by replaying the outbox, oldest first, and new batches wait behind it (order kept).
 * Shutdown tries once more, then leaves whatever is undelivered in the outbox.
 */
export class UsagePublisher implements OnModuleDestroy {
  private readonly logger = new Logger(UsagePublisher.name);
  private readonly probeMs: number;
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
    private readonly outbox: UsageOutbox,
  ) {
    this.probeMs = options.probeMs ?? DEFAULT_PROBE_MS;
    // Batches left by a previous process (a crash or a shutdown during an outage) go out first.
    if (outbox.batchCount > 0) {
      this.failing = true;
      this.schedule();
    }
  }

  publish(event: UsageEventInput): void {
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
        void this.run(false);
      }
    } catch (error) {
      this.logger.error(`usage event not buffered: ${messageOf(error)}`);
    }
  }

  /** Sends everything buffered, replaying the outbox first. Never rejects. */
  flush(): Promise<void> {
    return this.run(true);
  }

  /** Events not yet accepted by the transport (buffered plus outbox). */
  get pendingEvents(): number {
    return this.buffer.length + this.outbox.eventCount;
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    await this.flush();
    const kept = this.outbox.eventCount;
    if (kept > 0) this.logger.warn(`shutting down with ${kept} usage events in the outbox: replayed at the next start`);
    await this.outbox.close();
  }

  /** Every send goes through this one chain: batches leave in order, one at a time. */
  private run(probe: boolean): Promise<void> {
    this.clearTimer();
    const run = this.flushing
      .then(() => this.sendPending(probe))
      .catch((error: unknown) => this.logger.error(`usage flush failed: ${messageOf(error)}`))
      .finally(() => this.schedule());
    this.flushing = run;
    return run;
  }

  private async sendPending(probe: boolean): Promise<void> {
    this.sizeFlushQueued = false;
    const fresh = this.takeBufferedBatches();
    if (this.failing || this.outbox.batchCount > 0) {
      // Behind what already waits: append, then (on a probe) replay everything in order.
      await this.outbox.append(fresh);
      if (probe) await this.replay();
      return;
    }
    for (let index = 0; index < fresh.length; index += 1) {
      try {
        await this.transport.send(fresh[index]!);
      } catch (error) {
        await this.outbox.append(fresh.slice(index));
        this.logger.warn(`usage transport refused a batch, keeping it in the outbox: ${messageOf(error)}`);
        this.failing = true;
        return;
      }
    }
  }

  private async replay(): Promise<void> {
    const kept = await this.outbox.peek();
    let sent = 0;
    try {
      for (const batch of kept) {
        await this.transport.send(batch);
        sent += 1;
      }
      if (this.failing) this.logger.log(`usage transport recovered: replayed ${sent} batches from the outbox`);
      this.failing = false;
    } catch {
      // Still down: the probe timer tries again.
    } finally {
      if (sent > 0) await this.outbox.remove(sent);
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
    // While the transport is down, new events wait for the next probe rather than each interval.
    const delayMs = this.failing ? Math.max(this.options.intervalMs, this.probeMs) : this.options.intervalMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run(true);
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
