import { type EmbeddingList, type EmbeddingRequest, ProviderError } from '@llmgw/contracts';
import { z } from 'zod';
import { invalidResponse } from '../openai/openai.errors';
import type { ModelEntry } from '../registry/model-entry';
import { countTextTokens } from '../token-counter';

const wireEmbeddingsSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      index: z.number().int().nonnegative(),
      embedding: z.union([z.array(z.number()), z.string()]),
    }),
  ),
  model: z.string().optional(),
  usage: z.looseObject({ prompt_tokens: z.number().int().nonnegative() }).nullable().optional(),
});

/** The embeddings body sent upstream: the client's request with our upstream model name. */
export function toEmbeddingBody(request: EmbeddingRequest, model: ModelEntry): Record<string, unknown> {
  return { ...request, model: model.upstreamModel };
}

/**
 * Reads a 2xx embeddings answer into OpenAI's shape, in input order. Usage is the vendor's when
 * it sent one (Together does not), else a tokenizer count of the text inputs. Pure.
 */
export function fromEmbeddingResponse(
  provider: string,
  bodyText: string,
  request: EmbeddingRequest,
  model: ModelEntry,
): EmbeddingList {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch (error) {
    throw invalidResponse(provider, 'body is not JSON', error);
  }
  const parsed = wireEmbeddingsSchema.safeParse(json);
  if (!parsed.success) throw invalidResponse(provider, 'not an embeddings list', parsed.error);
  const wire = parsed.data;
  const prompt_tokens = wire.usage ? wire.usage.prompt_tokens : estimateEmbeddingTokens(request);
  return {
    object: 'list',
    data: [...wire.data]
      .sort((a, b) => a.index - b.index)
      .map((item) => ({ object: 'embedding', index: item.index, embedding: item.embedding })),
    model: wire.model ?? model.upstreamModel,
    usage: { prompt_tokens, total_tokens: prompt_tokens },
  };
}

/** Token ids count as themselves; text is counted with our tokenizer. */
export function estimateEmbeddingTokens(request: Pick<EmbeddingRequest, 'input'>): number {
  const { input } = request;
  if (typeof input === 'string') return countTextTokens(input);
  return input.reduce<number>(
    (sum, item) => sum + (typeof item === 'string' ? countTextTokens(item) : Array.isArray(item) ? item.length : 1),
    0,
  );
}

/** Text inputs as strings; token-id inputs refused (for vendors that only take text). */
export function embeddingTexts(provider: string, request: Pick<EmbeddingRequest, 'input'>): string[] {
  const { input } = request;
  if (typeof input === 'string') return [input];
  if (input.every((item): item is string => typeof item === 'string')) return input;
  throw new ProviderError(
    'invalid_request_error',
    `${provider} embeddings take text input only, not token ids`,
    provider,
    null,
    {
      param: 'input',
      code: 'unsupported_input',
    },
  );
}
