import fc from 'fast-check';
import { TASK_TYPES } from '@llmgw/contracts';
import { filterCandidates } from './candidate-filter';
import { modelFixture } from './model-entry.fixture';
import { scoreCandidates, type ScoringContext } from './model-scorer';
import { contextNeedOf, type RequestNeeds, type RequiredFeature } from './request-needs';
import { SCORE_TERMS, budgetAwareWeights } from './scoring-weights';

const FEATURES: RequiredFeature[] = ['tools', 'jsonMode', 'vision', 'streaming'];
const price = fc.integer({ min: 0, max: 100_000_000_000 });
const unit = fc.double({ min: 0, max: 1, noNaN: true });

const modelArb = fc
  .record({
    contextWindow: fc.integer({ min: 1, max: 2_000_000 }),
    maxOutputTokens: fc.integer({ min: 0, max: 100_000 }),
    input: price,
    output: price,
    latency: fc.integer({ min: 1, max: 60_000 }),
    reliability: unit,
    strength: unit,
    caps: fc.record({ streaming: fc.boolean(), tools: fc.boolean(), jsonMode: fc.boolean(), vision: fc.boolean(), embeddings: fc.boolean() }),
  })
  .map((facts) =>
    modelFixture('m', {
      contextWindow: facts.contextWindow,
      maxOutputTokens: facts.maxOutputTokens,
      inputNanoUsdPerMTok: facts.input,
      outputNanoUsdPerMTok: facts.output,
      capabilities: facts.caps,
      profile: { typicalLatencyMs: facts.latency, reliability: facts.reliability, strengths: { general: facts.strength } },
    }),
  );
const modelsArb = fc.array(modelArb, { minLength: 1, maxLength: 6 }).map((models) => models.map((model, index) => ({ ...model, id: `m${index}` })));
const needsArb: fc.Arbitrary<RequestNeeds> = fc.record({
  promptTokens: fc.integer({ min: 1, max: 1_000_000 }),
  requestedMaxTokens: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: null }),
  requiredFeatures: fc.subarray(FEATURES),
});
const contextArb: fc.Arbitrary<ScoringContext> = fc.record({
  taskType: fc.constantFrom(...TASK_TYPES),
  needs: needsArb,
  remainingBudgetNanoUsd: fc.option(fc.integer({ min: 0, max: 1_000_000_000_000 }), { nil: undefined }),
});

describe('scoring properties', () => {
  it('the six weights sum to 1 and stay within [0, 1] at any budget', () => {
    fc.assert(
      fc.property(fc.option(fc.integer({ min: -10, max: Number.MAX_SAFE_INTEGER }), { nil: undefined }), fc.integer({ min: 0, max: 1e15 }), (remaining, cost) => {
        const weights = budgetAwareWeights(remaining, cost);
        expect(SCORE_TERMS.reduce((sum, term) => sum + weights[term], 0)).toBeCloseTo(1, 12);
        for (const term of SCORE_TERMS) expect(weights[term] >= 0 && weights[term] <= 1).toBe(true);
      }),
    );
  });

  it('every score and every term is within [0, 1]', () => {
    fc.assert(
      fc.property(modelsArb, contextArb, (models, context) => {
        for (const scored of scoreCandidates(models, context)) {
          expect(scored.total >= 0 && scored.total <= 1).toBe(true);
          for (const term of SCORE_TERMS) expect(scored.terms[term] >= 0 && scored.terms[term] <= 1).toBe(true);
        }
      }),
    );
  });

  it('a model scores no higher when it costs more, all else equal', () => {
    fc.assert(
      fc.property(modelsArb, contextArb, fc.nat(), price, price, (models, context, pick, extraIn, extraOut) => {
        const index = pick % models.length;
        const target = models[index]!;
        const dearer = { ...target, inputNanoUsdPerMTok: target.inputNanoUsdPerMTok + extraIn, outputNanoUsdPerMTok: target.outputNanoUsdPerMTok + extraOut };
        const before = scoreCandidates(models, context)[index]!.total;
        const after = scoreCandidates(models.map((model, i) => (i === index ? dearer : model)), context)[index]!.total;
        expect(after).toBeLessThanOrEqual(before + 1e-12);
      }),
    );
  });

  it('a model scores no lower when it is more reliable, all else equal', () => {
    fc.assert(
      fc.property(modelsArb, contextArb, fc.nat(), unit, unit, (models, context, pick, a, b) => {
        const index = pick % models.length;
        const withReliability = (reliability: number) =>
          models.map((model, i) => (i === index ? { ...model, profile: { ...model.profile, reliability } } : model));
        const low = scoreCandidates(withReliability(Math.min(a, b)), context)[index]!.total;
        const high = scoreCandidates(withReliability(Math.max(a, b)), context)[index]!.total;
        expect(high).toBeGreaterThanOrEqual(low - 1e-12);
      }),
    );
  });

  it('the filter never lets through a model whose window is too small or that lacks a required feature', () => {
    fc.assert(
      fc.property(modelsArb, needsArb, (models, needs) => {
        for (const model of filterCandidates(models, needs).eligible) {
          expect(contextNeedOf(model, needs)).toBeLessThanOrEqual(model.contextWindow);
          for (const feature of needs.requiredFeatures) expect(model.capabilities[feature]).toBe(true);
        }
      }),
    );
  });
});
