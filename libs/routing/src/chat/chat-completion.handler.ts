import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig } from '@llmgw/config';
import {
  chatCompletionRequestSchema,
  invalidRequestFromZod,
  type CallerContext,
  type ChatCompletion,
  type ChatCompletionChunk,
  type ChatCompletionRequest,
} from '@llmgw/contracts';
import type { ModelEntry, ProviderCallContext, ProviderStream, ResolvedModel } from '@llmgw/providers';
import { CallTrace } from '../metering/call-trace';
import { RequestMeter } from '../metering/request-meter';
import type { ChatStreamSink } from './chat-stream.sink';
import { ResilientCaller } from './resilient-caller';
import { RoutePlanner, type RouteHints, type RoutePlan } from './route-planner';

const CHAT_ENDPOINT = 'chat.completions';

export interface ChatAnswer {
  completion: ChatCompletion;
  provider: string;
  model: string;
  fallbackCount: number;
  routeReason: string;
}

/** An upstream stream whose first chunk has arrived: the point where a fallback is no longer possible. */
interface StartedStream {
  upstream: ProviderStream;
  iterator: AsyncIterator<ChatCompletionChunk>;
  first: IteratorResult<ChatCompletionChunk>;
}

/**
 * The chat request path after authentication: validate, pick the provider, call it, meter the
 * outcome. Every call is metered exactly once, whatever happens.
 */
@Injectable()
export class ChatCompletionHandler {
  private readonly timeoutMs: number;

  constructor(
    private readonly planner: RoutePlanner,
    private readonly caller: ResilientCaller,
    private readonly meter: RequestMeter,
    config: ConfigService<GatewayConfig, true>,
  ) {
    this.timeoutMs = config.get('UPSTREAM_TIMEOUT_MS', { infer: true });
  }

  /** `endpoint` names the public route in usage records when another API reuses this path. */
  async complete(body: unknown, caller: CallerContext, signal: AbortSignal, endpoint = CHAT_ENDPOINT, hints: RouteHints = {}): Promise<ChatAnswer> {
    const trace = new CallTrace(caller, endpoint, false, performance.now(), modelOf(body));
    try {
      const request = parseChatRequest(body);
      const plan = this.plan(request, hints, trace);
      const { result, target, fallbackCount } = await this.caller.run(
        plan,
        ({ adapter, model }, attemptSignal) => adapter.chat(withDefaults(request, model), model, this.callContext(model, caller, attemptSignal)),
        signal,
      );
      trace.target(target.adapter.id, target.model);
      trace.fallbackCount = fallbackCount;
      trace.usage = { ...result.completion.usage, source: result.usageSource };
      return { completion: result.completion, provider: target.adapter.id, model: target.model.id, fallbackCount, routeReason: plan.reason };
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
  async stream(
    body: unknown,
    caller: CallerContext,
    signal: AbortSignal,
    sink: ChatStreamSink,
    endpoint = CHAT_ENDPOINT,
    hints: RouteHints = {},
  ): Promise<void> {
    const trace = new CallTrace(caller, endpoint, true, performance.now(), modelOf(body));
    let opened = false;
    let started: StartedStream | null = null;
    try {
      const request = parseChatRequest(body);
      const plan = this.plan(request, hints, trace);
      const wantsUsage = request.stream_options?.include_usage === true;
      // A candidate counts as answering once its first chunk arrives; until then it may fall over.
      const { result, target, fallbackCount } = await this.caller.run(plan, (resolved, attemptSignal) => this.startStream(request, resolved, caller, attemptSignal), signal);
      started = result;
      trace.target(target.adapter.id, target.model);
      trace.fallbackCount = fallbackCount;
      trace.firstTokenAtMs = performance.now();
      sink.open({ provider: target.adapter.id, model: target.model.id, fallbackCount, routeReason: plan.reason });
      opened = true;
      for (let next = started.first; !next.done; next = await started.iterator.next()) {
        const chunk = next.value;
        const isUsageChunk = chunk.choices.length === 0 && chunk.usage;
        if (!isUsageChunk || wantsUsage) sink.send(chunk);
      }
      sink.close();
    } catch (error) {
      const failure = trace.fail(error);
      if (!opened) throw failure;
      sink.fail(failure);
    } finally {
      // What was produced is billed: the provider's usage, or a count of what was relayed.
      trace.usage = started ? started.upstream.usage() : null;
      this.meter.record(trace);
    }
  }

  private plan(request: ChatCompletionRequest, hints: RouteHints, trace: CallTrace): RoutePlan {
    const plan = this.planner.plan(request, hints);
    trace.taskType = plan.taskType;
    // Until a candidate answers, a failure is metered against the first choice.
    const first = plan.candidates[0];
    if (first) trace.target(first.adapter.id, first.model);
    return plan;
  }

  private async startStream(request: ChatCompletionRequest, { adapter, model }: ResolvedModel, caller: CallerContext, signal: AbortSignal): Promise<StartedStream> {
    const upstream = adapter.chatStream(withDefaults(request, model), model, this.callContext(model, caller, signal));
    const iterator = upstream[Symbol.asyncIterator]();
    return { upstream, iterator, first: await iterator.next() };
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
