import { ConfigService } from '@nestjs/config';
import type { RoutingRules } from '@llmgw/config';
import type { ChatCompletionRequest } from '@llmgw/contracts';
import { MockAdapter, MODELS, ModelRegistry, ProviderRegistry } from '@llmgw/providers';
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
