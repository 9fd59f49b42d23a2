import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { normalised } from './embedder';
import { VectorPartition } from './vector-partition';

function randomVectors(count: number, dimensions: number, seed: number): Float32Array[] {
  let state = seed;
  // Integer arithmetic: a float product past 2^53 loses bits and the sequence repeats within ~60 vectors.
  const next = () => ((state = (Math.imul(state, 1_103_515_245) + 12_345) & 0x7fffffff) / 2 ** 31) - 0.5;
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

  it('switches to HNSW at the threshold, keeps recent adds searchable, and still finds every vector', async () => {
    const partition = new VectorPartition({ dimensions: d, ivfThreshold: 300, rebuildInterval: 50 });
    const vectors = randomVectors(420, d, 2);
    vectors.forEach((vector, i) => partition.add(i + 1, vector));
    // The merge into the graph runs later, in slices: until then the exact scan finds everything.
    expect(partition.kind).toBe('exact');
    expect(partition.search(vectors[399]!, 1)[0]?.id).toBe(400);
    await partition.whenMerged();
    expect(partition.kind).toBe('hnsw');
    expect(partition.pending).toBe(0);
    expect(partition.size).toBe(420);
    let found = 0;
    vectors.forEach((vector, i) => {
      if (partition.search(vector, 1)[0]?.id === i + 1) found += 1;
    });
    expect(found / vectors.length).toBeGreaterThan(0.98);
  }, 30_000); // the merge yields to the event loop between slices: slow on a busy machine

  it('never returns a removed vector, in either mode', async () => {
    for (const ivfThreshold of [10_000, 100]) {
      const partition = new VectorPartition({ dimensions: d, ivfThreshold, rebuildInterval: 20 });
      const vectors = randomVectors(150, d, 3);
      vectors.forEach((vector, i) => partition.add(i + 1, vector));
      await partition.whenMerged();
      for (let id = 1; id <= 150; id += 2) partition.remove(id);
      expect(partition.size).toBe(75);
      vectors.forEach((vector) => {
        for (const match of partition.search(vector, 5)) expect(match.id % 2).toBe(0);
      });
    }
  }, 30_000);

  it('merges in bounded slices, yielding to the event loop, while adds and removals go on', async () => {
    // A slice budget of 0 ms inserts one vector per event-loop turn.
    const partition = new VectorPartition({ dimensions: d, ivfThreshold: 100, rebuildInterval: 10, mergeSliceMs: 0 });
    const vectors = randomVectors(260, d, 4);
    vectors.slice(0, 120).forEach((vector, i) => partition.add(i + 1, vector));
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 0);
    await new Promise((resolve) => setTimeout(resolve, 0)); // after the first merge slice (timers run in order)
    expect(partition.kind).toBe('hnsw');
    expect(partition.pending).toBeGreaterThan(100); // one vector per turn: most still wait
    vectors.slice(120).forEach((vector, i) => partition.add(121 + i, vector));
    for (let id = 1; id <= 260; id += 3) partition.remove(id);
    await partition.whenMerged();
    clearInterval(ticker);
    expect(turns).toBeGreaterThan(0);
    expect(partition.pending).toBe(0);
    const alive = 260 - Math.ceil(260 / 3);
    expect(partition.size).toBe(alive);
    let found = 0;
    vectors.forEach((vector, i) => {
      const best = partition.search(vector, 1)[0];
      if ((i + 1) % 3 === 1) expect(best?.id).not.toBe(i + 1);
      else if (best?.id === i + 1) found += 1;
    });
    expect(found / alive).toBeGreaterThan(0.98);
  }, 30_000);

  it('finds the right vectors while a merge is half done, and for queries that are views into a larger array', async () => {
    // usearch's exactSearch reads typed arrays from the start of their buffer, ignoring byteOffset.
    const partition = new VectorPartition({ dimensions: d, ivfThreshold: 100, rebuildInterval: 10, mergeSliceMs: 0 });
    const vectors = randomVectors(160, d, 9);
    const packed = new Float32Array(160 * d);
    vectors.forEach((vector, i) => packed.set(vector, i * d));
    vectors.forEach((vector, i) => partition.add(i + 1, vector));
    await new Promise((resolve) => setTimeout(resolve, 0)); // after the first merge slice (timers run in order)
    expect(partition.kind).toBe('hnsw');
    expect(partition.pending).toBeGreaterThan(50); // one vector per turn: most still wait in the exact tail
    for (let i = 0; i < 160; i += 1) {
      const best = partition.search(packed.subarray(i * d, (i + 1) * d), 1)[0];
      expect(best?.id).toBe(i + 1);
      expect(best?.similarity).toBeCloseTo(1, 2);
    }
    await partition.whenMerged();
  }, 30_000);

  it('mergeNow with a snapshot path saves the graph, and a partition with the same ids loads it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'partition-'));
    try {
      const file = path.join(dir, 'graph.usearch');
      const vectors = randomVectors(120, d, 6);
      const first = new VectorPartition({ dimensions: d, ivfThreshold: 50, rebuildInterval: 10 });
      vectors.forEach((vector, i) => first.add(i + 1, vector));
      first.mergeNow(file);
      expect(existsSync(file)).toBe(true);
      const second = new VectorPartition({ dimensions: d, ivfThreshold: 50, rebuildInterval: 10 });
      vectors.forEach((vector, i) => second.add(i + 1, vector));
      second.mergeNow(file);
      expect(second.kind).toBe('hnsw');
      expect(second.size).toBe(120);
      vectors.forEach((vector) => expect(second.search(vector, 3)).toEqual(first.search(vector, 3)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('builds its own graph when the snapshot holds other ids (never answers with a stale id)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'partition-'));
    try {
      const file = path.join(dir, 'graph.usearch');
      const stale = new VectorPartition({ dimensions: d, ivfThreshold: 50, rebuildInterval: 10 });
      randomVectors(100, d, 7).forEach((vector, i) => stale.add(i + 1, vector));
      stale.mergeNow(file);
      const vectors = randomVectors(100, d, 8);
      const partition = new VectorPartition({ dimensions: d, ivfThreshold: 50, rebuildInterval: 10 });
      vectors.forEach((vector, i) => partition.add(1_001 + i, vector));
      partition.mergeNow(file);
      vectors.forEach((vector, i) => expect(partition.search(vector, 1)[0]?.id).toBe(1_001 + i));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('mergeNow empties the exact tail at once', () => {
    const partition = new VectorPartition({ dimensions: d, ivfThreshold: 50, rebuildInterval: 10 });
    randomVectors(80, d, 5).forEach((vector, i) => partition.add(i + 1, vector));
    partition.mergeNow();
    expect(partition.kind).toBe('hnsw');
    expect(partition.pending).toBe(0);
    expect(partition.size).toBe(80);
  });
});
