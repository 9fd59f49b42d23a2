import { createHash } from 'node:crypto';
import type { EmbeddingList, EmbeddingRequest } from '@llmgw/contracts';
import { countTextTokens } from '../token-counter';

const DEFAULT_DIMENSIONS = 256;

/**
 * Deterministic unit vectors: the same input always embeds to the same vector, different inputs
 * to nearly orthogonal ones. Enough to exercise the path and caching, not to judge similarity.
 */
export function mockEmbeddings(request: EmbeddingRequest, modelId: string): EmbeddingList {
  const inputs = normaliseInputs(request.input);
  const dimensions = request.dimensions ?? DEFAULT_DIMENSIONS;
  const promptTokens = inputs.reduce((sum, input) => sum + (typeof input === 'string' ? countTextTokens(input) : input.length), 0);
  return {
    object: 'list',
    data: inputs.map((input, index) => ({ object: 'embedding', index, embedding: unitVector(JSON.stringify(input), dimensions) })),
    model: modelId,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

function normaliseInputs(input: EmbeddingRequest['input']): Array<string | number[]> {
  if (typeof input === 'string') return [input];
  if (input.every((item) => typeof item === 'number')) return [input as number[]];
  return input as Array<string | number[]>;
}

function unitVector(seed: string, dimensions: number): number[] {
  const values: number[] = [];
  for (let block = 0; values.length < dimensions; block += 1) {
    const digest = createHash('sha256').update(`${block}:${seed}`).digest();
    for (let offset = 0; offset + 4 <= digest.length && values.length < dimensions; offset += 4) {
      values.push(digest.readInt32BE(offset) / 2 ** 31);
    }
  }
  const norm = Math.sqrt(values.reduce((sum, value) => sum + value * value, 0));
  return values.map((value) => value / norm);
}
