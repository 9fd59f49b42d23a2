import type { EmbeddingList } from '@llmgw/contracts';
import { encodeEmbeddings } from './embedding-encoding';

const list: EmbeddingList = {
  object: 'list',
  data: [{ object: 'embedding', index: 0, embedding: [0.5, -1.25, 3] }],
  model: 'm',
  usage: { prompt_tokens: 1, total_tokens: 1 },
};

describe('encodeEmbeddings', () => {
  it('leaves floats alone unless base64 is asked for', () => {
    expect(encodeEmbeddings(list, undefined)).toBe(list);
    expect(encodeEmbeddings(list, 'float')).toBe(list);
  });

  it('encodes little-endian float32 that decodes back to the same values', () => {
    const encoded = encodeEmbeddings(list, 'base64').data[0]!.embedding as string;
    const bytes = Buffer.from(encoded, 'base64');
    const decoded = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4));
    expect(decoded).toEqual([0.5, -1.25, 3]);
  });
});
