import { GatewayError } from '@llmgw/contracts';
import { modelFixture } from '../scoring/model-entry.fixture';
import { scoreCandidates } from '../scoring/model-scorer';
import { STRATEGY_NAMES, strategyNamed, type StrategyContext } from '.';

// cloud: strong, reliable, pricey, slow. cheap: weak, cheapest paid. fast: quickest. local: free, ollama.
const models = [
  modelFixture('cloud', { inputNanoUsdPerMTok: 10_000_000_000, outputNanoUsdPerMTok: 30_000_000_000, profile: { typicalLatencyMs: 4_000, reliability: 0.99, strengths: { sql_generation: 0.95 } } }),
  modelFixture('cheap', { provider: 'deepseek', inputNanoUsdPerMTok: 100_000_000, outputNanoUsdPerMTok: 200_000_000, profile: { typicalLatencyMs: 2_000, reliability: 0.8, strengths: { sql_generation: 0.6 } } }),
  modelFixture('fast', { provider: 'gemini', profile: { typicalLatencyMs: 300, reliability: 0.9, strengths: { sql_generation: 0.7 } } }),
  modelFixture('local', { provider: 'ollama', inputNanoUsdPerMTok: 0, outputNanoUsdPerMTok: 0, profile: { typicalLatencyMs: 3_000, reliability: 0.7, strengths: { sql_generation: 0.5 } } }),
];
const scored = scoreCandidates(models, { taskType: 'sql_generation', needs: { promptTokens: 500, requestedMaxTokens: 500, requiredFeatures: [] } });
const context: StrategyContext = { taskType: 'sql_generation' };
const order = (name: string, extra: Partial<StrategyContext> = {}) => strategyNamed(name).select(scored, { ...context, ...extra }).map((c) => c.model.id);

describe('routing strategies', () => {
  it('balanced ranks by total score', () => {
    const byTotal = [...scored].sort((a, b) => b.total - a.total).map((c) => c.model.id);
    expect(order('balanced')).toEqual(byTotal);
  });

  it('cost_optimized puts the cheapest first', () => {
    expect(order('cost_optimized')).toEqual(['local', 'cheap', 'fast', 'cloud']);
  });

  it('latency_optimized puts the fastest first', () => {
    expect(order('latency_optimized')).toEqual(['fast', 'cheap', 'local', 'cloud']);
  });

  it('quality_optimized and capability_match put the strongest first', () => {
    expect(order('quality_optimized')[0]).toBe('cloud');
    expect(order('capability_match')).toEqual(['cloud', 'fast', 'cheap', 'local']);
  });

  it('local_first puts ollama/vllm first, or the providers the context names', () => {
    expect(order('local_first')[0]).toBe('local');
    expect(order('local_first', { localProviders: ['gemini'] })[0]).toBe('fast');
  });

  it('priority follows provider priorities, ties by score', () => {
    const ranked = order('priority', { priorities: { deepseek: 10, ollama: 5 } });
    expect(ranked.slice(0, 2)).toEqual(['cheap', 'local']);
    const rest = scored.filter((c) => ['cloud', 'fast'].includes(c.model.id)).sort((a, b) => b.total - a.total).map((c) => c.model.id);
    expect(ranked.slice(2)).toEqual(rest);
  });

  it('every strategy returns a permutation and does not mutate its input', () => {
    const before = scored.map((c) => c.model.id);
    for (const name of STRATEGY_NAMES) expect([...order(name)].sort()).toEqual([...before].sort());
    expect(scored.map((c) => c.model.id)).toEqual(before);
  });

  it('refuses an unknown strategy as a client error on the header', () => {
    expect(() => strategyNamed('cheapest')).toThrow(GatewayError);
    try {
      strategyNamed('toString');
    } catch (error) {
      expect(error).toMatchObject({ type: 'invalid_request_error', param: 'x-llmgw-strategy', status: 400 });
    }
    expect.assertions(2);
  });
});
