import type { UsageBatch } from '@llmgw/contracts';

/**
 * Where the publisher hands a batch. `send` resolves once the batch is durably accepted (queued)
 * and rejects when it was not, so the caller keeps it and tries again. The same batch may be
 * sent again after an ambiguous failure: transports deliver a `batchId` at most once while it
 * is remembered, and the consumer's insert is idempotent anyway.
 */
export interface UsageTransport {
  send(batch: UsageBatch): Promise<void>;
}

export const USAGE_TRANSPORT = Symbol('USAGE_TRANSPORT');
