import type Redis from 'ioredis';
import type { CacheCounters, CacheEntryMeta, CachedAnswer } from './cached-answer';
import { COUNT_ENTRIES_LUA, DELETE_ENTRIES_LUA, GET_ENTRY_LUA, SET_ENTRY_LUA } from './exact-cache.lua';
import type { EntryRef, ExactCacheStore, StoreRecord, StoredAnswer } from './exact-cache.store';

const COMMANDS = {
  set: 'llmgwCacheSet',
  get: 'llmgwCacheGet',
  delete: 'llmgwCacheDelete',
  count: 'llmgwCacheCount',
} as const;
const SCAN_COUNT = 500;

export interface RedisExactCacheStoreOptions {
  /** Owned by the caller (who closes it). Must not use ioredis' own `keyPrefix`. */
  redis: Redis;
  /** Every cache key lives under it, e.g. 'llmgw:cache:'. */
  keyPrefix: string;
  maxEntries: number;
}

type ScriptCommand = (...args: Array<string | number>) => Promise<unknown>;

/**
 * Entries shared by every replica. Each get and set is one Lua script: one round trip, and the
 * LRU index, expiry index, byte count and counters change atomically with the entry.
 */
export class RedisExactCacheStore implements ExactCacheStore {
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(private readonly options: RedisExactCacheStoreOptions) {
    this.redis = options.redis;
    this.prefix = options.keyPrefix;
    const scripts = { set: SET_ENTRY_LUA, get: GET_ENTRY_LUA, delete: DELETE_ENTRIES_LUA, count: COUNT_ENTRIES_LUA };
    for (const [name, lua] of Object.entries(scripts)) {
      const command = COMMANDS[name as keyof typeof COMMANDS];
      if (!(command in this.redis)) this.redis.defineCommand(command, { numberOfKeys: 0, lua });
    }
  }

  async get(ref: EntryRef, now: number, countAs?: 'exact' | 'semantic', missIsFinal = false): Promise<StoredAnswer | null> {
    const reply = (await this.command('get')(this.prefix, memberOf(ref), now, countAs ?? '', missIsFinal ? '1' : '0')) as [string, string] | null;
    if (!reply) return null;
    return { answer: JSON.parse(reply[0]) as CachedAnswer, createdAt: Number(reply[1]) };
  }

  async set(ref: EntryRef, record: StoreRecord, ttlMs: number, now: number): Promise<number> {
    const body = JSON.stringify(record.answer);
    const evicted = await this.command('set')(
      this.prefix,
      memberOf(ref),
      body,
      record.answer.model,
      record.prompt,
      now,
      Math.max(1, Math.round(ttlMs)),
      this.options.maxEntries,
      Buffer.byteLength(body),
      Math.max(0, Math.trunc(record.answer.costNanoUsd)),
    );
    return Number(evicted);
  }

  async entries(now: number): Promise<CacheEntryMeta[]> {
    await this.command('count')(this.prefix, now);
    const members: string[] = [];
    let cursor = '0';
    do {
      const [next, page] = await this.redis.zscan(`${this.prefix}lru`, cursor, 'COUNT', SCAN_COUNT);
      cursor = next;
      for (let i = 0; i < page.length; i += 2) members.push(page[i] as string);
    } while (cursor !== '0');
    const metas: CacheEntryMeta[] = [];
    for (let start = 0; start < members.length; start += SCAN_COUNT) {
      const batch = members.slice(start, start + SCAN_COUNT);
      const pipeline = this.redis.pipeline();
      for (const member of batch) pipeline.hmget(`${this.prefix}e:${member}`, 'm', 'q', 'c', 'l', 'h');
      const replies = (await pipeline.exec()) ?? [];
      batch.forEach((member, i) => {
        const [error, fields] = replies[i] ?? [null, null];
        const [model, prompt, created, last, hits] = (fields as Array<string | null> | null) ?? [];
        if (error || created == null) return; // expired between the scan and the read
        const split = member.indexOf('|');
        metas.push({
          tenant: member.slice(0, split),
          key: member.slice(split + 1),
          model: model ?? '',
          prompt: prompt ?? '',
          createdAt: Number(created),
          lastAccessAt: Number(last ?? created),
          hits: Number(hits ?? 0),
        });
      });
    }
    return metas;
  }

  async delete(refs: EntryRef[], asEvictions: boolean): Promise<number> {
    let removed = 0;
    for (let start = 0; start < refs.length; start += SCAN_COUNT) {
      const members = refs.slice(start, start + SCAN_COUNT).map(memberOf);
      removed += Number(await this.command('delete')(this.prefix, asEvictions ? '1' : '0', ...members));
    }
    return removed;
  }

  async countMiss(): Promise<void> {
    await this.redis.pipeline().hincrby(`${this.prefix}stats`, 'requests', 1).hincrby(`${this.prefix}stats`, 'misses', 1).exec();
  }

  async counters(now: number): Promise<CacheCounters & { entries: number }> {
    const entries = Number(await this.command('count')(this.prefix, now));
    const stats = await this.redis.hgetall(`${this.prefix}stats`);
    const int = (name: string) => Number(stats[name] ?? 0);
    return {
      entries,
      requests: int('requests'),
      exactHits: int('exact_hits'),
      semanticHits: int('semantic_hits'),
      misses: int('misses'),
      stores: int('stores'),
      evictions: int('evictions'),
      savedNanoUsd: BigInt(stats['saved_nano'] ?? '0'),
      bytes: Math.max(0, int('bytes')),
    };
  }

  private command(name: keyof typeof COMMANDS): ScriptCommand {
    return (this.redis as unknown as Record<string, ScriptCommand>)[COMMANDS[name]]!.bind(this.redis);
  }
}

function memberOf(ref: EntryRef): string {
  return `${ref.tenant}|${ref.key}`;
}
