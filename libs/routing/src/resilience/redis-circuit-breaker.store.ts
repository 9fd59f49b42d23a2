import type Redis from 'ioredis';
import { circuitBreakerConfig, type AdmitDecision, type CallOutcome, type CircuitBreakerConfig, type CircuitData, type CircuitState, type CircuitView } from './circuit-breaker';
import { CIRCUIT_BREAKER_LUA } from './circuit-breaker.lua';
import { initialCircuit, viewCircuit } from './circuit-breaker.state';
import type { SuccessBatchingStore } from './circuit-breaker.store';
import { systemClock, type Clock } from './clock';

const COMMAND = 'llmgwCircuitBreakerStep';
const SCAN_COUNT = 200;

export interface RedisCircuitBreakerStoreOptions {
  /** Owned by the caller (who closes it). Must not use ioredis' own `keyPrefix`. */
  redis: Redis;
  /** Every breaker key lives under it, e.g. 'llmgw:cb:'. */
  keyPrefix?: string;
  config?: Partial<CircuitBreakerConfig>;
  clock?: Clock;
}

type StepCommand = (key: string, op: string, now: string, config: string, count?: string) => Promise<string>;

/**
 * Breakers shared by every gateway replica. Each admit/record runs the Lua script: one round trip,
 * atomic, so concurrent replicas never race on a read-modify-write. Keys expire after `idleTtlMs`.
 */
export class RedisCircuitBreakerStore implements SuccessBatchingStore {
  readonly config: CircuitBreakerConfig;
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly clock: Clock;
  private readonly configJson: string;

  constructor(options: RedisCircuitBreakerStoreOptions) {
    this.redis = options.redis;
    this.prefix = options.keyPrefix ?? 'llmgw:cb:';
    this.clock = options.clock ?? systemClock;
    this.config = circuitBreakerConfig(options.config);
    this.configJson = JSON.stringify(this.config);
    // defineCommand runs EVALSHA and falls back to EVAL after a NOSCRIPT (script cache flushed).
    if (!(COMMAND in this.redis)) this.redis.defineCommand(COMMAND, { numberOfKeys: 1, lua: CIRCUIT_BREAKER_LUA });
  }

  async admit(key: string, now: number): Promise<AdmitDecision> {
    const reply = JSON.parse(await this.step(key, 'admit', now)) as AdmitDecision;
    return reply.retryAt === undefined ? { allowed: reply.allowed, state: reply.state } : reply;
  }

  async record(key: string, outcome: CallOutcome, now: number): Promise<CircuitState> {
    const reply = JSON.parse(await this.step(key, outcome, now)) as { state: CircuitState };
    return reply.state;
  }

  async recordSuccesses(key: string, count: number, now: number): Promise<CircuitState> {
    const reply = JSON.parse(await this.step(key, 'successes', now, count)) as { state: CircuitState };
    return reply.state;
  }

  async snapshot(keys?: string[], now: number = this.clock.now()): Promise<Record<string, CircuitView>> {
    const names = keys ?? (await this.scanKeys()).map((redisKey) => redisKey.slice(this.prefix.length));
    const views: Record<string, CircuitView> = {};
    if (names.length === 0) return views;
    const raws = await this.redis.mget(names.map((name) => this.prefix + name));
    names.forEach((name, i) => {
      const raw = raws[i];
      if (raw == null && !keys) return; // expired between SCAN and MGET
      const data = raw == null ? initialCircuit(this.config) : (JSON.parse(raw) as CircuitData);
      views[name] = viewCircuit(normalised(data), now, this.config);
    });
    return views;
  }

  async reset(key?: string): Promise<void> {
    if (key !== undefined) {
      await this.redis.del(this.prefix + key);
      return;
    }
    const keys = await this.scanKeys();
    for (let i = 0; i < keys.length; i += SCAN_COUNT) await this.redis.unlink(...keys.slice(i, i + SCAN_COUNT));
  }

  private step(key: string, op: 'admit' | 'successes' | CallOutcome, now: number, count?: number): Promise<string> {
    const command = (this.redis as unknown as Record<string, StepCommand>)[COMMAND];
    if (!command) throw new Error(`Redis command ${COMMAND} is not defined`);
    if (count !== undefined) return command.call(this.redis, this.prefix + key, op, String(now), this.configJson, String(count));
    return command.call(this.redis, this.prefix + key, op, String(now), this.configJson);
  }

  private async scanKeys(): Promise<string[]> {
    const pattern = `${this.prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    const found = new Set<string>();
    let cursor = '0';
    do {
      const [next, batch] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT);
      for (const name of batch) found.add(name);
      cursor = next;
    } while (cursor !== '0');
    return [...found];
  }
}

// Lua's cjson writes an empty table as {}; buckets are never empty, but guard the shape anyway.
function normalised(data: CircuitData): CircuitData {
  return Array.isArray(data.buckets) ? data : { ...data, buckets: [] };
}
