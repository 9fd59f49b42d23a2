import { ProviderError, type ChatCompletionChunk, type ChatCompletionRequest, type EmbeddingRequest } from '@llmgw/contracts';
import { NO_RATE_LIMIT_HEADERS, type UpstreamRateLimitHeaders } from '../call/upstream-rate-limit-headers';
import type { ProviderAdapter, ProviderCallContext, ProviderChatResult, ProviderEmbeddingResult, ProviderStream, StreamUsage } from '../provider-adapter';
import type { ModelEntry } from '../registry/model-entry';
import type { KeyRing } from './key-ring';

/** Told when a key is taken out of rotation: the label only (position and prefix), never the key. */
export type KeyRejectedHook = (provider: string, label: string, error: ProviderError) => void;

/** The provider refused the credentials (401) or their rights (403): that key, not the request, is at fault. */
export function isKeyRejection(error: unknown): error is ProviderError {
  return (
    error instanceof ProviderError &&
    (error.type === 'authentication_error' || error.upstreamStatus === 401 || (error.type === 'permission_error' && error.upstreamStatus === 403))
  );
}

/**
 * One provider served with several API keys in turn: one inner adapter per key (each with its
 * own connection pool, opened lazily). A key the provider rejects sits out (see KeyRing) and the
 * same call goes on at once with the next key, so rotating a key causes no failed request.
 */
export class KeyRotatingAdapter implements ProviderAdapter {
  readonly id: string;
  readonly embed?: (request: EmbeddingRequest, model: ModelEntry, ctx: ProviderCallContext) => Promise<ProviderEmbeddingResult>;
  readonly checkHealth?: (signal: AbortSignal) => Promise<void>;

  constructor(
    private readonly members: readonly ProviderAdapter[],
    readonly ring: KeyRing,
    private readonly onRejected: KeyRejectedHook = () => undefined,
  ) {
    const first = members[0];
    if (!first || members.length !== ring.size) throw new Error('KeyRotatingAdapter needs one adapter per key');
    this.id = first.id;
    if (first.embed) this.embed = (request, model, ctx) => this.withKey((adapter) => adapter.embed!(request, model, ctx));
    if (first.checkHealth) this.checkHealth = (signal) => this.withKey((adapter) => adapter.checkHealth!(signal));
  }

  chat(request: ChatCompletionRequest, model: ModelEntry, ctx: ProviderCallContext): Promise<ProviderChatResult> {
    return this.withKey((adapter) => adapter.chat(request, model, ctx));
  }

  chatStream(request: ChatCompletionRequest, model: ModelEntry, ctx: ProviderCallContext): ProviderStream {
    return new RotatingStream((tried) => {
      const index = this.ring.pick(tried);
      return index === undefined ? undefined : { index, stream: this.members[index]!.chatStream(request, model, ctx) };
    }, (index, error) => this.reject(index, error));
  }

  async close(): Promise<void> {
    await Promise.all(this.members.map((adapter) => adapter.close()));
  }

  private async withKey<T>(call: (adapter: ProviderAdapter) => Promise<T>): Promise<T> {
    const tried = new Set<number>();
    for (;;) {
      const index = this.ring.pick(tried);
      if (index === undefined) throw new Error('no key left to try'); // unreachable: the last rejection is rethrown below
      try {
        return await call(this.members[index]!);
      } catch (error) {
        if (!isKeyRejection(error)) throw error;
        this.reject(index, error);
        tried.add(index);
        if (tried.size >= this.ring.size) throw error;
      }
    }
  }

  private reject(index: number, error: ProviderError): void {
    const label = this.ring.reject(index, `${error.type}: ${error.message}`.slice(0, 200));
    this.onRejected(this.id, label, error);
  }
}

type Attempt = { index: number; stream: ProviderStream } | undefined;

/** A stream that moves to the next key when the upstream refuses the key before any chunk came. */
class RotatingStream implements ProviderStream {
  private current: Attempt;
  private readonly tried = new Set<number>();

  constructor(
    private readonly open: (tried: ReadonlySet<number>) => Attempt,
    private readonly rejected: (index: number, error: ProviderError) => void,
  ) {
    // Opened now so usage() has a meter even if the caller never iterates.
    this.current = open(this.tried);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<ChatCompletionChunk> {
    for (;;) {
      const attempt = this.current;
      if (!attempt) return;
      let relayed = false;
      try {
        for await (const chunk of attempt.stream) {
          relayed = true;
          yield chunk;
        }
        return;
      } catch (error) {
        this.tried.add(attempt.index);
        if (relayed || !isKeyRejection(error)) throw error;
        this.rejected(attempt.index, error);
        const next = this.open(this.tried);
        if (!next) throw error;
        this.current = next;
      }
    }
  }

  usage(): StreamUsage {
    return this.current?.stream.usage() ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0, source: 'estimated' };
  }

  /** The headers of the key's call that answered (a refused key's call relays nothing). */
  rateLimitHeaders(): UpstreamRateLimitHeaders {
    return this.current?.stream.rateLimitHeaders() ?? NO_RATE_LIMIT_HEADERS;
  }
}
