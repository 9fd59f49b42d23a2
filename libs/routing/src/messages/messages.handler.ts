import { Injectable } from '@nestjs/common';
import type { CallerContext, ChatCompletionRequest } from '@llmgw/contracts';
import type { AnswerNotes } from '../chat/chat-call';
import { ChatCompletionHandler } from '../chat/chat-completion.handler';
import { CallTrace } from '../metering/call-trace';
import { RequestMeter } from '../metering/request-meter';
import { AnthropicChatStreamSink } from './anthropic-chat-stream.sink';
import type { AnthropicMessage } from './anthropic-message';
import { toChatRequest } from './anthropic-request.mapper';
import { toAnthropicMessage } from './anthropic-response.mapper';
import type { AnthropicStreamSink } from './anthropic-stream.sink';

const MESSAGES_ENDPOINT = 'messages';

export interface MessagesAnswer extends Pick<AnswerNotes, 'providerRateLimitHeaders'> {
  message: AnthropicMessage;
  provider: string;
  model: string;
}

/**
 * Anthropic's `POST /v1/messages` on the chat pipeline: the body is translated to an OpenAI
 * chat request, run (routed, metered) by `ChatCompletionHandler`, and the answer translated back.
 */
@Injectable()
export class MessagesHandler {
  constructor(
    private readonly chat: ChatCompletionHandler,
    private readonly meter: RequestMeter,
  ) {}

  async create(body: unknown, caller: CallerContext, signal: AbortSignal): Promise<MessagesAnswer> {
    const request = this.translate(body, caller, false);
    const answer = await this.chat.complete(request, caller, signal, { endpoint: MESSAGES_ENDPOINT });
    return { message: toAnthropicMessage(answer.completion), provider: answer.provider, model: answer.model, providerRateLimitHeaders: answer.providerRateLimitHeaders };
  }

  /** Errors before the stream opens are thrown (a plain JSON error); after, they are an `error` event. */
  async stream(body: unknown, caller: CallerContext, signal: AbortSignal, sink: AnthropicStreamSink): Promise<void> {
    const request = this.translate(body, caller, true);
    const chatSink = new AnthropicChatStreamSink(sink, `msg_${caller.requestId}`);
    await this.chat.stream(request, caller, signal, chatSink, { endpoint: MESSAGES_ENDPOINT });
  }

  /** A body refused here never reaches the chat handler, so it is metered here, once. */
  private translate(body: unknown, caller: CallerContext, stream: boolean): ChatCompletionRequest {
    try {
      return toChatRequest(body);
    } catch (error) {
      const trace = new CallTrace(caller, MESSAGES_ENDPOINT, stream, performance.now(), modelOf(body));
      const failure = trace.fail(error);
      this.meter.record(trace);
      throw failure;
    }
  }
}

function modelOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as { model?: unknown }).model : undefined;
}
