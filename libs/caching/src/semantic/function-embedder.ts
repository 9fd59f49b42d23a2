import { type Embedder, type EmbeddingFunction, normalised } from './embedder';

/**
 * The provider adapter: wraps a call to an embeddings API (the integrator passes the provider
 * call in, so this lib never depends on the providers lib). `id` should name the model.
 */
export class FunctionEmbedder implements Embedder {
  constructor(
    readonly id: string,
    private readonly embedFn: EmbeddingFunction,
  ) {}

  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const vectors = await this.embedFn(texts, signal);
    if (vectors.length !== texts.length) throw new Error(`embedder ${this.id} returned ${vectors.length} vectors for ${texts.length} texts`);
    return vectors.map((vector) => normalised(vector));
  }
}
