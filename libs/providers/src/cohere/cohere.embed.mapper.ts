import type { EmbeddingList, EmbeddingRequest } from '@llmgw/contracts';
import { estimateEmbeddingTokens, embeddingTexts } from '../openai-compatible/openai-compatible.embeddings.mapper';
import { invalidResponse } from '../openai/openai.errors';
import type { ModelEntry } from '../registry/model-entry';
import { cohereEmbedResponseSchema } from './cohere.wire.schema';

/**
 * The `POST /v2/embed` body: texts as documents to be searched (the gateway's embeddings feed
 * semantic caches and indexes), float vectors. `dimensions` maps to `output_dimension` (embed-v4). Pure.
 */
export function toCohereEmbedBody(request: EmbeddingRequest, model: ModelEntry): Record<string, unknown> {
  return {
    model: model.upstreamModel,
    texts: embeddingTexts('cohere', request),
    input_type: 'search_document',
    embedding_types: ['float'],
    ...(request.dimensions ? { output_dimension: request.dimensions } : {}),
  };
}

/** Reads `{embeddings: {float: [...]}, meta.billed_units}` into OpenAI's list; base64 if asked. Pure. */
export function fromCohereEmbed(bodyText: string, request: EmbeddingRequest, model: ModelEntry): EmbeddingList {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch (error) {
    throw invalidResponse('cohere', 'body is not JSON', error);
  }
  const parsed = cohereEmbedResponseSchema.safeParse(json);
  if (!parsed.success) throw invalidResponse('cohere', 'not an embed response', parsed.error);
  const billed = parsed.data.meta?.billed_units?.input_tokens;
  const prompt_tokens = billed ?? estimateEmbeddingTokens(request);
  const base64 = request.encoding_format === 'base64';
  return {
    object: 'list',
    data: parsed.data.embeddings.float.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector,
    })),
    model: model.upstreamModel,
    usage: { prompt_tokens, total_tokens: prompt_tokens },
  };
}
