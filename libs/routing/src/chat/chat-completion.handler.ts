import { Inject, Injectable, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { cacheHeaderValue, replayAsChunks, completionFromChunks, type CacheHit } from '@llmgw/caching';
import type { GatewayConfig } from '@llmgw/config';
import { GatewayError, type CallerContext, type ChatCompletion, type ChatCompletionChunk, type ChatCompletionRequest } from '@llmgw/contracts';
import { ProviderRegistry, type ModelEntry, type ProviderCallContext, type ProviderStream, type ResolvedModel } from '@llmgw/providers';
import { RequestLogRecorder, type Admission } from '@llmgw/usage';
import { CallTrace } from '../metering/call-trace';
import { RequestMeter } from '../metering/request-meter';
import type { AnswerNotes, ChatCallOptions } from './chat-call';
import { costOf, modelOf, settlementOf, stage, withDefaults } from './chat-call.support';
import { ChatStages, type PreparedChat } from './chat-stages';
import type { ChatStreamSink } from './chat-stream.sink';
import { ResilientCaller } from './resilient-caller';
import { RoutePlanner, type RoutePlan } from './route-planner';

const CHAT_ENDPOINT = 'chat.completions';

export interface ChatAnswer extends AnswerNotes {
  completion: ChatCompletion;
  provider: string;
  model: string;
  fallbackCount: number;
  routeReason: string;
  taskType: string;
  costNanoUsd: number;
}

/** An upstream stream whose first chunk has arrived: the point where a fallback is no longer possible. */
interface StartedStream {
  upstream: ProviderStream;
  iterator: AsyncIterator<ChatCompletionChunk>;
  first: IteratorResult<ChatCompletionChunk>;
}

/**
 * The chat request path after authentication: validate and guard the input, answer from the
 * cache when it can, else route, admit (limits, budget), call with fallbacks, guard the output,
 * store, settle, meter. Every call is metered exactly once, whatever happens.
 */
@Injectable()
export class ChatCompletionHandler {
  private readonly timeoutMs: number;

  constructor(
    private readonly planner: RoutePlanner,
    private readonly caller: ResilientCaller,
    private readonly meter: RequestMeter,
    private readonly stages: ChatStages,
    private readonly providers: ProviderRegistry,
    config: ConfigService<GatewayConfig, true>,
    @Optional() @Inject(RequestLogRecorder) private readonly requestLogs: RequestLogRecorder | null = null,
  ) {
    this.timeoutMs = config.get('UPSTREAM_TIMEOUT_MS', { infer: true });
  }

  async complete(body: unknown, caller: CallerContext, signal: AbortSignal, options: ChatCallOptions = {}): Promise<ChatAnswer> {
    const trace = new CallTrace(caller, options.endpoint ?? CHAT_ENDPOINT, false, performance.now(), modelOf(body));
    let admission: Admission | null = null;
    let sent: ChatCompletion | null = null;
    try {
      const answer = await this.answer(body, caller, signal, options, trace, (admitted) => (admission = admitted));
      sent = answer.completion;
      return answer;
    } catch (error) {
      throw this.failed(trace, error);
    } finally {
      void (admission as Admission | null)?.settle(settlementOf(trace));
      this.meter.record(trace);
      this.logRequest(trace, body, sent);
    }
  }

  private async answer(
    body: unknown,
    caller: CallerContext,
    signal: AbortSignal,
    options: ChatCallOptions,
    trace: CallTrace,
    admitted: (admission: Admission | null) => void,
  ): Promise<ChatAnswer> {
    const prepared = await stage('prepare', () => this.stages.prepare(body, caller, options, trace));
    const hit = await stage('cache_lookup', () => this.stages.lookup(prepared, trace));
    if (hit) {
      admitted(await stage('admit', () => this.stages.admit(prepared, null, caller, options))); // a hit still counts against rpm
      return this.fromCache(prepared, hit, trace);
    }
    const plan = await stage('route', () => this.plan(prepared, options, trace, caller));
    admitted(await stage('admit', () => this.stages.admit(prepared, plan, caller, options)));
    const outcome = await stage('execute', () =>
      this.caller
        .run(plan, ({ adapter, model }, attemptSignal) => adapter.chat(withDefaults(prepared.request, model), model, this.callContext(model, caller, attemptSignal)), signal)
        .catch((error: unknown) => this.lastResort(prepared, error, trace)),
    );
    if ('hit' in outcome) return this.fromCache(prepared, outcome.hit, trace, outcome.error);
    const { result, target, fallbackCount } = outcome;
    this.answered(trace, plan, target, fallbackCount);
    trace.usage = { ...result.completion.usage, source: result.usageSource };
    const costNanoUsd = costOf(result.completion.usage, target.model);
    const completion = await stage('output_guard', () => this.stages.guardOutput(prepared, result.completion, trace));
    // Not awaited: the answer need not wait for Redis (a failed store is logged and skipped).
    void stage('cache_store', () => this.stages.store(prepared, result.completion, target, fallbackCount, costNanoUsd));
    return {
      completion,
      provider: target.adapter.id,
      model: target.model.id,
      fallbackCount,
      routeReason: plan.reason,
      taskType: plan.taskType,
      costNanoUsd,
      cache: 'miss',
      sqlFindings: prepared.guard?.sqlFindings ?? [],
      providerRateLimitHeaders: result.rateLimitHeaders,
    };
  }

  /**
   * Streams into the sink. An error before the first chunk is thrown (the caller answers with a
   * plain JSON error); after it, the stream ends with an error event.
   */
  async stream(body: unknown, caller: CallerContext, signal: AbortSignal, sink: ChatStreamSink, options: ChatCallOptions = {}): Promise<void> {
    const trace = new CallTrace(caller, options.endpoint ?? CHAT_ENDPOINT, true, performance.now(), modelOf(body));
    let admission: Admission | null = null;
    let opened = false;
    let started: StartedStream | null = null;
    let relayed: ChatCompletionChunk[] = [];
    let cached: ChatCompletion | null = null;
    try {
      const prepared = await stage('prepare', () => this.stages.prepare(body, caller, options, trace));
      const wantsUsage = prepared.request.stream_options?.include_usage === true;
      const hit = await stage('cache_lookup', () => this.stages.lookup(prepared, trace));
      if (hit) {
        admission = await this.stages.admit(prepared, null, caller, options);
        this.fromCacheTrace(trace, hit);
        opened = true;
        cached = this.relayCached(prepared, hit, sink, wantsUsage, trace);
        return;
      }
      const plan = await stage('route', () => this.plan(prepared, options, trace, caller));
      admission = await stage('admit', () => this.stages.admit(prepared, plan, caller, options));
      // A candidate counts as answering once its first chunk arrives; until then it may fall over.
      const { result, target, fallbackCount } = await stage('execute', () =>
        this.caller.run(plan, (resolved, attemptSignal) => this.startStream(prepared.request, resolved, caller, attemptSignal), signal),
      );
      started = result;
      this.answered(trace, plan, target, fallbackCount);
      trace.firstTokenAtMs = performance.now();
      sink.open({ provider: target.adapter.id, model: target.model.id, fallbackCount, routeReason: plan.reason, cache: 'miss', providerRateLimitHeaders: started.upstream.rateLimitHeaders() });
      opened = true;
      relayed = [];
      const guard = prepared.guard?.streamGuard() ?? null;
      const emit = (chunk: ChatCompletionChunk) => {
        const isUsageChunk = chunk.choices.length === 0 && chunk.usage;
        if (!isUsageChunk || wantsUsage) sink.send(chunk);
      };
      for (let next = started.first; !next.done; next = await started.iterator.next()) {
        relayed.push(next.value);
        for (const chunk of guard ? guard.push(next.value) : [next.value]) emit(chunk);
        // A client behind on reading holds the upstream back rather than our memory.
        const behind = sink.drained?.();
        if (behind) await behind;
        if (guard?.truncated) {
          await started.iterator.return?.(); // the answer hit its length limit: stop the upstream
          break;
        }
      }
      for (const chunk of guard?.end() ?? []) emit(chunk);
      if (prepared.guard) this.stages.noteActions(prepared.guard, trace);
      sink.close();
      await this.storeStreamed(prepared, relayed, target, fallbackCount);
    } catch (error) {
      const failure = this.failed(trace, error);
      if (!opened) throw failure;
      sink.fail(failure);
    } finally {
      // What was produced is billed: the provider's usage, or a count of what was relayed.
      if (started) trace.usage = started.upstream.usage();
      void admission?.settle(settlementOf(trace));
      this.meter.record(trace);
      this.logRequest(trace, body, cached ?? (relayed.length > 0 ? completionFromChunks(relayed) : null));
    }
  }

  /** The payload log (LOG_PAYLOADS): masked and shipped off the request path by the recorder. */
  private logRequest(trace: CallTrace, body: unknown, sent: ChatCompletion | null): void {
    if (!this.requestLogs) return;
    const { caller } = trace;
    this.requestLogs.record({
      requestId: caller.requestId,
      apiKeyId: caller.apiKeyId,
      teamId: caller.teamId,
      endpoint: trace.endpoint,
      model: trace.model,
      provider: trace.provider,
      stream: trace.stream,
      latencyMs: performance.now() - trace.startedAtMs,
      request: body,
      response: sent,
      error: trace.error,
    });
  }

  private plan(prepared: PreparedChat, options: ChatCallOptions, trace: CallTrace, caller: CallerContext): RoutePlan {
    const plan = this.planner.plan(prepared.request, options.hints ?? {}, {
      policy: caller.policy,
      extensions: prepared.extensions,
      budgetFractionLeft: this.stages.budgetFractionLeft(caller),
    });
    trace.taskType = plan.taskType;
    // Until a candidate answers, a failure is metered against the first choice.
    const first = plan.candidates[0];
    if (first) trace.target(first.adapter.id, first.model);
    return plan;
  }

  private answered(trace: CallTrace, plan: RoutePlan, target: ResolvedModel, fallbackCount: number): void {
    trace.target(target.adapter.id, target.model);
    trace.fallbackCount = fallbackCount;
    const index = plan.candidates.indexOf(target);
    trace.fallenFrom = plan.candidates.slice(0, Math.max(0, index)).map(({ adapter, model }) => ({ provider: adapter.id, model: model.id }));
  }

  /** When every candidate is down, a similar cached answer (if any) beats a 503. */
  private async lastResort(prepared: PreparedChat, error: unknown, trace: CallTrace): Promise<{ hit: CacheHit; error: GatewayError }> {
    if (!(error instanceof GatewayError) || error.type !== 'service_unavailable') throw error;
    const hit = await this.stages.lookup(prepared, trace, { lastResort: true });
    if (!hit) throw error;
    return { hit, error };
  }

  private fromCache(prepared: PreparedChat, hit: CacheHit, trace: CallTrace, cause?: GatewayError): ChatAnswer {
    this.fromCacheTrace(trace, hit);
    return {
      completion: this.stages.guardOutput(prepared, hit.completion, trace),
      provider: hit.provider,
      model: hit.model,
      fallbackCount: 0,
      routeReason: cause ? `last resort: cached answer (${cause.message.slice(0, 120)})` : 'cached answer',
      taskType: trace.taskType ?? 'general',
      costNanoUsd: 0,
      cache: cause ? `${cacheHeaderValue(hit)}; last-resort` : cacheHeaderValue(hit),
      sqlFindings: prepared.guard?.sqlFindings ?? [],
    };
  }

  private fromCacheTrace(trace: CallTrace, hit: CacheHit): void {
    const known = this.resolvable(hit.model);
    if (known) trace.target(known.adapter.id, known.model);
    trace.provider = hit.provider;
    trace.model = hit.model;
    trace.firstTokenAtMs = performance.now();
    trace.usage = { prompt_tokens: hit.completion.usage.prompt_tokens, completion_tokens: hit.completion.usage.completion_tokens, source: 'provider' };
  }

  /** The model a cached answer came from, if it is still configured (for its price in metrics). */
  private resolvable(model: string): ResolvedModel | null {
    try {
      return this.providers.resolve(model);
    } catch {
      return null;
    }
  }

  private relayCached(prepared: PreparedChat, hit: CacheHit, sink: ChatStreamSink, wantsUsage: boolean, trace: CallTrace): ChatCompletion {
    const completion = this.stages.guardOutput(prepared, hit.completion, trace);
    sink.open({ provider: hit.provider, model: hit.model, fallbackCount: 0, routeReason: 'cached answer', cache: cacheHeaderValue(hit) });
    for (const chunk of replayAsChunks(completion, { includeUsage: wantsUsage })) sink.send(chunk);
    sink.close();
    return completion;
  }

  private async storeStreamed(prepared: PreparedChat, relayed: ChatCompletionChunk[], target: ResolvedModel, fallbackCount: number): Promise<void> {
    const completion = completionFromChunks(relayed);
    if (completion) await this.stages.store(prepared, completion, target, fallbackCount, costOf(completion.usage, target.model));
  }

  private failed(trace: CallTrace, error: unknown): GatewayError {
    const failure = trace.fail(error);
    const actions = failure.metadata['actions'];
    if (Array.isArray(actions)) for (const action of actions) if (typeof action === 'string' && !trace.guardrailActions.includes(action)) trace.guardrailActions.push(action);
    return failure;
  }

  private callContext(model: ModelEntry, caller: CallerContext, signal: AbortSignal): ProviderCallContext {
    return { signal, timeoutMs: model.timeoutMs ?? this.timeoutMs, requestId: caller.requestId };
  }

  private async startStream(request: ChatCompletionRequest, { adapter, model }: ResolvedModel, caller: CallerContext, signal: AbortSignal): Promise<StartedStream> {
    const upstream = adapter.chatStream(withDefaults(request, model), model, this.callContext(model, caller, signal));
    const iterator = upstream[Symbol.asyncIterator]();
    return { upstream, iterator, first: await iterator.next() };
  }
}
