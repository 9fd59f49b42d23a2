import { normalised } from './embedder';
import { VectorPartition } from './vector-partition';

function randomVectors(count: number, dimensions: number, seed: number): Float32Array[] {
  let state = seed;
  const next = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) - 0.5;
  return Array.from({ length: count }, () => normalised(Array.from({ length: dimensions }, next)));
}

describe('VectorPartition', () => {
  const d = 32;

  it('finds the exact vector first with similarity 1 below the IVF threshold', () => {
    const partition = new VectorPartition({ dimensions: d, ivfThreshold: 1_000, rebuildInterval: 100 });
    const vectors = randomVectors(200, d, 1);
    vectors.forEach((vector, i) => partition.add(i + 1, vector));
    expect(partition.kind).toBe('exact');
    const [best] = partition.search(vectors[57]!, 3);
    expect(best?.id).toBe(58);
    expect(best?.similarity).toBeCloseTo(1, 5);
  });

  it('switches to HNSW at the threshold, keeps recent adds searchable, and still finds every vector', () => {
    const partition = new VectorPartition({ dimensions: d, ivfThreshold: 300, rebuildInterval: 50 });
    const vectors = randomVectors(420, d, 2);
    vectors.forEach((vector, i) => partition.add(i + 1, vector));
    expect(partition.kind).toBe('hnsw');
    expect(partition.size).toBe(420);
    let found = 0;
    vectors.forEach((vector, i) => {
      if (partition.search(vector, 1)[0]?.id === i + 1) found += 1;
    });
    expect(found / vectors.length).toBeGreaterThan(0.98);
  });

  it('never returns a removed vector, in either mode', () => {
    for (const ivfThreshold of [10_000, 100]) {
      const partition = new VectorPartition({ dimensions: d, ivfThreshold, rebuildInterval: 20 });
      const vectors = randomVectors(150, d, 3);
      vectors.forEach((vector, i) => partition.add(i + 1, vector));
      for (let id = 1; id <= 150; id += 2) partition.remove(id);
      expect(partition.size).toBe(75);
      vectors.forEach((vector) => {
        for (const match of partition.search(vector, 5)) expect(match.id % 2).toBe(0);
      });
    }
  });
});
