import type { ChatCompletionChunk, GatewayError } from '@llmgw/contracts';

/**
 * Where a streamed answer goes. The transport (SSE over the HTTP response) lives in the app;
 * the handler only decides when the stream opens, what it carries and how it ends.
 */
export interface ChatStreamSink {
  /** Commit to a 200 stream: called once, just before the first chunk. */
  open(route: { provider: string; model: string; fallbackCount?: number; routeReason?: string; cache?: string }): void;
  send(chunk: ChatCompletionChunk): void;
  /** Ends an open stream with an error event and no `[DONE]`, so it never looks complete. */
  fail(error: GatewayError): void;
  /** Ends an open stream normally (`data: [DONE]`). */
  close(): void;
}
