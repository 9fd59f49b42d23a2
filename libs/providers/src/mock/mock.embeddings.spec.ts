import { mockEmbeddings } from './mock.embeddings';

describe('mockEmbeddings', () => {
  it('embeds each input deterministically into unit vectors of the asked size', () => {
    const first = mockEmbeddings({ model: 'mock-embed', input: ['alpha', 'beta'], dimensions: 64 }, 'mock-embed');
    const again = mockEmbeddings({ model: 'mock-embed', input: ['alpha', 'beta'], dimensions: 64 }, 'mock-embed');
    expect(first).toEqual(again);
    expect(first.data.map((item) => item.index)).toEqual([0, 1]);
    for (const { embedding } of first.data) {
      const vector = embedding as number[];
      expect(vector).toHaveLength(64);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 9);
    }
    expect(first.data[0]!.embedding).not.toEqual(first.data[1]!.embedding);
  });

  it('counts prompt tokens of text and of token arrays', () => {
    const text = mockEmbeddings({ model: 'm', input: 'one two three' }, 'm');
    expect(text.usage.prompt_tokens).toBeGreaterThan(0);
    expect(mockEmbeddings({ model: 'm', input: [[1, 2, 3], [4]] }, 'm').usage.prompt_tokens).toBe(4);
    expect(mockEmbeddings({ model: 'm', input: [5, 6] }, 'm').usage.prompt_tokens).toBe(2);
  });
});
