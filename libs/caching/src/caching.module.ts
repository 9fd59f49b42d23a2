import { type DynamicModule, type FactoryProvider, type InjectionToken, Logger, Module, type ModuleMetadata, type OnApplicationShutdown, type OnModuleInit, Inject, Injectable, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { GatewayConfig } from '@llmgw/config';
import Redis from 'ioredis';
import { CacheAdministration } from './admin/cache-administration';
import { CACHE_EMBEDDING_FUNCTION, CACHE_REDIS, EXACT_CACHE_STORE, SEMANTIC_CACHE } from './caching.tokens';
import type { ExactCacheStore } from './exact/exact-cache.store';
import { InMemoryExactCacheStore } from './exact/in-memory-exact-cache.store';
import { RedisExactCacheStore } from './exact/redis-exact-cache.store';
import { ResponseCache } from './response-cache';
import type { EmbeddingFunction } from './semantic/embedder';
import { FunctionEmbedder } from './semantic/function-embedder';
import { InMemoryVectorLog } from './semantic/in-memory-vector-log';
import { OfflineEmbedder } from './semantic/offline-embedder';
import { RedisVectorLog } from './semantic/redis-vector-log';
import { SemanticCache } from './semantic/semantic-cache';
import { SemanticIndex } from './semantic/semantic-index';
import type { VectorLog } from './semantic/vector-log';

type Config = ConfigService<GatewayConfig, true>;

export interface CachingModuleOptions {
  /** 'redis': shared by every replica (distributed); 'in-memory': standalone, one process. */
  store: 'redis' | 'in-memory';
  /**
   * Needed when EMBEDDING_PROVIDER=provider: a factory for `(texts, signal) => Promise<number[][]>`
   * calling the EMBEDDING_MODEL through the providers. `imports` makes its injections resolvable.
   */
  embeddingFunction?: { imports?: ModuleMetadata['imports']; inject?: InjectionToken[]; useFactory: (...deps: never[]) => EmbeddingFunction };
}

/** One in-memory store per process: standalone runs the gateway and the admin API side by side. */
let processStore: InMemoryExactCacheStore | null = null;
let processVectorLog: InMemoryVectorLog | null = null;

/** Starts the semantic cache after boot (replaying the vector log) and closes connections at shutdown. */
@Injectable()
class CachingLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('CachingModule');
  private retry: NodeJS.Timeout | null = null;

  constructor(
    @Optional() @Inject(SEMANTIC_CACHE) private readonly semantic: SemanticCache | null,
    @Optional() @Inject(CACHE_REDIS) private readonly redis: Redis | null,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.retry) clearTimeout(this.retry);
    await this.semantic?.stop();
    this.redis?.disconnect();
  }

  private async start(): Promise<void> {
    if (!this.semantic) return;
    try {
      await this.semantic.start();
    } catch (error) {
      // Without the log the semantic cache only misses; keep trying rather than refuse to boot.
      this.logger.warn(`semantic cache could not load its vectors, retrying in 5 s: ${error instanceof Error ? error.message : String(error)}`);
      this.retry = setTimeout(() => void this.start(), 5_000);
      this.retry.unref();
    }
  }
}

