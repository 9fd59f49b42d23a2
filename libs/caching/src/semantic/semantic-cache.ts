import type { ChatCompletionRequest } from '@llmgw/contracts';
import type { CacheScope } from '../keys/cache-scope';
import { type KeyedRequest, semanticPartitionKey, semanticPromptOf } from '../keys/request-keys';
import type { Embedder } from './embedder';
import { lexicallyCompatible } from './lexical-guard';
import type { SemanticIndex, SemanticIndexStats } from './semantic-index';
import type { VectorLog } from './vector-log';

export interface SemanticCacheSettings {
  threshold: number;
  /** Callers may ask for a stricter threshold, never for one below this. */
  floor: number;
  /** Requests sampled hotter than this are too random to share answers; unset counts as 1. */
  maxTemperature: number;
  lexicalGuard: boolean;
}

export interface SemanticCandidate {
  key: string;
  similarity: number;
}

/** A request the semantic cache can take part in: its partition and the prompt it embeds. */
export interface SemanticProbe {
  partition: string;
  prompt: string;
}

const CANDIDATES = 8;
const MEMO_SIZE = 512;

/**
 * The semantic side of the cache: embeds the last user prompt, searches the caller's own
 * tenant partition, and returns candidates at or above the threshold that pass the lexical
 * guard. Answers stay in the exact store; vectors point at them by key.
 */
export class SemanticCache {
  private stopFollowing: (() => Promise<void>) | null = null;
  private readonly memo = new Map<string, Float32Array>();

  constructor(
    private readonly embedder: Embedder,
    private readonly log: VectorLog,
    private readonly index: SemanticIndex,
    private readonly settings: SemanticCacheSettings,
  ) {}

  get embedderId(): string {
    return this.embedder.id;
  }

  /** Replays the vector log (every replica converges on the same vectors), then follows it. */
  async start(): Promise<void> {
    this.stopFollowing ??= await this.log.follow((record) => this.index.upsert(record));
  }

  async stop(): Promise<void> {
    await this.stopFollowing?.();
    this.stopFollowing = null;
    await this.embedder.close?.();
  }

  /** The threshold a request gets: the configured one, or stricter if it asks, never below the floor. */
  thresholdFor(requested?: number): number {
    const threshold = requested ?? this.settings.threshold;
    return Math.max(threshold, this.settings.floor);
  }

  /** Null when the request cannot share answers by meaning (hot sampling, no plain user prompt). */
  probeOf(keyed: KeyedRequest): SemanticProbe | null {
    if (!this.temperatureAllows(keyed.request)) return null;
    const prompt = semanticPromptOf(keyed.request);
    if (prompt === null) return null;
    return { partition: semanticPartitionKey(keyed, this.embedder.id), prompt };
  }

  async find(probe: SemanticProbe, scope: CacheScope, threshold: number, now: number, signal?: AbortSignal): Promise<SemanticCandidate[]> {
    const vector = await this.vectorOf(probe.prompt, signal);
    return this.index
      .search(scope.tenant, probe.partition, vector, CANDIDATES, now)
      .filter((match) => match.similarity >= threshold && (!this.settings.lexicalGuard || lexicallyCompatible(probe.prompt, match.prompt)))
      .map(({ key, similarity }) => ({ key, similarity }));
  }

  /** Records the vector of a stored answer: locally at once, and in the log for every replica. */
  async remember(probe: SemanticProbe, scope: CacheScope, key: string, expiresAt: number, signal?: AbortSignal): Promise<void> {
    const vector = await this.vectorOf(probe.prompt, signal);
    const record = { tenant: scope.tenant, partition: probe.partition, key, prompt: probe.prompt, vector, expiresAt };
    this.index.upsert(record);
    await this.log.append(record);
  }

  /** Drops a vector whose answer is gone. */
  forget(scope: CacheScope, partition: string, key: string): void {
    this.index.forget(scope.tenant, partition, key);
  }

  stats(): SemanticIndexStats & { embedder: string } {
    return { ...this.index.stats(), embedder: this.embedder.id };
  }

  private temperatureAllows(request: ChatCompletionRequest): boolean {
    return (request.temperature ?? 1) <= this.settings.maxTemperature;
  }

  /** A lookup that missed is usually followed by a store of the same prompt: embed it once. */
  private async vectorOf(prompt: string, signal?: AbortSignal): Promise<Float32Array> {
    const known = this.memo.get(prompt);
    if (known) return known;
    const [vector] = await this.embedder.embed([prompt], signal);
    if (!vector) throw new Error(`embedder ${this.embedder.id} returned no vector`);
    this.memo.set(prompt, vector);
    if (this.memo.size > MEMO_SIZE) this.memo.delete(this.memo.keys().next().value as string);
    return vector;
  }
}
