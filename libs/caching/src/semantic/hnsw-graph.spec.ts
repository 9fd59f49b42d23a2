import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { normalised } from './embedder';
import { DEFAULT_HNSW, graphSignature, loadGraph, newGraph } from './hnsw-graph';

const d = 16;

function randomMatrix(count: number, seed: number): Float32Array {
  let state = seed;
  const next = () => ((state = (Math.imul(state, 1_103_515_245) + 12_345) & 0x7fffffff) / 2 ** 31) - 0.5;
  const matrix = new Float32Array(count * d);
  for (let i = 0; i < count; i += 1) matrix.set(normalised(Array.from({ length: d }, next)), i * d);
  return matrix;
}

const keys = (from: number, count: number) => BigUint64Array.from({ length: count }, (_, i) => BigInt(from + i));

describe('hnsw-graph', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'hnsw-graph-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function savedGraph(file: string, settings = DEFAULT_HNSW): Float32Array {
    const vectors = randomMatrix(200, 7);
    const graph = newGraph(d, settings);
    graph.add(keys(1, 200), vectors, 1);
    graph.save(file);
    return vectors;
  }

  it('loads a saved graph that holds exactly the given ids, and it answers like the original', () => {
    const file = path.join(dir, 'g.usearch');
    const vectors = savedGraph(file);
    const loaded = loadGraph(file, d, DEFAULT_HNSW, keys(1, 200));
    expect(loaded?.size()).toBe(200);
    const found = loaded!.search(vectors.subarray(57 * d, 58 * d), 1, 1);
    expect(Number(found.keys[0])).toBe(58);
  });

  it('keeps the search-time expansion it was asked for (it is not stored in the file)', () => {
    const file = path.join(dir, 'g.usearch');
    savedGraph(file);
    const wide = { ...DEFAULT_HNSW, expansionSearch: 200 };
    expect(loadGraph(file, d, wide, keys(1, 200))).not.toBeNull();
    expect(graphSignature(d, wide)).toBe(graphSignature(d, DEFAULT_HNSW));
  });

  it('refuses a missing file, other ids, another count or another connectivity', () => {
    const file = path.join(dir, 'g.usearch');
    expect(loadGraph(file, d, DEFAULT_HNSW, keys(1, 200))).toBeNull();
    savedGraph(file);
    expect(loadGraph(file, d, DEFAULT_HNSW, keys(1_001, 200))).toBeNull();
    expect(loadGraph(file, d, DEFAULT_HNSW, keys(1, 199))).toBeNull();
    expect(loadGraph(file, d, { ...DEFAULT_HNSW, connectivity: DEFAULT_HNSW.connectivity + 8 }, keys(1, 200))).toBeNull();
  });

  it('names quantization, connectivity and build expansion in the signature', () => {
    const base = graphSignature(d, DEFAULT_HNSW);
    expect(graphSignature(d, { ...DEFAULT_HNSW, quantization: 'i8' })).not.toBe(base);
    expect(graphSignature(d, { ...DEFAULT_HNSW, connectivity: 8 })).not.toBe(base);
    expect(graphSignature(d, { ...DEFAULT_HNSW, expansionAdd: 16 })).not.toBe(base);
    expect(graphSignature(d + 1, DEFAULT_HNSW)).not.toBe(base);
  });
});