@Module({})
export class CachingModule {
  static forRoot(options: CachingModuleOptions): DynamicModule {
    const distributed = options.store === 'redis';
    const providers = [
      {
        provide: CACHE_REDIS,
        inject: [ConfigService],
        useFactory: (config: Config) => {
          if (!distributed) return null;
          const redis = new Redis(config.get('REDIS_URL', { infer: true }), { maxRetriesPerRequest: 1, commandTimeout: 1_000, enableAutoPipelining: true });
          redis.on('error', () => undefined);
          return redis;
        },
      },
      {
        provide: EXACT_CACHE_STORE,
        inject: [ConfigService, CACHE_REDIS],
        useFactory: (config: Config, redis: Redis | null): ExactCacheStore => {
          const maxEntries = config.get('MAX_CACHE_SIZE', { infer: true });
          if (!redis) return (processStore ??= new InMemoryExactCacheStore({ maxEntries }));
          return new RedisExactCacheStore({ redis, keyPrefix: prefixOf(config), maxEntries });
        },
      },
      {
        provide: SEMANTIC_CACHE,
        inject: [ConfigService, CACHE_REDIS, { token: CACHE_EMBEDDING_FUNCTION, optional: true }],
        useFactory: (config: Config, redis: Redis | null, embeddingFunction?: EmbeddingFunction): SemanticCache | null => {
          if (!config.get('ENABLE_CACHE', { infer: true }) || !config.get('ENABLE_SEMANTIC_CACHE', { infer: true })) return null;
          const maxRecords = config.get('MAX_CACHE_SIZE', { infer: true });
          const log: VectorLog = redis
            ? new RedisVectorLog({ redis, connect: () => blockingConnection(config), streamKey: `${prefixOf(config)}vectors`, maxRecords })
            : (processVectorLog ??= new InMemoryVectorLog({ maxRecords }));
          const index = new SemanticIndex({ ivfThreshold: config.get('IVF_THRESHOLD', { infer: true }), rebuildInterval: config.get('REBUILD_INTERVAL', { infer: true }) });
          return new SemanticCache(embedderOf(config, embeddingFunction), log, index, {
            threshold: config.get('SIMILARITY_THRESHOLD', { infer: true }),
            floor: config.get('SIMILARITY_THRESHOLD_FLOOR', { infer: true }),
            maxTemperature: config.get('SEMANTIC_CACHE_MAX_TEMPERATURE', { infer: true }),
            lexicalGuard: config.get('SEMANTIC_CACHE_LEXICAL_GUARD', { infer: true }),
          });
        },
      },
      {
        provide: ResponseCache,
        inject: [ConfigService, EXACT_CACHE_STORE, SEMANTIC_CACHE],
        useFactory: (config: Config, store: ExactCacheStore, semantic: SemanticCache | null) =>
          new ResponseCache(
            store,
            {
              enabled: config.get('ENABLE_CACHE', { infer: true }),
              defaultTtlSeconds: config.get('CACHE_TTL', { infer: true }),
              maxTtlSeconds: Math.max(config.get('CACHE_TTL', { infer: true }), config.get('CACHE_MAX_TTL', { infer: true })),
            },
            semantic,
          ),
      },
      {
        provide: CacheAdministration,
        inject: [ConfigService, EXACT_CACHE_STORE, SEMANTIC_CACHE],
        useFactory: (config: Config, store: ExactCacheStore, semantic: SemanticCache | null) =>
          new CacheAdministration(store, semantic, {
            enabled: config.get('ENABLE_CACHE', { infer: true }),
            semanticEnabled: semantic !== null,
            scope: config.get('CACHE_SCOPE', { infer: true }),
            ttlSeconds: config.get('CACHE_TTL', { infer: true }),
            maxEntries: config.get('MAX_CACHE_SIZE', { infer: true }),
            similarityThreshold: Math.max(config.get('SIMILARITY_THRESHOLD', { infer: true }), config.get('SIMILARITY_THRESHOLD_FLOOR', { infer: true })),
            similarityThresholdFloor: config.get('SIMILARITY_THRESHOLD_FLOOR', { infer: true }),
            ivfThreshold: config.get('IVF_THRESHOLD', { infer: true }),
          }),
      },
      CachingLifecycle,
    ] satisfies Array<FactoryProvider | typeof CachingLifecycle>;
    const embedding = options.embeddingFunction;
    // Global: the request path (RoutingModule) and the cache endpoints both use the one cache.
    return {
      module: CachingModule,
      global: true,
      imports: embedding?.imports ?? [],
      providers: [...providers, ...(embedding ? [{ provide: CACHE_EMBEDDING_FUNCTION, inject: embedding.inject ?? [], useFactory: embedding.useFactory }] : [])],
      exports: [ResponseCache, CacheAdministration],
    };
  }
}

function prefixOf(config: Config): string {
  return `${config.get('QUEUE_PREFIX', { infer: true })}:cache:`;
}

/** Following the vector stream holds a connection in XREAD BLOCK: it gets its own, without a command timeout. */
function blockingConnection(config: Config): Redis {
  const redis = new Redis(config.get('REDIS_URL', { infer: true }), { maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  return redis;
}

function embedderOf(config: Config, embeddingFunction: EmbeddingFunction | undefined) {
  if (config.get('EMBEDDING_PROVIDER', { infer: true }) === 'offline') return new OfflineEmbedder();
  const model = config.get('EMBEDDING_MODEL', { infer: true });
  if (!embeddingFunction)
    throw new Error('EMBEDDING_PROVIDER=provider needs CachingModule.forRoot({ embeddingFunction }) to call the embeddings API');
  return new FunctionEmbedder(`provider:${model}`, embeddingFunction);
}
