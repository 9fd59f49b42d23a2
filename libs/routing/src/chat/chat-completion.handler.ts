import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig } from '@llmgw/config';
import {
  chatCompletionRequestSchema,
  invalidRequestFromZod,
  type CallerContext,
  type ChatCompletion,
  type ChatCompletionRequest,
} from '@llmgw/contracts';
import { ProviderRegistry, type ModelEntry, type ProviderCallContext } from '@llmgw/providers';
import { CallTrace } from '../metering/call-trace';
import { RequestMeter } from '../metering/request-meter';
import type { ChatStreamSink } from './chat-stream.sink';

const CHAT_ENDPOINT = 'chat.completions';

export interface ChatAnswer {
  completion: ChatCompletion;
  provider: string;
  model: string;
}

/**
 * The chat request path after authentication: validate, pick the provider, call it, meter the
 * outcome. Every call is metered exactly once, whatever happens.
 */
@Injectable()
export class ChatCompletionHandler {
  private readonly timeoutMs: number;

  constructor(
    private readonly providers: ProviderRegistry,
    private readonly meter: RequestMeter,
    config: ConfigService<GatewayConfig, true>,
  ) {
    this.timeoutMs = config.get('UPSTREAM_TIMEOUT_MS', { infer: true });
  }

  /** `endpoint` names the public route in usage records when another API reuses this path. */
  async complete(body: unknown, caller: CallerContext, signal: AbortSignal, endpoint = CHAT_ENDPOINT): Promise<ChatAnswer> {
    const trace = new CallTrace(caller, endpoint, false, performance.now(), modelOf(body));
    try {
      const request = parseChatRequest(body);
      const { adapter, model } = this.providers.resolve(request.model);
      trace.target(adapter.id, model);
      const result = await adapter.chat(withDefaults(request, model), model, this.callContext(model, caller, signal));
      trace.usage = { ...result.completion.usage, source: result.usageSource };
      return { completion: result.completion, provider: adapter.id, model: model.id };
    } catch (error) {
      throw trace.fail(error);
    } finally {
      this.meter.record(trace);
    }
  }

  private callContext(model: ModelEntry, caller: CallerContext, signal: AbortSignal): ProviderCallContext {
    return { signal, timeoutMs: model.timeoutMs ?? this.timeoutMs, requestId: caller.requestId };
  }

  /**
   * Streams into the sink. An error before the first chunk is thrown (the caller answers with a
   * plain JSON error); after it, the stream ends with an error event.
   */
  async stream(body: unknown, caller: CallerContext, signal: AbortSignal, sink: ChatStreamSink, endpoint = CHAT_ENDPOINT): Promise<void> {
    const trace = new CallTrace(caller, endpoint, true, performance.now(), modelOf(body));
    let opened = false;
    try {
      const request = parseChatRequest(body);
      const { adapter, model } = this.providers.resolve(request.model);
      trace.target(adapter.id, model);
      const wantsUsage = request.stream_options?.include_usage === true;
      const upstream = adapter.chatStream(withDefaults(request, model), model, this.callContext(model, caller, signal));
      const openOnce = () => {
        if (opened) return;
        trace.firstTokenAtMs = performance.now();
        sink.open({ provider: adapter.id, model: model.id });
        opened = true;
      };
      try {
        for await (const chunk of upstream) {
          openOnce();
          const isUsageChunk = chunk.choices.length === 0 && chunk.usage;
          if (!isUsageChunk || wantsUsage) sink.send(chunk);
        }
      } finally {
        trace.usage = upstream.usage();
      }
      openOnce();
      sink.close();
    } catch (error) {
      const failure = trace.fail(error);
      if (!opened) {
        trace.usage = null; // nothing was produced: a provider does not bill a failed call
        throw failure;
      }
      sink.fail(failure);
    } finally {
      this.meter.record(trace);
    }
  }
}

/** The providers file may give a model a default `max_tokens` for requests that set none. */
function withDefaults(request: ChatCompletionRequest, model: ModelEntry): ChatCompletionRequest {
  if (!model.defaultMaxTokens || request.max_tokens || request.max_completion_tokens) return request;
  return { ...request, max_tokens: model.defaultMaxTokens };
}

function parseChatRequest(body: unknown): ChatCompletionRequest {
  const parsed = chatCompletionRequestSchema.safeParse(body);
  if (!parsed.success) throw invalidRequestFromZod(parsed.error);
  return parsed.data;
}

function modelOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as { model?: unknown }).model : undefined;
}
