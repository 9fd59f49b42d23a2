import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openAiSchemaErrors } from '@llmgw/testing';
import { countTextTokens } from '../token-counter';
import {
  embeddingTexts,
  fromGeminiBatchEmbed,
  toEmbeddingList,
  toGeminiBatchEmbedBody,
} from './gemini.embeddings.mapper';

const fixture = (name: string) => readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8');

describe('Gemini embeddings mapping', () => {
  it('sends one request per input string, with the model resource and dimensions', () => {
    expect(toGeminiBatchEmbedBody('models/text-embedding-004', ['a', 'b'], 256)).toEqual({
      requests: [
        { model: 'models/text-embedding-004', content: { parts: [{ text: 'a' }] }, outputDimensionality: 256 },
        { model: 'models/text-embedding-004', content: { parts: [{ text: 'b' }] }, outputDimensionality: 256 },
      ],
    });
    expect(toGeminiBatchEmbedBody('models/x', ['a'], undefined)).toEqual({
      requests: [{ model: 'models/x', content: { parts: [{ text: 'a' }] } }],
    });
  });

  it('takes text and refuses token ids', () => {
    expect(embeddingTexts('gemini', 'one')).toEqual(['one']);
    expect(embeddingTexts('gemini', ['one', 'two'])).toEqual(['one', 'two']);
    expect(() => embeddingTexts('gemini', [1, 2, 3])).toThrow(
      expect.objectContaining({ type: 'invalid_request_error', param: 'input' }),
    );
  });

  it('answers OpenAI’s embedding list with tokenizer usage', () => {
    const texts = ['The quick brown fox', 'jumps over the lazy dog'];
    const vectors = fromGeminiBatchEmbed('gemini', fixture('batch-embed-contents.json'), 2);
    const list = toEmbeddingList('text-embedding-004', texts, vectors, undefined);
    expect(openAiSchemaErrors('CreateEmbeddingResponse', list)).toEqual([]);
    expect(list.data.map((item) => item.index)).toEqual([0, 1]);
    expect(list.data[0]!.embedding).toEqual(vectors[0]);
    const tokens = countTextTokens(texts[0]!) + countTextTokens(texts[1]!);
    expect(list.usage).toEqual({ prompt_tokens: tokens, total_tokens: tokens });
  });

  it('encodes base64 as little-endian float32, as OpenAI does', () => {
    const list = toEmbeddingList('m', ['x'], [[0.5, -1, 0.25]], 'base64');
    const bytes = Buffer.from(list.data[0]!.embedding as string, 'base64');
    expect([0, 1, 2].map((i) => bytes.readFloatLE(i * 4))).toEqual([0.5, -1, 0.25]);
  });

  it('refuses an answer with the wrong number of vectors, or the wrong shape', () => {
    expect(() => fromGeminiBatchEmbed('gemini', fixture('batch-embed-contents.json'), 3)).toThrow(
      expect.objectContaining({ code: 'invalid_response' }),
    );
    expect(() => fromGeminiBatchEmbed('gemini', '{"embedding": {"values": [1]}}', 1)).toThrow(
      expect.objectContaining({ code: 'invalid_response' }),
    );
  });
});
