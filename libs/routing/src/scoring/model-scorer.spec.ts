import { modelFixture } from './model-entry.fixture';
import { scoreCandidates, type ScoringContext } from './model-scorer';
import { DEFAULT_SCORE_WEIGHTS, budgetAwareWeights } from './scoring-weights';

const needs = { promptTokens: 1_000, requestedMaxTokens: 1_000, requiredFeatures: [] };
const context: ScoringContext = { taskType: 'sql_generation', needs };

describe('scoreCandidates', () => {
  it('uses the profile strength for the task, else the general one', () => {
    const coder = modelFixture('coder', { profile: { strengths: { sql_generation: 0.9, general: 0.5 } } });
    const generalist = modelFixture('generalist', { profile: { strengths: { general: 0.6 } } });
    const [a, b] = scoreCandidates([coder, generalist], context);
    expect(a?.terms.strength).toBe(0.9);
    expect(b?.terms.strength).toBe(0.6);
    expect(a!.total).toBeGreaterThan(b!.total);
  });

  it('prefers a live success rate and latency EWMA to the priors', () => {
    const model = modelFixture('m', { profile: { reliability: 0.95, typicalLatencyMs: 1_000 } });
    const other = modelFixture('o', { profile: { typicalLatencyMs: 1_000 } });
    const [scored] = scoreCandidates([model, other], { ...context, liveMetrics: { 'openai/m': { successRate: 0.5, latencyEwmaMs: 2_000 } } });
    expect(scored?.terms.reliability).toBe(0.5);
    expect(scored?.estimatedLatencyMs).toBe(2_000);
    expect(scored?.terms.latency).toBe(0.5);
  });

  it('gives full context marks to a roomy window and less to a tight one', () => {
    const [roomy, tight] = scoreCandidates([modelFixture('roomy'), modelFixture('tight', { contextWindow: 4_000 })], context);
    expect(roomy?.terms.context).toBe(1);
    expect(tight?.terms.context).toBeCloseTo(0.5 / 0.75, 5);
  });

  it('scores the free model 1 on cost, the priciest 0, a middle one in between', () => {
    const free = modelFixture('free', { inputNanoUsdPerMTok: 0, outputNanoUsdPerMTok: 0 });
    const mid = modelFixture('mid');
    const dear = modelFixture('dear', { inputNanoUsdPerMTok: 30_000_000_000, outputNanoUsdPerMTok: 60_000_000_000 });
    const [a, b, c] = scoreCandidates([free, mid, dear], context).map((scored) => scored.terms.cost);
    expect(a).toBe(1);
    expect(c).toBe(0);
    expect(b! > 0 && b! < 1).toBe(true);
  });

  it('reports each contribution as term × weight, summing to the total', () => {
    const [scored] = scoreCandidates([modelFixture('a'), modelFixture('b')], context);
    const sum = Object.values(scored!.contributions).reduce((total, value) => total + value, 0);
    expect(scored!.total).toBeCloseTo(sum, 10);
    expect(scored!.contributions.strength).toBeCloseTo(scored!.terms.strength * 0.4, 10);
    expect(scored!.weights).toEqual(DEFAULT_SCORE_WEIGHTS);
  });

  it('shifts weight to cost as the budget runs low, so the cheap model overtakes the strong one', () => {
    const strongDear = modelFixture('strong', { inputNanoUsdPerMTok: 20_000_000_000, outputNanoUsdPerMTok: 40_000_000_000, profile: { strengths: { sql_generation: 0.95 } } });
    const weakCheap = modelFixture('cheap', { inputNanoUsdPerMTok: 100_000_000, outputNanoUsdPerMTok: 200_000_000, profile: { strengths: { sql_generation: 0.6 } } });
    const best = (remaining?: number) => {
      const scored = scoreCandidates([strongDear, weakCheap], { ...context, remainingBudgetNanoUsd: remaining });
      return scored.reduce((a, b) => (b.total > a.total ? b : a)).model.id;
    };
    expect(best()).toBe('strong');
    expect(best(1_000_000_000_000)).toBe('strong');
    expect(best(60_000_000)).toBe('cheap');
    expect(budgetAwareWeights(0, 1).cost).toBeCloseTo(0.5, 10);
  });

  it('lets the cheaper model win once the share left of a budget falls into its last fifth', () => {
    const strongDear = modelFixture('strong', { inputNanoUsdPerMTok: 10_000_000_000, outputNanoUsdPerMTok: 30_000_000_000, profile: { strengths: { sql_generation: 0.95 } } });
    const weakCheap = modelFixture('cheap', { inputNanoUsdPerMTok: 100_000_000, outputNanoUsdPerMTok: 300_000_000, profile: { strengths: { sql_generation: 0.6 } } });
    const best = (budgetFractionLeft?: number) =>
      scoreCandidates([strongDear, weakCheap], { ...context, ...(budgetFractionLeft === undefined ? {} : { budgetFractionLeft }) }).reduce((a, b) => (b.total > a.total ? b : a)).model.id;
    expect(best()).toBe('strong');
    expect(best(0.5)).toBe('strong');
    expect(best(0.01)).toBe('cheap');
    expect(budgetAwareWeights(undefined, 1, 0.2)).toEqual(DEFAULT_SCORE_WEIGHTS);
  });

  it('scores features as the share of required ones the model has', () => {
    const partial = modelFixture('p', { capabilities: { streaming: true, tools: false, jsonMode: true, vision: false, embeddings: false } });
    const [scored] = scoreCandidates([partial], { ...context, needs: { ...needs, requiredFeatures: ['tools', 'jsonMode'] } });
    expect(scored?.terms.features).toBe(0.5);
  });
});
