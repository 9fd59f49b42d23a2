import { ConfigService } from '@nestjs/config';
import type { RoutingRules } from '@llmgw/config';
import { type ChatCompletionRequest, type KeyPolicy, UNRESTRICTED_KEY_POLICY } from '@llmgw/contracts';
import { MockAdapter, MODELS, ModelRegistry, ProviderRegistry } from '@llmgw/providers';
import { InProcessControlChannel } from '@llmgw/control-bus';
import { LiveModelMetrics } from '../live/live-model-metrics';
import { RouteDecisionCache } from '../decision-cache/route-decision.cache';
import type { GatewayExtensions } from './gateway-extensions';
import { RoutePlanner } from './route-planner';

const rules: RoutingRules = {
  task_routes: { sql_generation: 'mock-1' },
  fallback_map: { 'mock-1': ['gpt-4o', 'mock-fast'] },
  chains: { fast: ['mock-fast', 'mock-1'], offline: ['gpt-4o'] },
};
// Only the mock provider is on: OpenAI models in the rules are skipped, as when a key is missing.
const providers = new ProviderRegistry([new MockAdapter()], new ModelRegistry(MODELS, ['mock']));
const config = new ConfigService({ ROUTING_STRATEGY: 'cost_optimized', MAX_FALLBACKS: 3 });
const planner = new RoutePlanner(providers, config as never, rules);
const ask = (model: string, content = 'hello'): ChatCompletionRequest => ({ model, messages: [{ role: 'user', content }] });
const ids = (plan: ReturnType<RoutePlanner['plan']>) => plan.candidates.map((candidate) => candidate.model.id);

describe('RoutePlanner', () => {
  it("honours an explicit model, then its fallback_map entries that are available", () => {
    expect(ids(planner.plan(ask('mock-1')))).toEqual(['mock-1', 'mock-fast']);
  });

  it('tries a named chain in order, and refuses an unknown or wholly unavailable one', () => {
    expect(ids(planner.plan(ask('chain:fast')))).toEqual(['mock-fast', 'mock-1']);
    expect(() => planner.plan(ask('chain:nope'))).toThrow(/No routing chain named 'nope'/);
    expect(() => planner.plan(ask('chain:offline'))).toThrow(/No model of 'chain:offline' is available/);
  });

  it("puts the task's configured route first for auto, ahead of the strategy's choice", () => {
    const sql = planner.plan(ask('auto', 'Write a SQL query joining orders and customers'));
    expect(sql.taskType).toBe('sql_generation');
    expect(ids(sql)[0]).toBe('mock-1');
    expect(sql.reason).toBe('task route sql_generation -> mock-1');
    expect(new Set(ids(sql)).size).toBe(ids(sql).length);
  });

  it('ranks by the strategy when no rule applies', () => {
    const plan = planner.plan(ask('auto', 'tell me a joke'));
    expect(ids(plan)[0]).toBe('mock-fast'); // the cheapest, under cost_optimized
  });
});

describe('RoutePlanner with a key policy', () => {
  const policy = (overrides: Partial<KeyPolicy>): KeyPolicy => ({ ...UNRESTRICTED_KEY_POLICY, ...overrides });

  it('refuses an explicit model the key may not use, and drops disallowed fallbacks', () => {
    const onlyMockOne = { policy: policy({ allowedModels: ['mock-1'] }) };
    expect(ids(planner.plan(ask('mock-1'), {}, onlyMockOne))).toEqual(['mock-1']);
    expect(() => planner.plan(ask('mock-fast'), {}, onlyMockOne)).toThrow(/may not use the model 'mock-fast'/);
    expect(ids(planner.plan(ask('mock-fast'), {}, { policy: policy({ allowedModels: ['mock'] }) }))).toEqual(['mock-fast']);
  });

  it('ranks auto only among allowed models, with the key\'s strategy unless a header overrides it', () => {
    const plan = planner.plan(ask('auto', 'tell me a joke'), {}, { policy: policy({ allowedModels: ['mock-1'] }) });
    expect(ids(plan)).toEqual(['mock-1']);
    const quality = planner.plan(ask('auto', 'tell me a joke'), {}, { policy: policy({ routingStrategy: 'quality_optimized' }) });
    expect(quality.reason).toMatch(/quality_optimized/);
    const header = planner.plan(ask('auto', 'tell me a joke'), { strategy: 'cost_optimized' }, { policy: policy({ routingStrategy: 'quality_optimized' }) });
    expect(header.reason).toMatch(/cost_optimized/);
  });
});

