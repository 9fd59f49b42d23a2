import { normalised } from './embedder';
import { SemanticIndex } from './semantic-index';

function randomVectors(count: number, dimensions: number, seed: number): Float32Array[] {
  let state = seed;
  const next = () => ((state = (Math.imul(state, 1_103_515_245) + 12_345) & 0x7fffffff) / 2 ** 31) - 0.5;
  return Array.from({ length: count }, () => normalised(Array.from({ length: dimensions }, next)));
}

describe('SemanticIndex.mergeNow', () => {
  it('puts partitions at or above the IVF threshold into a graph at once, leaves smaller ones exact, and names a snapshot per partition', () => {
    const index = new SemanticIndex({ ivfThreshold: 60, rebuildInterval: 10 });
    const big = randomVectors(80, 16, 1);
    const small = randomVectors(20, 16, 2);
    const expiresAt = Date.now() + 60_000;
    big.forEach((vector, i) => index.upsert({ tenant: 'team:a', partition: 'p', key: `big${i}`, prompt: `big ${i}`, vector, expiresAt }));
    small.forEach((vector, i) => index.upsert({ tenant: 'team:b', partition: 'p', key: `small${i}`, prompt: `small ${i}`, vector, expiresAt }));
    const asked: string[] = [];
    index.mergeNow((tenant, partition) => {
      asked.push(`${tenant}|${partition}`);
      return `/nonexistent-dir/${tenant}.usearch`.replace(':', '-');
    });
    expect(asked).toEqual(['team:a|p']);
    expect(index.stats()).toMatchObject({ totalVectors: 100, partitions: 2, indexType: 'mixed' });
    expect(index.search('team:a', 'p', big[33]!, 1, Date.now())[0]?.key).toBe('big33');
    expect(index.search('team:b', 'p', small[7]!, 1, Date.now())[0]?.key).toBe('small7');
  });
});
