import { randomUUID } from 'node:crypto';
import {
  type ChatCompletionChunk,
  type ChatCompletionRequest,
  type EmbeddingRequest,
  ProviderError,
} from '@llmgw/contracts';
import { Pool, type Dispatcher } from 'undici';
import { CallDeadline } from '../call/call-deadline';
import { healthCallContext } from '../call/health-call';
import { invalidResponse, mapOpenAiTransportError } from '../openai/openai.errors';
import type { ProviderAdapter, ProviderCallContext, ProviderChatResult, ProviderEmbeddingResult, ProviderStream } from '../provider-adapter';
import type { ModelEntry } from '../registry/model-entry';
import { MeteredStream } from '../streaming/metered-stream';
import { SseDecoder } from '../streaming/sse.decoder';
import { StreamUsageMeter } from '../streaming/stream-usage.meter';
import { type GeminiApiOptions, type GeminiEndpoint, geminiEndpoint, geminiHeaders } from './gemini.api';
import { toGeminiChatBody } from './gemini.chat.mapper';
import {
  embeddingTexts,
  fromGeminiBatchEmbed,
  GEMINI_EMBED_BATCH_LIMIT,
  toEmbeddingList,
  toGeminiBatchEmbedBody,
} from './gemini.embeddings.mapper';
import { mapGeminiHttpError } from './gemini.errors';
import { fromGeminiResponse } from './gemini.response.mapper';
import { GeminiStreamMapper } from './gemini.stream.mapper';

export interface GeminiAdapterOptions extends GeminiApiOptions {
  /** Adapter id; defaults to 'gemini' (matches `ModelEntry.provider`). */
  id?: string;
  /** Upper bound of pooled keep-alive connections to the upstream. */
  connections?: number;
}

const CLOSE_GRACE_MS = 2_000;

/** Google Gemini (Generative Language API, v1beta) over one keep-alive undici pool. */
export class GeminiAdapter implements ProviderAdapter {
  readonly id: string;
  private readonly endpoint: GeminiEndpoint;
  private readonly pool: Pool;

  constructor(private readonly options: GeminiAdapterOptions) {
    this.id = options.id ?? 'gemini';
    this.endpoint = geminiEndpoint(options.baseUrl);
    this.pool = new Pool(this.endpoint.origin, {
      connections: options.connections ?? 128,
      pipelining: 1,
      keepAliveTimeout: 30_000,
    });
  }

  async chat(request: ChatCompletionRequest, model: ModelEntry, ctx: ProviderCallContext): Promise<ProviderChatResult> {
    // Not restarted: a plain answer must arrive, headers and body, within timeoutMs.
    const deadline = new CallDeadline(ctx);
    try {
      const body = toGeminiChatBody(this.id, request);
      const response = await this.post(this.endpoint.generatePath(model.upstreamModel), body, ctx, deadline);
      const text = await response.body.text();
      if (!isSuccess(response.statusCode)) throw this.httpError(response, text);
      return fromGeminiResponse(text, request, this.answerContext(model));
    } catch (error) {
      throw this.failure(error, deadline);
    } finally {
      deadline.dispose();
    }
  }

  chatStream(request: ChatCompletionRequest, model: ModelEntry, ctx: ProviderCallContext): ProviderStream {
    return new MeteredStream(this.streamChunks(request, model, ctx), new StreamUsageMeter(request));
  }

  async embed(request: EmbeddingRequest, model: ModelEntry, ctx: ProviderCallContext): Promise<ProviderEmbeddingResult> {
    const deadline = new CallDeadline(ctx);
    try {
      const texts = embeddingTexts(this.id, request.input);
      const vectors: number[][] = [];
      for (let start = 0; start < texts.length; start += GEMINI_EMBED_BATCH_LIMIT) {
        const batch = texts.slice(start, start + GEMINI_EMBED_BATCH_LIMIT);
        const resource = this.endpoint.modelResource(model.upstreamModel);
        const body = toGeminiBatchEmbedBody(resource, batch, request.dimensions);
        const response = await this.post(this.endpoint.batchEmbedPath(model.upstreamModel), body, ctx, deadline);
        const text = await response.body.text();
        if (!isSuccess(response.statusCode)) throw this.httpError(response, text);
        vectors.push(...fromGeminiBatchEmbed(this.id, text, batch.length));
        deadline.restart();
      }
      return { embeddings: toEmbeddingList(model.upstreamModel, texts, vectors, request.encoding_format) };
    } catch (error) {
      throw this.failure(error, deadline);
    } finally {
      deadline.dispose();
    }
  }

