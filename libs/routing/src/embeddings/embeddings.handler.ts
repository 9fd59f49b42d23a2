import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig } from '@llmgw/config';
import { embeddingRequestSchema, GatewayError, invalidRequestFromZod, type CallerContext, type EmbeddingList } from '@llmgw/contracts';
import { ProviderRegistry, type UpstreamRateLimitHeaders } from '@llmgw/providers';
import { CallTrace } from '../metering/call-trace';
import { RequestMeter } from '../metering/request-meter';
import { encodeEmbeddings } from './embedding-encoding';

export interface EmbeddingAnswer {
  embeddings: EmbeddingList;
  provider: string;
  model: string;
  /** The provider's rate-limit headers, to relay. */
  providerRateLimitHeaders?: UpstreamRateLimitHeaders;
}

/** `/v1/embeddings`: validate, resolve an embedding model, call its provider, meter. */
@Injectable()
export class EmbeddingsHandler {
  private readonly timeoutMs: number;

  constructor(
    private readonly providers: ProviderRegistry,
    private readonly meter: RequestMeter,
    config: ConfigService<GatewayConfig, true>,
  ) {
    this.timeoutMs = config.get('UPSTREAM_TIMEOUT_MS', { infer: true });
  }

  async embed(body: unknown, caller: CallerContext, signal: AbortSignal): Promise<EmbeddingAnswer> {
    const requestedModel = typeof body === 'object' && body !== null ? (body as { model?: unknown }).model : undefined;
    const trace = new CallTrace(caller, 'embeddings', false, performance.now(), requestedModel);
    try {
      const parsed = embeddingRequestSchema.safeParse(body);
      if (!parsed.success) throw invalidRequestFromZod(parsed.error);
      const { adapter, model } = this.providers.resolve(parsed.data.model);
      if (!adapter.embed || !model.capabilities.embeddings) {
        throw new GatewayError('invalid_request_error', `The model '${model.id}' does not support embeddings`, {
          param: 'model',
          code: 'model_not_supported',
        });
      }
      trace.target(adapter.id, model);
      const { embeddings, rateLimitHeaders } = await adapter.embed(parsed.data, model, { signal, timeoutMs: model.timeoutMs ?? this.timeoutMs, requestId: caller.requestId });
      trace.usage = { prompt_tokens: embeddings.usage.prompt_tokens, completion_tokens: 0, source: 'provider' };
      return { embeddings: encodeEmbeddings(embeddings, parsed.data.encoding_format), provider: adapter.id, model: model.id, providerRateLimitHeaders: rateLimitHeaders };
    } catch (error) {
      throw trace.fail(error);
    } finally {
      this.meter.record(trace);
    }
  }
}
