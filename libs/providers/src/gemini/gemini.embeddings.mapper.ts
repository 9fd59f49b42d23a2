import { type EmbeddingList, type EmbeddingRequest, ProviderError } from '@llmgw/contracts';
import { invalidResponse } from '../openai/openai.errors';
import { countTextTokens } from '../token-counter';
import { wireBatchEmbedSchema } from './gemini.wire.schema';

/** batchEmbedContents takes at most this many requests per call. */
export const GEMINI_EMBED_BATCH_LIMIT = 100;

/** The input strings; Gemini embeds text only, so token-id arrays are refused. Pure. */
export function embeddingTexts(provider: string, input: EmbeddingRequest['input']): string[] {
  if (typeof input === 'string') return [input];
  if (input.every((item): item is string => typeof item === 'string')) return input;
  throw new ProviderError('invalid_request_error', `${provider}: embeddings take text, not token ids`, provider, null, {
    param: 'input',
  });
}

/** One BatchEmbedContentsRequest: one EmbedContentRequest per input string. Pure. */
export function toGeminiBatchEmbedBody(
  modelResource: string,
  texts: readonly string[],
  dimensions: number | undefined,
): Record<string, unknown> {
  return {
    requests: texts.map((text) => ({
      model: modelResource,
      content: { parts: [{ text }] },
      ...(dimensions !== undefined ? { outputDimensionality: dimensions } : {}),
    })),
  };
}

/** The vectors of one batch answer, checked to be one per input. */
export function fromGeminiBatchEmbed(provider: string, bodyText: string, expected: number): number[][] {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch (error) {
    throw invalidResponse(provider, 'body is not JSON', error);
  }
  const parsed = wireBatchEmbedSchema.safeParse(json);
  if (!parsed.success) throw invalidResponse(provider, 'not a BatchEmbedContentsResponse', parsed.error);
  if (parsed.data.embeddings.length !== expected) {
    throw invalidResponse(provider, `${parsed.data.embeddings.length} embeddings for ${expected} inputs`);
  }
  return parsed.data.embeddings.map((embedding) => embedding.values);
}

/**
 * OpenAI's embedding list. Gemini reports no token counts for embeddings, so usage is our
 * tokenizer's count of the inputs (an estimate). Base64 is little-endian float32, as OpenAI sends it.
 */
export function toEmbeddingList(
  model: string,
  texts: readonly string[],
  vectors: readonly number[][],
  encoding: EmbeddingRequest['encoding_format'],
): EmbeddingList {
  const prompt_tokens = texts.reduce((sum, text) => sum + countTextTokens(text), 0);
  return {
    object: 'list',
    data: vectors.map((values, index) => ({
      object: 'embedding',
      index,
      embedding: encoding === 'base64' ? float32Base64(values) : values,
    })),
    model,
    usage: { prompt_tokens, total_tokens: prompt_tokens },
  };
}

function float32Base64(values: readonly number[]): string {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((value, index) => view.setFloat32(index * 4, value, true));
  return Buffer.from(view.buffer).toString('base64');
}
