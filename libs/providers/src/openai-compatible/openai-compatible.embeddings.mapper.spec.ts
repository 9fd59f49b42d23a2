import { MODELS } from '../registry/models.data';
import { countTextTokens } from '../token-counter';
import {
  embeddingTexts,
  estimateEmbeddingTokens,
  fromEmbeddingResponse,
  toEmbeddingBody,
} from './openai-compatible.embeddings.mapper';

const model = { ...MODELS[0]!, id: 'emb', upstreamModel: 'text-embedding-3-small' };

describe('embeddings mapping', () => {
  it('sends the upstream model, keeping the request’s options', () => {
    expect(toEmbeddingBody({ model: 'emb', input: 'a', dimensions: 256 }, model)).toEqual({
      model: 'text-embedding-3-small',
      input: 'a',
      dimensions: 256,
    });
  });

  it('reads the answer in input order with the provider’s usage', () => {
    const body = JSON.stringify({
      object: 'list',
      data: [
        { object: 'embedding', index: 1, embedding: [0.3] },
        { object: 'embedding', index: 0, embedding: [0.1] },
      ],
      model: 'text-embedding-3-small',
      usage: { prompt_tokens: 7, total_tokens: 7 },
    });
    const list = fromEmbeddingResponse('openai', body, { model: 'emb', input: ['x', 'y'] }, model);
    expect(list.data.map((item) => item.embedding)).toEqual([[0.1], [0.3]]);
    expect(list.usage).toEqual({ prompt_tokens: 7, total_tokens: 7 });
  });

  it('refuses a body that is not an embeddings list', () => {
    expect(() => fromEmbeddingResponse('openai', '{"data":"nope"}', { model: 'emb', input: 'x' }, model)).toThrow(
      expect.objectContaining({ code: 'invalid_response' }),
    );
  });

  it('estimates tokens of text and token-id inputs; text-only vendors refuse token ids', () => {
    expect(estimateEmbeddingTokens({ input: ['hello world', 'hi'] })).toBe(
      countTextTokens('hello world') + countTextTokens('hi'),
    );
    expect(estimateEmbeddingTokens({ input: [[1, 2, 3], [4]] })).toBe(4);
    expect(embeddingTexts('cohere', { input: 'one' })).toEqual(['one']);
    expect(() => embeddingTexts('cohere', { input: [1, 2] })).toThrow(
      expect.objectContaining({ type: 'invalid_request_error' }),
    );
  });
});
