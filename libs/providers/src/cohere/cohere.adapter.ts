import type { ChatCompletionChunk, ChatCompletionRequest, EmbeddingRequest } from '@llmgw/contracts';
import { healthCallContext } from '../call/health-call';
import { UpstreamClient } from '../openai-compatible/upstream-client';
import type { ProviderAdapter, ProviderCallContext, ProviderChatResult, ProviderEmbeddingResult, ProviderStream } from '../provider-adapter';
import type { ModelEntry } from '../registry/model-entry';
import { MeteredStream } from '../streaming/metered-stream';
import { StreamUsageMeter } from '../streaming/stream-usage.meter';
import { type CohereApiOptions, type CohereEndpoint, cohereEndpoint, cohereHeaders } from './cohere.api';
import { fromCohereChat, toCohereChatBody } from './cohere.chat.mapper';
import { fromCohereEmbed, toCohereEmbedBody } from './cohere.embed.mapper';
import { mapCohereHttpError } from './cohere.errors';
import { CohereStreamMapper } from './cohere.stream.mapper';

export interface CohereAdapterOptions extends CohereApiOptions {
  connections?: number;
}

/** Cohere v2 chat (plain and streamed) and embed over one keep-alive pool, in OpenAI's shapes. */
export class CohereAdapter implements ProviderAdapter {
  readonly id = 'cohere';
  private readonly endpoint: CohereEndpoint;
  private readonly headers: Record<string, string>;
  private readonly client: UpstreamClient;

  constructor(options: CohereAdapterOptions) {
    this.endpoint = cohereEndpoint(options.baseUrl);
    this.headers = cohereHeaders(options);
    this.client = new UpstreamClient(this.id, this.endpoint.origin, mapCohereHttpError, options.connections);
  }

  async chat(request: ChatCompletionRequest, model: ModelEntry, ctx: ProviderCallContext): Promise<ProviderChatResult> {
    const body = toCohereChatBody(request, model, false);
    const text = await this.client.postJson({ path: this.endpoint.chatPath, headers: this.headers, body }, ctx);
    return fromCohereChat(text, request, model);
  }

  chatStream(request: ChatCompletionRequest, model: ModelEntry, ctx: ProviderCallContext): ProviderStream {
    return new MeteredStream(this.streamChunks(request, model, ctx), new StreamUsageMeter(request));
  }

  async embed(request: EmbeddingRequest, model: ModelEntry, ctx: ProviderCallContext): Promise<ProviderEmbeddingResult> {
    const body = toCohereEmbedBody(request, model);
    const text = await this.client.postJson({ path: this.endpoint.embedPath, headers: this.headers, body }, ctx);
    return { embeddings: fromCohereEmbed(text, request, model) };
  }

  /** `GET /v1/models` with the key: free, and fails on a bad key. */
  async checkHealth(signal: AbortSignal): Promise<void> {
    await this.client.getJson(this.endpoint.modelsPath, this.headers, healthCallContext(signal));
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private async *streamChunks(
    request: ChatCompletionRequest,
    model: ModelEntry,
    ctx: ProviderCallContext,
  ): AsyncGenerator<ChatCompletionChunk> {
    const mapper = new CohereStreamMapper(model.upstreamModel);
    const post = { path: this.endpoint.chatPath, headers: this.headers, body: toCohereChatBody(request, model, true) };
    // Past message-end the loop keeps reading to the end of the body, so the connection is reused.
    for await (const event of this.client.postSse(post, ctx)) yield* mapper.map(event.data);
    mapper.end();
  }
}
