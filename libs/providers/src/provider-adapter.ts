import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  EmbeddingList,
  EmbeddingRequest,
  TokenUsage,
} from '@llmgw/contracts';
import type { UpstreamRateLimitHeaders } from './call/upstream-rate-limit-headers';
import type { ModelEntry } from './registry/model-entry';

export type { UpstreamRateLimitHeaders } from './call/upstream-rate-limit-headers';

/** Who counted the tokens: the provider itself, or our tokenizer when the provider did not say. */
export type UsageSource = 'provider' | 'estimated';

export interface StreamUsage extends TokenUsage {
  source: UsageSource;
}

export interface ProviderCallContext {
  /** Aborted when the client goes away: the upstream call must stop. */
  signal: AbortSignal;
  /** Waiting for headers, and for each piece of the body, may not take longer than this. */
  timeoutMs: number;
  requestId: string;
}

export interface ProviderChatResult {
  completion: ChatCompletion;
  usageSource: UsageSource;
  /** The upstream's allow-listed rate-limit headers; absent from providers that send none. */
  rateLimitHeaders?: UpstreamRateLimitHeaders;
}

export interface ProviderEmbeddingResult {
  embeddings: EmbeddingList;
  /** The upstream's allow-listed rate-limit headers (of the last batch, when a provider batches). */
  rateLimitHeaders?: UpstreamRateLimitHeaders;
}

/**
 * OpenAI `chat.completion.chunk` objects; the last one carries `usage` with `choices: []`.
 * Iterate once. `usage()` is meaningful after iteration ends, however it ended (normally, by an
 * error or by an abort): the provider's usage if it sent one, else a tokenizer count of the
 * request and of what was relayed so far.
 */
export interface ProviderStream extends AsyncIterable<ChatCompletionChunk> {
  usage(): StreamUsage;
  /**
   * The upstream's allow-listed rate-limit headers: filled when the response status arrives, so
   * complete once the first chunk has been read; empty for providers that send none.
   */
  rateLimitHeaders(): UpstreamRateLimitHeaders;
}

/**
 * The port every provider implements. Failures are thrown as `ProviderError` (contracts) with
 * the taxonomy type, `retryable`, `upstreamStatus` and `retryAfterSeconds`, the original as `cause`.
 */
export interface ProviderAdapter {
  /** 'openai', 'mock': matches `ModelEntry.provider`. */
  readonly id: string;
  chat(request: ChatCompletionRequest, model: ModelEntry, ctx: ProviderCallContext): Promise<ProviderChatResult>;
  chatStream(request: ChatCompletionRequest, model: ModelEntry, ctx: ProviderCallContext): ProviderStream;
  /** Present on providers with an embeddings API; answers in OpenAI's shape with usage. */
  embed?(request: EmbeddingRequest, model: ModelEntry, ctx: ProviderCallContext): Promise<ProviderEmbeddingResult>;
  /**
   * Resolves when the provider answers its cheapest authenticated read (a model list, never a
   * paid generation); throws a `ProviderError` like the other calls when it does not. Stops when
   * `signal` aborts. Absent on providers that have no such read.
   */
  checkHealth?(signal: AbortSignal): Promise<void>;
  /** Closes pooled connections. */
  close(): Promise<void>;
}
