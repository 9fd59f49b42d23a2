import type { ChatCompletionChunk, GatewayError } from '@llmgw/contracts';
import type { AnswerNotes } from './chat-call';

/**
 * Where a streamed answer goes. The transport (SSE over the HTTP response) lives in the app;
 * the handler only decides when the stream opens, what it carries and how it ends.
 */
export interface ChatStreamSink {
  /** Commit to a 200 stream: called once, just before the first chunk. */
  open(route: { provider: string; model: string; fallbackCount?: number; routeReason?: string; cache?: string } & Pick<AnswerNotes, 'providerRateLimitHeaders'>): void;
  send(chunk: ChatCompletionChunk): void;
  /** A promise while the client is behind (the handler waits before reading on), else null. */
  drained?(): Promise<void> | null;
  /** Ends an open stream with an error event and no `[DONE]`, so it never looks complete. */
  fail(error: GatewayError): void;
  /** Ends an open stream normally (`data: [DONE]`). */
  close(): void;
}
