import type Redis from 'ioredis';
import type { PeekableThrottlerStorage, ThrottlerPeek, ThrottlerStorageRecord } from './peekable-throttler.storage';
import { THROTTLER_INCREMENT_LUA, THROTTLER_PEEK_LUA } from './throttler.lua';

const INCREMENT = 'llmgwThrottlerIncrement';
const PEEK = 'llmgwThrottlerPeek';

type Script = (...args: Array<string | number>) => Promise<number[]>;

/** Throttler counts shared by every replica: one atomic script per request. */
export class RedisThrottlerStorage implements PeekableThrottlerStorage {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'llmgw:throttle:',
  ) {
    if (!(INCREMENT in redis)) {
      redis.defineCommand(INCREMENT, { numberOfKeys: 2, lua: THROTTLER_INCREMENT_LUA });
      redis.defineCommand(PEEK, { numberOfKeys: 1, lua: THROTTLER_PEEK_LUA });
    }
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const [hits, expiresMs, blocked, blockMs] = await this.script(INCREMENT)(this.hitsKey(key, throttlerName), `${this.hitsKey(key, throttlerName)}:block`, ttl, limit, blockDuration);
    return { totalHits: hits!, timeToExpire: Math.ceil(expiresMs! / 1000), isBlocked: blocked === 1, timeToBlockExpire: Math.ceil(blockMs! / 1000) };
  }

  async peek(key: string, throttlerName: string): Promise<ThrottlerPeek> {
    const [hits, expiresMs] = await this.script(PEEK)(this.hitsKey(key, throttlerName));
    return { totalHits: hits!, timeToExpire: Math.ceil(expiresMs! / 1000) };
  }

  private hitsKey(key: string, throttlerName: string): string {
    return `${this.prefix}${throttlerName}:${key}`;
  }

  private script(name: string): Script {
    const command = (this.redis as unknown as Record<string, Script>)[name];
    if (!command) throw new Error(`Redis command ${name} is not defined`);
    return command.bind(this.redis);
  }
}
