import type { ChatCompletionChunk, GatewayError } from '@llmgw/contracts';
import type { AnswerNotes } from '../chat/chat-call';
import type { ChatStreamSink } from '../chat/chat-stream.sink';
import { toAnthropicError } from './anthropic-error.mapper';
import { AnthropicStreamMapper } from './anthropic-stream.mapper';
import type { AnthropicStreamSink } from './anthropic-stream.sink';

/** Lets the chat pipeline stream into an Anthropic client: OpenAI chunks in, Anthropic events out. */
export class AnthropicChatStreamSink implements ChatStreamSink {
  private mapper: AnthropicStreamMapper | null = null;

  constructor(
    private readonly target: AnthropicStreamSink,
    private readonly fallbackMessageId: string,
  ) {}

  open(route: { provider: string; model: string } & Pick<AnswerNotes, 'providerRateLimitHeaders'>): void {
    this.mapper = new AnthropicStreamMapper(route.model, this.fallbackMessageId);
    this.target.open(route);
  }

  send(chunk: ChatCompletionChunk): void {
    for (const event of this.opened().map(chunk)) this.target.send(event);
  }

  drained(): Promise<void> | null {
    return this.target.drained?.() ?? null;
  }

  fail(error: GatewayError): void {
    this.target.send(toAnthropicError(error));
    this.target.end();
  }

  close(): void {
    for (const event of this.opened().finish()) this.target.send(event);
    this.target.end();
  }

  private opened(): AnthropicStreamMapper {
    if (!this.mapper) throw new Error('AnthropicChatStreamSink used before open()');
    return this.mapper;
  }
}
