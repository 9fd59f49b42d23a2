import { Logger } from '@nestjs/common';
import { GatewayError, REQUEST_LOG_QUEUE, type RequestLogBatch } from '@llmgw/contracts';
import type { RequestLogTransport } from './request-log.transport';

export type RequestLogBatchConsumer = (batch: RequestLogBatch) => Promise<unknown>;

/** Batches held while no consumer is registered (the apps may boot in any order). */
const MAX_WAITING_BATCHES = 1_000;

/**
 * Standalone mode's request-log queue: the gateway's recorder enqueues, the worker's consumer
 * writes, one batch at a time. Best effort like the BullMQ path: a batch that fails is dropped.
 */
export class InProcessRequestLogHub implements RequestLogTransport {
  private readonly logger = new Logger(InProcessRequestLogHub.name);
  private readonly waiting: RequestLogBatch[] = [];
  private consumer: RequestLogBatchConsumer | null = null;
  private delivering: Promise<void> | null = null;

  async send(batch: RequestLogBatch): Promise<void> {
    if (this.waiting.length >= MAX_WAITING_BATCHES) throw new Error('in-process request-log queue is full');
    this.waiting.push(batch);
    this.pump();
  }

  register(consumer: RequestLogBatchConsumer): void {
    if (this.consumer && this.consumer !== consumer) throw new GatewayError('internal_error', 'a request-log consumer is already registered on this queue');
    this.consumer = consumer;
    this.pump();
  }

  unregister(consumer: RequestLogBatchConsumer): void {
    if (this.consumer === consumer) this.consumer = null;
  }

  /** Resolves once every batch handed to a registered consumer has been delivered. */
  async drain(): Promise<void> {
    while (this.delivering) await this.delivering;
  }

  get pendingBatches(): number {
    return this.waiting.length;
  }

  private pump(): void {
    if (this.delivering || !this.consumer) return;
    this.delivering = this.deliverAll().finally(() => {
      this.delivering = null;
      // A batch sent while the last delivery was finishing found `delivering` still set.
      if (this.waiting.length > 0) this.pump();
    });
  }

  private async deliverAll(): Promise<void> {
    for (let batch = this.waiting.shift(); batch; batch = this.waiting.shift()) {
      const consumer = this.consumer;
      if (!consumer) {
        this.waiting.unshift(batch);
        return;
      }
      try {
        await consumer(batch);
      } catch (error) {
        this.logger.error(`request-log batch ${batch.batchId} dropped: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

const hubs = new Map<string, InProcessRequestLogHub>();

/** The process-wide hub under QUEUE_PREFIX: a gateway and a worker in ONE process meet here. */
export function inProcessRequestLogHub(prefix: string): InProcessRequestLogHub {
  const name = `${prefix}:${REQUEST_LOG_QUEUE}`;
  let hub = hubs.get(name);
  if (!hub) {
    hub = new InProcessRequestLogHub();
    hubs.set(name, hub);
  }
  return hub;
}
