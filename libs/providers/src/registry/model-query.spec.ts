import { GatewayError } from '@llmgw/contracts';
import type { ModelEntry } from './model-entry';
import { cheapestModel, fastestModel, parseModelQuery, queryModels } from './model-query';
import { listedModel } from './model-view';
import { MODELS } from './models.data';

const ids = (models: readonly ModelEntry[]) => models.map((model) => model.id).sort();
const model = (id: string) => MODELS.find((entry) => entry.id === id)!;
const blendedPer1k = (entry: ModelEntry) => (entry.inputNanoUsdPerMTok + entry.outputNanoUsdPerMTok) / 2 / 1e12;

describe('model registry queries', () => {
  it('filters by a task capability (strength) and a blended price ceiling per 1K tokens', () => {
    const query = parseModelQuery({ capability: 'code', max_cost_per_1k: '0.01' });
    const found = queryModels(MODELS, query);
    expect(found.length).toBeGreaterThan(0);
    for (const entry of found) {
      expect(blendedPer1k(entry)).toBeLessThanOrEqual(0.01);
      expect(entry.capabilities.embeddings).toBe(false);
    }
    expect(ids(found)).toContain('deepseek-chat');
    expect(ids(found)).not.toContain('claude-opus-4-1'); // strong at code, but far above $0.01 per 1K
    expect(ids(found)).not.toContain('gpt-4o-mini'); // cheap, but not strong enough at code (0.75 < 0.85)
    expect(ids(queryModels(MODELS, parseModelQuery({ capability: 'code', min_strength: '0.7' })))).toContain('gpt-4o-mini');
  });

  it('filters by a feature', () => {
    const embedders = queryModels(MODELS, parseModelQuery({ capability: 'embeddings' }));
    expect(embedders.length).toBeGreaterThan(0);
    expect(embedders.every((entry) => entry.capabilities.embeddings)).toBe(true);
    expect(queryModels(MODELS, parseModelQuery({ capability: 'function_calling' })).every((entry) => entry.capabilities.tools)).toBe(true);
  });

  it('finds the cheapest and the fastest model for a capability', () => {
    const query = parseModelQuery({ capability: 'sql_generation' });
    const candidates = queryModels(MODELS, query);
    const cheapest = cheapestModel(MODELS, query)!;
    const fastest = fastestModel(MODELS, query)!;
    expect(Math.min(...candidates.map(blendedPer1k))).toBe(blendedPer1k(cheapest));
    expect(candidates.every((entry) => listedModel(entry, true).typical_latency_ms >= listedModel(fastest, true).typical_latency_ms)).toBe(true);
    expect(cheapestModel(MODELS, parseModelQuery({ capability: 'code', max_cost_per_1k: '0' }))).toBeUndefined();
  });

  it('refuses an unknown capability or a bad price, naming the parameter', () => {
    expect(() => parseModelQuery({ capability: 'poetry' })).toThrow(expect.objectContaining({ param: 'capability', type: 'invalid_request_error' }));
    expect(() => parseModelQuery({ max_cost_per_1k: '-1' })).toThrow(GatewayError);
    expect(() => parseModelQuery({ min_strength: '2' })).toThrow(/min_strength/);
    expect(() => parseModelQuery({ max_cost_per_1k: '0.0000000000001' })).toThrow(/max_cost_per_1k/);
  });

  it('takes an absurdly high price cap as no cap rather than an error', () => {
    expect(parseModelQuery({ max_cost_per_1k: '1000000' }).maxBlendedNanoUsdPerMTok).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('shows prices as exact dollars per 1K tokens', () => {
    const mini = listedModel(model('gpt-4o-mini'), false);
    expect(mini).toMatchObject({ id: 'gpt-4o-mini', object: 'model', provider: 'openai', available: false });
    expect(Number(mini.pricing.input_per_1k)).toBe(model('gpt-4o-mini').inputNanoUsdPerMTok / 1e12);
    expect(Number(mini.pricing.blended_per_1k)).toBeCloseTo(blendedPer1k(model('gpt-4o-mini')), 15);
    expect(listedModel({ ...model('gpt-4o-mini'), inputNanoUsdPerMTok: 1, outputNanoUsdPerMTok: 0 }, true).pricing).toEqual({
      input_per_1k: '0.000000000001',
      output_per_1k: '0',
      blended_per_1k: '0.0000000000005',
    });
  });
});
