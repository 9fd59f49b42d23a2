// Synthetic vectors shaped like real prompt embeddings: a Gaussian with the mean and covariance of
// the offline model's (USE Lite) embeddings of the 624 prompts in the evaluation sets, normalised.
// Real embeddings share a common direction and spread over far fewer effective dimensions than
// 512; uniformly random directions have neither, and no graph index finds a query's neighbour
// among them quickly. No clusters are modelled, so real data should be easier still.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OfflineEmbedder } from '@llmgw/caching';
import { benchFile, gaussians, normalise, type VectorDistribution } from './synthetic-vectors';

const PAIR_FILES = ['pairs.json', 'pairs-heldout.json', 'pairs-heldout-2.json'];

function evaluationPrompts(): string[] {
  const texts = new Set<string>();
  for (const name of PAIR_FILES) {
    // The JSON sits beside the source; the built script runs from another folder.
    const file = [path.join(__dirname, name), path.resolve('bench/caching', name)].find((candidate) => existsSync(candidate));
    if (!file) throw new Error(`bench/caching/${name} not found: run from the repository root`);
    for (const pair of (JSON.parse(readFileSync(file, 'utf8')) as { pairs: Array<{ a: string; b: string }> }).pairs) {
      texts.add(pair.a);
      texts.add(pair.b);
    }
  }
  return [...texts];
}

/** The real embeddings, row-major; embedded once (~30 s) and kept in the bench cache dir. */
async function realEmbeddings(dimensions: number): Promise<Float32Array> {
  const file = benchFile(`use-lite-eval-prompts-d${dimensions}.f32`);
  if (existsSync(file)) {
    const bytes = readFileSync(file);
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  }
  const embedder = new OfflineEmbedder();
  try {
    const vectors = await embedder.embed(evaluationPrompts());
    const matrix = new Float32Array(vectors.length * dimensions);
    vectors.forEach((vector, i) => matrix.set(vector, i * dimensions));
    writeFileSync(file, Buffer.from(matrix.buffer));
    return matrix;
  } finally {
    await embedder.close();
  }
}

/** Lower-triangular L with L Lᵀ = matrix (row-major, in place of a copy). */
function cholesky(matrix: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      let sum = matrix[i * n + j]!;
      for (let k = 0; k < j; k += 1) sum -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j * n + j]!;
    }
  }
  return l;
}

export interface TextLikeDistribution extends VectorDistribution {
  /** How the fit compares with the real embeddings, for the bench's header. */
  calibration: string;
}

export async function textLikeDistribution(dimensions = 512): Promise<TextLikeDistribution> {
  const real = await realEmbeddings(dimensions);
  const rows = real.length / dimensions;
  const mean = new Float64Array(dimensions);
  for (let r = 0; r < rows; r += 1) for (let i = 0; i < dimensions; i += 1) mean[i]! += real[r * dimensions + i]! / rows;
  const covariance = new Float64Array(dimensions * dimensions);
  const centred = new Float64Array(dimensions);
  for (let r = 0; r < rows; r += 1) {
    for (let i = 0; i < dimensions; i += 1) centred[i] = real[r * dimensions + i]! - mean[i]!;
    for (let i = 0; i < dimensions; i += 1) for (let j = 0; j <= i; j += 1) covariance[i * dimensions + j]! += (centred[i]! * centred[j]!) / (rows - 1);
  }
  let trace = 0;
  let frobenius = 0;
  for (let i = 0; i < dimensions; i += 1) {
    for (let j = 0; j <= i; j += 1) {
      covariance[j * dimensions + i] = covariance[i * dimensions + j]!;
      frobenius += (i === j ? 1 : 2) * covariance[i * dimensions + j]! ** 2;
    }
    trace += covariance[i * dimensions + i]!;
  }
  // 624 samples of a 512-d covariance are barely full rank: a little ridge keeps Cholesky stable.
  for (let i = 0; i < dimensions; i += 1) covariance[i * dimensions + i]! += (1e-3 * trace) / dimensions;
  const l = cholesky(covariance, dimensions);
  const z = new Float64Array(dimensions);
  const direction = (seed: number, into: Float32Array) => {
    gaussians(seed, z);
    for (let i = 0; i < dimensions; i += 1) {
      let sum = 0;
      for (let k = 0; k <= i; k += 1) sum += l[i * dimensions + k]! * z[k]!;
      into[i] = sum;
    }
  };
  const sample = (seed: number, into: Float32Array) => {
    direction(seed, into);
    for (let i = 0; i < dimensions; i += 1) into[i] = into[i]! + mean[i]!;
    normalise(into);
  };
  const meanCosine = (vectorOf: (r: number) => Float32Array, count: number) => {
    let sum = 0;
    let pairs = 0;
    for (let a = 0; a < count; a += 7) {
      for (let b = a + 1; b < count; b += 11) {
        const x = vectorOf(a);
        const y = vectorOf(b);
        let dot = 0;
        for (let i = 0; i < dimensions; i += 1) dot += x[i]! * y[i]!;
        sum += dot;
        pairs += 1;
      }
    }
    return sum / pairs;
  };
  const synthetic = Array.from({ length: rows }, (_, r) => {
    const vector = new Float32Array(dimensions);
    sample(9_000_001 + r, vector);
    return vector;
  });
  const calibration =
    `fitted to ${rows} USE Lite embeddings: effective dimensions ${((trace * trace) / frobenius).toFixed(0)} of ${dimensions}; ` +
    `mean cosine between prompts ${meanCosine((r) => real.subarray(r * dimensions, (r + 1) * dimensions), rows).toFixed(3)} real, ` +
    `${meanCosine((r) => synthetic[r]!, rows).toFixed(3)} synthetic`;
  return { name: `use-lite-gaussian-d${dimensions}`, dimensions, sample, direction, calibration };
}
