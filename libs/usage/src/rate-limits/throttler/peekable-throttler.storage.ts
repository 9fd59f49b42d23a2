import type { ThrottlerStorage } from '@nestjs/throttler';

/** Not exported by @nestjs/throttler's index: derived from its storage interface. */
export type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

export interface ThrottlerPeek {
  totalHits: number;
  /** Seconds until the window resets (0 when no window is open). */
  timeToExpire: number;
}

/** @nestjs/throttler's storage, plus a look at a key's window without counting a hit. */
export interface PeekableThrottlerStorage extends ThrottlerStorage {
  peek(key: string, throttlerName: string): Promise<ThrottlerPeek>;
}
