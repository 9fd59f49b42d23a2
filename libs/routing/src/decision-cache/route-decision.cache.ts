import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit, Optional } from '@nestjs/common';
import type { TaskType } from '@llmgw/contracts';
import { LruTtlMap } from './lru-ttl-map';
import { RouteCacheChannel } from './route-cache.channel';

/** What is remembered of an `auto` decision: the ranking, not the resolved adapters. */
export interface CachedRoute {
  taskType: TaskType;
  modelIds: string[];
  reason: string;
}

export const ROUTE_CACHE_OPTIONS = Symbol('ROUTE_CACHE_OPTIONS');

export interface RouteCacheOptions {
  ttlMs: number;
  /** 0 turns the cache off. */
  maxEntries: number;
  now?: () => number;
}

/**
 * Routing decisions per replica, in process: a hit costs no Redis round trip. A clear is
 * published on the control channel so every replica drops its entries; entries also expire,
 * which bounds how long live feedback can be ignored.
 */
@Injectable()
export class RouteDecisionCache implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('RouteDecisionCache');
  private readonly entries: LruTtlMap<CachedRoute>;
  private unsubscribe: (() => Promise<void>) | null = null;
  private hits = 0;
  private misses = 0;

  constructor(
    @Inject(ROUTE_CACHE_OPTIONS) options: RouteCacheOptions,
    @Optional() @Inject(RouteCacheChannel) private readonly channel: RouteCacheChannel | null = null,
  ) {
    this.entries = new LruTtlMap(options.maxEntries, options.ttlMs, options.now);
  }

  async onModuleInit(): Promise<void> {
    this.unsubscribe = (await this.channel?.subscribe(() => this.entries.clear())) ?? null;
  }

  async onModuleDestroy(): Promise<void> {
    await this.unsubscribe?.();
  }

  get(key: string): CachedRoute | undefined {
    const found = this.entries.get(key);
    if (found) this.hits += 1;
    else this.misses += 1;
    return found;
  }

  set(key: string, route: CachedRoute): void {
    this.entries.set(key, route);
  }

  /** Drops this replica's entries and tells every other replica to do the same. */
  async clearEverywhere(): Promise<{ cleared: number }> {
    const cleared = this.entries.size;
    this.entries.clear();
    if (this.channel) await this.channel.publish('clear');
    else this.logger.debug('no control channel: cleared this replica only');
    return { cleared };
  }

  stats(): { entries: number; hits: number; misses: number } {
    return { entries: this.entries.size, hits: this.hits, misses: this.misses };
  }
}
