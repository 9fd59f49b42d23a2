import type { ProviderError } from '@llmgw/contracts';
import type { ModelEntry } from '../registry/model-entry';

/**
 * What makes one OpenAI-compatible vendor different from another: where each endpoint lives,
 * how it authenticates, which request fields it refuses, how its errors read. Everything else
 * (mapping, streaming, metering, timeouts, pooling) is the shared base's.
 */
export interface OpenAiCompatibleProfile {
  /** The adapter id, matching `ModelEntry.provider`. */
  readonly id: string;
  /** Scheme, host and port the connection pool connects to. */
  readonly origin: string;
  readonly connections?: number;
  /** Path (and query) of the chat endpoint for this model. */
  chatPath(model: ModelEntry): string;
  /** Path of the embeddings endpoint; absent when the vendor has none. */
  embeddingsPath?(model: ModelEntry): string;
  /** Path (and query) of the model list, the health check's cheap authenticated read; absent when the vendor has none. */
  modelsPath?(): string;
  headers(requestId: string): Record<string, string>;
  /** The last word on the chat body (already OpenAI-shaped, with the upstream model): drop or rename fields. */
  chatBody(body: Record<string, unknown>, model: ModelEntry, stream: boolean): Record<string, unknown>;
  embeddingBody(body: Record<string, unknown>, model: ModelEntry): Record<string, unknown>;
  /** A non-2xx answer as our taxonomy error (the vendor's error-body quirks live here). */
  httpError(status: number, bodyText: string, retryAfter: string | string[] | undefined): ProviderError;
}
