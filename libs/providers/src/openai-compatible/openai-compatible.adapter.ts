import type { ChatCompletionChunk, ChatCompletionRequest, EmbeddingRequest } from '@llmgw/contracts';
import { healthCallContext } from '../call/health-call';
import { fromOpenAiChatCompletion, toOpenAiChatBody } from '../openai/openai.chat.mapper';
import type { ProviderAdapter, ProviderCallContext, ProviderChatResult, ProviderEmbeddingResult, ProviderStream } from '../provider-adapter';
import type { ModelEntry } from '../registry/model-entry';
import { MeteredStream } from '../streaming/metered-stream';
import { StreamUsageMeter } from '../streaming/stream-usage.meter';
import { ChunkRelay } from './chunk-relay';
import { fromEmbeddingResponse, toEmbeddingBody } from './openai-compatible.embeddings.mapper';
import type { OpenAiCompatibleProfile } from './openai-compatible.profile';
import { type UpstreamPost, UpstreamClient } from './upstream-client';

type EmbedFn = (request: EmbeddingRequest, model: ModelEntry, ctx: ProviderCallContext) => Promise<ProviderEmbeddingResult>;
type CheckHealthFn = (signal: AbortSignal) => Promise<void>;

/**
 * Chat, streaming and embeddings for any OpenAI-compatible vendor over one keep-alive pool.
 * A vendor is a profile (see `compatibleProfile`); OpenAI itself is one of them.
 */
export class OpenAiCompatibleAdapter implements ProviderAdapter {
  readonly id: string;
  /** Present only when the profile has an embeddings endpoint. */
  readonly embed?: EmbedFn;
  /** Present only when the profile has a model list: `GET {modelsPath}` with the vendor's credentials. */
  readonly checkHealth?: CheckHealthFn;
  private readonly client: UpstreamClient;

  constructor(private readonly profile: OpenAiCompatibleProfile) {
    this.id = profile.id;
    this.client = new UpstreamClient(
      profile.id,
      profile.origin,
      (status, text, retryAfter) => profile.httpError(status, text, retryAfter),
      profile.connections,
    );
    const embeddingsPath = profile.embeddingsPath?.bind(profile);
    if (embeddingsPath) this.embed = (request, model, ctx) => this.embedAt(embeddingsPath(model), request, model, ctx);
    const modelsPath = profile.modelsPath?.bind(profile);
    if (modelsPath) this.checkHealth = (signal) => this.readModels(modelsPath(), signal);
  }

  async chat(request: ChatCompletionRequest, model: ModelEntry, ctx: ProviderCallContext): Promise<ProviderChatResult> {
    const rateLimitHeaders: string[] = [];
    const text = await this.client.postJson(this.chatPost(request, model, false, ctx), ctx, rateLimitHeaders);
    const result = fromOpenAiChatCompletion(this.id, text, request);
    result.rateLimitHeaders = rateLimitHeaders;
    return result;
  }

  chatStream(request: ChatCompletionRequest, model: ModelEntry, ctx: ProviderCallContext): ProviderStream {
    const rateLimitHeaders: string[] = [];
    return new MeteredStream(this.streamChunks(request, model, ctx, rateLimitHeaders), new StreamUsageMeter(request), rateLimitHeaders);
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
    const relay = new ChunkRelay(this.id);
    // After [DONE] the loop keeps reading to the end of the body, so the connection is reused.
    for await (const event of this.client.postSse(this.chatPost(request, model, true, ctx), ctx, rateLimitHeaders)) {
      yield* relay.push(event.data);
    }
    yield* relay.end();
  }

  private async readModels(path: string, signal: AbortSignal): Promise<void> {
    const ctx = healthCallContext(signal);
    await this.client.getJson(path, this.profile.headers(ctx.requestId), ctx);
  }

  private async embedAt(
    path: string,
    request: EmbeddingRequest,
    model: ModelEntry,
    ctx: ProviderCallContext,
  ): Promise<ProviderEmbeddingResult> {
    const body = this.profile.embeddingBody(toEmbeddingBody(request, model), model);
    const rateLimitHeaders: string[] = [];
    const text = await this.client.postJson({ path, headers: this.profile.headers(ctx.requestId), body }, ctx, rateLimitHeaders);
    return { embeddings: fromEmbeddingResponse(this.id, text, request, model), rateLimitHeaders };
  }

  private chatPost(
    request: ChatCompletionRequest,
    model: ModelEntry,
    stream: boolean,
    ctx: ProviderCallContext,
  ): UpstreamPost {
    return {
      path: this.profile.chatPath(model),
      headers: this.profile.headers(ctx.requestId),
      body: this.profile.chatBody(toOpenAiChatBody(request, model, stream), model, stream),
    };
  }
}
