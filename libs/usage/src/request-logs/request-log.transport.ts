import type { RequestLogBatch } from '@llmgw/contracts';

/** Where the recorder hands a batch: resolves once queued, rejects when refused (the batch is then dropped). */
export interface RequestLogTransport {
  send(batch: RequestLogBatch): Promise<void>;
}

export const REQUEST_LOG_TRANSPORT = Symbol('REQUEST_LOG_TRANSPORT');
