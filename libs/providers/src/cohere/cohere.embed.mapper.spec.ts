import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openAiSchemaErrors } from '@llmgw/testing';
import { fromCohereEmbed, toCohereEmbedBody } from './cohere.embed.mapper';
import { COHERE_MODELS } from './cohere.models';

const model = COHERE_MODELS.find((entry) => entry.id === 'embed-english-v3.0')!;
const body = readFileSync(path.join(__dirname, '__fixtures__', 'embed.json'), 'utf8');

describe('Cohere embed mapping', () => {
  it('asks for float embeddings of search documents', () => {
    expect(toCohereEmbedBody({ model: model.id, input: ['hello', 'goodbye'] }, model)).toEqual({
      model: 'embed-english-v3.0',
      texts: ['hello', 'goodbye'],
      input_type: 'search_document',
      embedding_types: ['float'],
    });
    expect(toCohereEmbedBody({ model: model.id, input: 'one' }, model)).toMatchObject({ texts: ['one'] });
    expect(() => toCohereEmbedBody({ model: model.id, input: [1, 2] }, model)).toThrow(
      expect.objectContaining({ type: 'invalid_request_error' }),
    );
  });

  it('reads float vectors and billed units into OpenAI’s list', () => {
    const list = fromCohereEmbed(body, { model: model.id, input: ['hello', 'goodbye'] }, model);
    expect(openAiSchemaErrors('CreateEmbeddingResponse', list)).toEqual([]);
    expect(list.data[1]).toEqual({ object: 'embedding', index: 1, embedding: [0.02848816, -0.017547607, -0.03274536] });
    expect(list.usage).toEqual({ prompt_tokens: 2, total_tokens: 2 });
  });

  it('encodes vectors as base64 float32 when asked', () => {
    const list = fromCohereEmbed(
      body,
      { model: model.id, input: ['hello', 'goodbye'], encoding_format: 'base64' },
      model,
    );
    const bytes = Buffer.from(list.data[0]!.embedding as string, 'base64');
    const decoded = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
    expect(decoded[0]).toBeCloseTo(0.016296387, 6);
  });
});
