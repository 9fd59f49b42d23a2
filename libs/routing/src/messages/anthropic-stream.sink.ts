import type { AnswerNotes } from '../chat/chat-call';
import type { AnthropicStreamEvent } from './anthropic-message';

/**
 * Where a streamed Messages answer goes (SSE over the HTTP response, in the app). Errors after
 * the stream opened arrive as an `error` event followed by `end()`, never as `message_stop`.
 */
export interface AnthropicStreamSink {
  /** Commit to a 200 stream: called once, before the first event. */
  open(route: { provider: string; model: string } & Pick<AnswerNotes, 'providerRateLimitHeaders'>): void;
  send(event: AnthropicStreamEvent): void;
  /** A promise while the client is behind (the handler waits before reading on), else null. */
  drained?(): Promise<void> | null;
  /** Ends the response; the last event sent says whether the message completed. */
  end(): void;
}