describe('RoutePlanner decision cache', () => {
  const cachingPlanner = (cache: RouteDecisionCache) => new RoutePlanner(providers, config as never, rules, new LiveModelMetrics(), cache);

  it('serves a repeated auto request from the cache, keyed by intent and mode, until cleared on every replica', async () => {
    const channel = new InProcessControlChannel(`route-cache-spec-${Math.random()}`);
    const [here, there] = [new RouteDecisionCache({ ttlMs: 60_000, maxEntries: 100 }, channel), new RouteDecisionCache({ ttlMs: 60_000, maxEntries: 100 }, channel)];
    await Promise.all([here.onModuleInit(), there.onModuleInit()]);
    const [first, second] = [cachingPlanner(here), cachingPlanner(there)];

    const fresh = first.plan(ask('auto', 'tell me a joke'));
    const again = first.plan(ask('auto', 'tell me a joke'));
    expect(again.reason).toBe(`cached decision: ${fresh.reason}`);
    expect(ids(again)).toEqual(ids(fresh));
    expect(first.plan(ask('auto', 'tell me a joke'), { strategy: 'quality_optimized' }).reason).not.toMatch(/cached/);
    expect(first.plan(ask('auto', 'tell me a riddle')).reason).not.toMatch(/cached/);
    expect(first.plan(ask('auto', 'tell me a joke'), {}, { remainingBudgetNanoUsd: 10 ** 9 }).reason).not.toMatch(/cached/);

    second.plan(ask('auto', 'tell me a joke'));
    expect(there.stats().entries).toBe(1);
    await expect(here.clearEverywhere()).resolves.toEqual({ cleared: 3 });
    expect([here.stats().entries, there.stats().entries]).toEqual([0, 0]);
    expect(first.plan(ask('auto', 'tell me a joke')).reason).not.toMatch(/cached/);
    await Promise.all([here.onModuleDestroy(), there.onModuleDestroy(), channel.close()]);
  });

  it('forgets a decision after its TTL', () => {
    let now = 0;
    const cache = new RouteDecisionCache({ ttlMs: 1000, maxEntries: 10, now: () => now });
    const subject = cachingPlanner(cache);
    subject.plan(ask('auto', 'tell me a joke'));
    now = 999;
    expect(subject.plan(ask('auto', 'tell me a joke')).reason).toMatch(/cached/);
    now = 2000;
    expect(subject.plan(ask('auto', 'tell me a joke')).reason).not.toMatch(/cached/);
  });
});

describe('RoutePlanner with request routing fields', () => {
  const extensions = (overrides: Partial<GatewayExtensions>): GatewayExtensions => ({ requiredFeatures: [], enableFallback: true, ...overrides });

  it('keeps only the first choice when fallbacks are off, and only the named provider\'s models', () => {
    expect(ids(planner.plan(ask('mock-1'), {}, { extensions: extensions({ enableFallback: false }) }))).toEqual(['mock-1']);
    expect(() => planner.plan(ask('mock-1'), {}, { extensions: extensions({ provider: 'openai' }) })).toThrow(/provider 'openai'/);
    expect(ids(planner.plan(ask('auto', 'tell me a joke'), {}, { extensions: extensions({ provider: 'mock' }) })).length).toBeGreaterThan(0);
  });

  it('takes task_type as a hint unless a header says otherwise', () => {
    expect(planner.plan(ask('auto', 'tell me a joke'), {}, { extensions: extensions({ taskType: 'sql_generation' }) }).taskType).toBe('sql_generation');
    expect(planner.plan(ask('auto', 'tell me a joke'), { taskType: 'debugging' }, { extensions: extensions({ taskType: 'sql_generation' }) }).taskType).toBe('debugging');
  });

  it('drops models lacking a required capability, and models over the caller\'s budget', () => {
    expect(() => planner.plan(ask('auto', 'tell me a joke'), {}, { extensions: extensions({ requiredFeatures: ['vision'] }) })).toThrow(/lacks vision/);
    expect(() => planner.plan(ask('auto', 'tell me a joke'), {}, { extensions: extensions({ budgetRemainingNanoUsd: 0 }) })).toThrow(
      expect.objectContaining({ type: 'budget_exceeded' }),
    );
  });
});
