import { Logger } from '@nestjs/common';
import { GatewayError, QUEUES, type UsageBatch } from '@llmgw/contracts';

export type UsageBatchConsumer = (batch: UsageBatch) => Promise<unknown>;

export interface InProcessUsageHubOptions {
  /** First retry delay; doubles per attempt, like the BullMQ job's exponential backoff. */
  retryDelayMs: number;
  maxAttempts: number;
  /** How many delivered batch ids are remembered to ignore a re-sent batch (like `removeOnComplete`). */
  rememberedBatchIds: number;
}

const DEFAULTS: InProcessUsageHubOptions = { retryDelayMs: 1_000, maxAttempts: 10, rememberedBatchIds: 1_000 };

interface Delivery {
  batch: UsageBatch;
  attempts: number;
}

/** A batch the hub gave up on, kept for an operator (standalone mode's dead-letter queue). */
export interface InProcessDeadLetter {
  id: string;
  batch: UsageBatch;
  failedReason: string;
  attemptsMade: number;
  failedAt: string;
}

/**
 * The queue of standalone mode: the gateway's transport enqueues batches, the cost-tracker's
 * consumer takes them, one at a time, in order, retrying failures with backoff. Batches wait
 * here until a consumer registers, so the apps can start in any order.
 */
export class InProcessUsageHub {
  private readonly logger = new Logger(InProcessUsageHub.name);
  private readonly options: InProcessUsageHubOptions;
  private readonly ready: Delivery[] = [];
  private readonly knownIds = new Set<string>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private consumer: UsageBatchConsumer | null = null;
  private delivering = false;
  private idleWaiters: Array<() => void> = [];
  readonly deadLetters: InProcessDeadLetter[] = [];

  constructor(options: Partial<InProcessUsageHubOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  enqueue(batch: UsageBatch): void {
    if (this.knownIds.has(batch.batchId)) return;
    this.remember(batch.batchId);
    this.ready.push({ batch, attempts: 0 });
    void this.pump();
  }

  /** Queues a batch again even though its id was seen (a dead letter's replay). */
  requeue(batch: UsageBatch): void {
    this.ready.push({ batch, attempts: 0 });
    void this.pump();
  }

  register(consumer: UsageBatchConsumer): void {
    if (this.consumer && this.consumer !== consumer) {
      throw new GatewayError('internal_error', 'an in-process usage consumer is already registered on this queue');
    }
    this.consumer = consumer;
    void this.pump();
  }

  unregister(consumer: UsageBatchConsumer): void {
    if (this.consumer === consumer) this.consumer = null;
  }

  /** Resolves when nothing is queued, in flight or waiting for a retry (or after `timeoutMs`). */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.isIdle()) return true;
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<boolean>((resolve) => this.idleWaiters.push(() => resolve(true)));
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const drained = await Promise.race([idle, timedOut]);
    clearTimeout(timer);
    return drained;
  }

  /** Batches not yet delivered (queued, in flight or waiting for a retry). */
  get pendingBatches(): number {
    return this.ready.length + this.retryTimers.size + (this.delivering ? 1 : 0);
  }

  private async pump(): Promise<void> {
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let next = this.ready.shift(); next; next = this.ready.shift()) {
        const consumer = this.consumer;
        if (!consumer) {
          this.ready.unshift(next);
          break;
        }
        await this.deliver(consumer, next);
      }
    } finally {
      this.delivering = false;
      if (this.isIdle()) this.notifyIdle();
    }
  }

  private async deliver(consumer: UsageBatchConsumer, delivery: Delivery): Promise<void> {
    delivery.attempts += 1;
    try {
      await consumer(delivery.batch);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (delivery.attempts >= this.options.maxAttempts) {
        this.logger.error(`usage batch ${delivery.batch.batchId} failed ${delivery.attempts} times, dead-lettered: ${reason}`);
        this.deadLetters.push({
          id: `${delivery.batch.batchId}-${this.deadLetters.length + 1}`,
          batch: delivery.batch,
          failedReason: reason,
          attemptsMade: delivery.attempts,
          failedAt: new Date().toISOString(),
        });
        return;
      }
      this.logger.warn(`usage batch ${delivery.batch.batchId} failed (attempt ${delivery.attempts}), retrying: ${reason}`);
      this.retryLater(delivery);
    }
  }

  private retryLater(delivery: Delivery): void {
    const delayMs = this.options.retryDelayMs * 2 ** (delivery.attempts - 1);
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      this.ready.push(delivery);
      void this.pump();
    }, delayMs);
    timer.unref(); // shutdown drains explicitly (drain); a pending retry must not keep the process alive
    this.retryTimers.add(timer);
  }

  private remember(batchId: string): void {
    this.knownIds.add(batchId);
    if (this.knownIds.size > this.options.rememberedBatchIds) {
      const oldest = this.knownIds.values().next().value;
      if (oldest !== undefined) this.knownIds.delete(oldest);
    }
  }

  private isIdle(): boolean {
    return this.pendingBatches === 0;
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

const hubs = new Map<string, InProcessUsageHub>();

/**
 * The process-wide hub of the usage queue under `prefix` (QUEUE_PREFIX), keyed like the BullMQ
 * queue it stands in for: a gateway and a cost-tracker booted in ONE process meet here.
 */
export function inProcessUsageHub(prefix: string): InProcessUsageHub {
  const queueName = `${prefix}:${QUEUES.usage}`;
  let hub = hubs.get(queueName);
  if (!hub) {
    hub = new InProcessUsageHub();
    hubs.set(queueName, hub);
  }
  return hub;
}
