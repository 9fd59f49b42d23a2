/**
 * Turns prompts into vectors. Vectors come back L2-normalised, so cosine similarity is a dot
 * product. `id` names the model: vectors of different embedders are never compared.
 */
export interface Embedder {
  readonly id: string;
  embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]>;
  close?(): Promise<void>;
}

/** The provider-backed embedder's whole dependency: a call to some embeddings API. */
export type EmbeddingFunction = (texts: string[], signal?: AbortSignal) => Promise<number[][]>;

export function normalised(values: ArrayLike<number>): Float32Array {
  const vector = Float32Array.from(values);
  let sum = 0;
  for (let i = 0; i < vector.length; i += 1) sum += vector[i]! * vector[i]!;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < vector.length; i += 1) vector[i] = vector[i]! / norm;
  return vector;
}
