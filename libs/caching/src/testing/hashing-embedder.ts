import { createHash } from 'node:crypto';
import { type Embedder, normalised } from '../semantic/embedder';

/**
 * A deterministic stand-in for a sentence encoder in tests: bag of lower-cased words hashed
 * into `dimensions` buckets. Prompts sharing most words are similar; no model, no worker.
 */
export class HashingEmbedder implements Embedder {
  readonly id: string;
  calls = 0;

  constructor(readonly dimensions = 256) {
    this.id = `test:hashing-${dimensions}`;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    this.calls += texts.length;
    return texts.map((text) => {
      const counts = new Float32Array(this.dimensions);
      for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
        const bucket = createHash('sha1').update(word).digest().readUInt32BE(0) % this.dimensions;
        counts[bucket] = counts[bucket]! + 1;
      }
      return normalised(counts);
    });
  }
}
