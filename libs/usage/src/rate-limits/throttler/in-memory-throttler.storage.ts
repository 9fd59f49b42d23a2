import type { PeekableThrottlerStorage, ThrottlerPeek, ThrottlerStorageRecord } from './peekable-throttler.storage';

interface Window {
  hits: number;
  expiresAt: number;
  blockedUntil: number;
}

/** Standalone mode: the Redis storage's fixed-window rules on a Map (clock injectable for tests). */
export class InMemoryThrottlerStorage implements PeekableThrottlerStorage {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly now: () => number = Date.now) {}

  increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    const id = `${throttlerName}:${key}`;
    let window = this.windows.get(id);
    if (window && window.blockedUntil > now) {
      return Promise.resolve(record(window.hits, Math.max(0, window.expiresAt - now), true, window.blockedUntil - now));
    }
    if (!window || window.expiresAt <= now) {
      if (this.windows.size > 10_000) this.sweep(now);
      window = { hits: 0, expiresAt: now + ttl, blockedUntil: 0 };
      this.windows.set(id, window);
    }
    window.hits += 1;
    const expiresIn = window.expiresAt - now;
    if (window.hits > limit) {
      const duration = blockDuration > 0 ? blockDuration : expiresIn;
      window.blockedUntil = now + duration;
      return Promise.resolve(record(window.hits, expiresIn, true, duration));
    }
    return Promise.resolve(record(window.hits, expiresIn, false, 0));
  }

  peek(key: string, throttlerName: string): Promise<ThrottlerPeek> {
    const now = this.now();
    const window = this.windows.get(`${throttlerName}:${key}`);
    if (!window || window.expiresAt <= now) return Promise.resolve({ totalHits: 0, timeToExpire: 0 });
    return Promise.resolve({ totalHits: window.hits, timeToExpire: Math.ceil((window.expiresAt - now) / 1000) });
  }

  private sweep(now: number): void {
    for (const [id, window] of this.windows) if (window.expiresAt <= now && window.blockedUntil <= now) this.windows.delete(id);
  }
}

function record(totalHits: number, expiresMs: number, isBlocked: boolean, blockMs: number): ThrottlerStorageRecord {
  return { totalHits, timeToExpire: Math.ceil(expiresMs / 1000), isBlocked, timeToBlockExpire: Math.ceil(blockMs / 1000) };
}
