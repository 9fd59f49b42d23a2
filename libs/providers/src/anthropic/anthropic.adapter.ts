import type { ChatCompletionChunk, ChatCompletionRequest } from '@llmgw/contracts';
import { healthCallContext } from '../call/health-call';
import { UpstreamClient, type UpstreamPost } from '../openai-compatible/upstream-client';
import type { ProviderAdapter, ProviderCallContext, ProviderChatResult, ProviderStream } from '../provider-adapter';
import type { ModelEntry } from '../registry/model-entry';
import { MeteredStream } from '../streaming/metered-stream';
import { StreamUsageMeter } from '../streaming/stream-usage.meter';
import { type AnthropicApiOptions, type AnthropicEndpoint, anthropicEndpoint, anthropicHeaders } from './anthropic.api';
import { fromAnthropicMessage, toAnthropicBody } from './anthropic.chat.mapper';
import { mapAnthropicHttpError } from './anthropic.errors';
import { endAnthropicStream, readAnthropicStreamEvent, startAnthropicStream } from './anthropic.stream.mapper';

export interface AnthropicAdapterOptions extends AnthropicApiOptions {
  /** Adapter id; defaults to 'anthropic' (matches `ModelEntry.provider`). */
  id?: string;
  /** Upper bound of pooled keep-alive connections to the upstream. */
  connections?: number;
}

/**
 * Anthropic's Messages API (`POST /v1/messages`, plain and SSE) over one keep-alive pool.
 * No `embed`: Anthropic has no embeddings API.
 */
export class AnthropicAdapter implements ProviderAdapter {
  readonly id: string;
  private readonly endpoint: AnthropicEndpoint;
  private readonly client: UpstreamClient;

  constructor(private readonly options: AnthropicAdapterOptions) {
    this.id = options.id ?? 'anthropic';
    this.endpoint = anthropicEndpoint(options.baseUrl);
    const mapHttpError = (status: number, body: string, retryAfter: string | string[] | undefined) =>
      mapAnthropicHttpError(this.id, status, body, retryAfter);
    this.client = new UpstreamClient(this.id, this.endpoint.origin, mapHttpError, options.connections);
  }

  async chat(request: ChatCompletionRequest, model: ModelEntry, ctx: ProviderCallContext): Promise<ProviderChatResult> {
    const rateLimitHeaders: string[] = [];
    const text = await this.client.postJson(this.post(request, model, false), ctx, rateLimitHeaders);
    const result = fromAnthropicMessage(this.id, text, nowSeconds());
    result.rateLimitHeaders = rateLimitHeaders;
    return result;
  }

  chatStream(request: ChatCompletionRequest, model: ModelEntry, ctx: ProviderCallContext): ProviderStream {
    const rateLimitHeaders: string[] = [];
    return new MeteredStream(this.streamChunks(request, model, ctx, rateLimitHeaders), new StreamUsageMeter(request), rateLimitHeaders);
  }

  /** `GET /v1/models` with the key and version headers: free, and fails on a bad key. */
  async checkHealth(signal: AbortSignal): Promise<void> {
    await this.client.getJson(this.endpoint.modelsPath, anthropicHeaders(this.options), healthCallContext(signal));
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private async *streamChunks(
    request: ChatCompletionRequest,
    model: ModelEntry,
    ctx: ProviderCallContext,
    rateLimitHeaders: string[],
  ): AsyncGenerator<ChatCompletionChunk> {
    let state = startAnthropicStream(this.id, nowSeconds());
    // Read to the end of the body even after message_stop (the mapper then yields nothing), so the
    // connection goes back to the pool.
    for await (const event of this.client.postSse(this.post(request, model, true), ctx, rateLimitHeaders)) {
      const step = readAnthropicStreamEvent(state, event);
      state = step.state;
      yield* step.chunks;
    }
    yield* endAnthropicStream(state);
  }

  private post(request: ChatCompletionRequest, model: ModelEntry, stream: boolean): UpstreamPost {
    return {
      path: this.endpoint.messagesPath,
      headers: anthropicHeaders(this.options),
      body: toAnthropicBody(this.id, request, model, stream),
    };
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