  /** `GET /v1beta/models` with `x-goog-api-key`: free, and fails on a bad key. */
  async checkHealth(signal: AbortSignal): Promise<void> {
    const ctx = healthCallContext(signal);
    const deadline = new CallDeadline(ctx);
    try {
      const response = await this.pool.request({
        method: 'GET',
        path: this.endpoint.modelsPath,
        headers: geminiHeaders(this.options, ctx.requestId),
        signal: deadline.signal,
        headersTimeout: ctx.timeoutMs,
        bodyTimeout: ctx.timeoutMs,
      });
      const text = await response.body.text();
      if (!isSuccess(response.statusCode)) throw this.httpError(response, text);
    } catch (error) {
      throw this.failure(error, deadline);
    } finally {
      deadline.dispose();
    }
  }

  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), CLOSE_GRACE_MS)));
    const outcome = await Promise.race([this.pool.close().then(() => 'closed' as const), graceOver]);
    clearTimeout(timer);
    if (outcome === 'late') await this.pool.destroy();
  }

  private async *streamChunks(
    request: ChatCompletionRequest,
    model: ModelEntry,
    ctx: ProviderCallContext,
  ): AsyncGenerator<ChatCompletionChunk> {
    // Restarted on every piece of body: an idle timeout, so long streams may run as long as they flow.
    const deadline = new CallDeadline(ctx);
    let body: Dispatcher.ResponseData['body'] | undefined;
    let drained = false;
    try {
      const payload = toGeminiChatBody(this.id, request);
      const response = await this.post(this.endpoint.streamPath(model.upstreamModel), payload, ctx, deadline);
      body = response.body;
      if (!isSuccess(response.statusCode)) throw this.httpError(response, await body.text());
      const decoder = new SseDecoder();
      const mapper = new GeminiStreamMapper(this.answerContext(model));
      for await (const bytes of body) {
        // Idle means the provider sends nothing while we wait for it, not while our client reads.
        deadline.pause();
        for (const event of decoder.push(bytes as Buffer)) yield* mapper.push(event.data);
        deadline.restart();
      }
      drained = true;
      for (const event of decoder.end()) yield* mapper.push(event.data);
      if (!mapper.finished) throw invalidResponse(this.id, 'stream ended before the answer was complete');
      yield* mapper.end();
    } catch (error) {
      throw this.failure(error, deadline);
    } finally {
      deadline.dispose();
      // Stopped early (consumer broke off, error, abort): closing the body closes the upstream socket.
      if (body && !drained) body.destroy();
    }
  }

  private answerContext(model: ModelEntry) {
    return {
      provider: this.id,
      upstreamModel: model.upstreamModel,
      nowSeconds: Math.floor(Date.now() / 1000),
      fallbackId: randomUUID().replace(/-/g, ''),
    };
  }

  private post(
    path: string,
    payload: Record<string, unknown>,
    ctx: ProviderCallContext,
    deadline: CallDeadline,
  ): Promise<Dispatcher.ResponseData> {
    return this.pool.request({
      method: 'POST',
      path,
      headers: geminiHeaders(this.options, ctx.requestId),
      body: JSON.stringify(payload),
      signal: deadline.signal,
      headersTimeout: ctx.timeoutMs,
      bodyTimeout: ctx.timeoutMs,
    });
  }

  private httpError(response: Dispatcher.ResponseData, text: string): ProviderError {
    return mapGeminiHttpError(this.id, response.statusCode, text, response.headers['retry-after']);
  }

  private failure(error: unknown, deadline: CallDeadline): ProviderError {
    return (
      deadline.abortFailure(this.id, error) ??
      (error instanceof ProviderError ? error : mapOpenAiTransportError(this.id, error))
    );
  }
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
