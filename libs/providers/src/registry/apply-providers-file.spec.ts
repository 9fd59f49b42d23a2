import { ConfigValidationError, type ProvidersFile } from '@llmgw/config';
import { applyProvidersFile } from './apply-providers-file';
import type { ModelEntry } from './model-entry';
import { MODELS } from './models.data';

const file = (providers: ProvidersFile['providers']): Pick<ProvidersFile, 'providers'> => ({ providers });
const byId = (entries: readonly ModelEntry[], id: string) => entries.find((entry) => entry.id === id);

describe('applyProvidersFile', () => {
  it('leaves the catalogue as it is without a file', () => {
    expect(applyProvidersFile(MODELS, file({}))).toEqual(MODELS);
  });

  it('overrides a known model field by field and keeps the rest', () => {
    const result = applyProvidersFile(MODELS, file({ mock: { models: [{ id: 'mock-1', context_window: 9_000, input_cost_per_1k: 5_000_000 }] } }));
    const original = byId(MODELS, 'mock-1')!;
    expect(byId(result, 'mock-1')).toEqual({ ...original, contextWindow: 9_000, inputNanoUsdPerMTok: 5_000_000 });
  });

  it('adds a new model with its prices and capabilities', () => {
    const result = applyProvidersFile(MODELS, file({ openai: { models: [{ id: 'my-finetune', upstream_model: 'ft:gpt-4o-mini:acme', context_window: 128_000, cost_per_1k: 600_000_000, capabilities: ['streaming', 'tools'] }] } }));
    expect(byId(result, 'my-finetune')).toMatchObject({
      provider: 'openai',
      upstreamModel: 'ft:gpt-4o-mini:acme',
      inputNanoUsdPerMTok: 600_000_000,
      outputNanoUsdPerMTok: 600_000_000,
      capabilities: { streaming: true, tools: true, jsonMode: false, vision: false, embeddings: false },
    });
  });

  it('puts provider timeouts and max tokens on each of its models, and drops disabled providers', () => {
    const result = applyProvidersFile(MODELS, file({ mock: { timeout_ms: 1_500, max_tokens: 256, models: [] }, openai: { enabled: false, models: [] } }));
    expect(byId(result, 'mock-1')).toMatchObject({ timeoutMs: 1_500, defaultMaxTokens: 256 });
    expect(result.some((entry) => entry.provider === 'openai')).toBe(false);
  });

  it('refuses a new model without prices, and a known id under another provider, naming the paths', () => {
    const attempt = () =>
      applyProvidersFile(MODELS, file({ openai: { models: [{ id: 'new-one', context_window: 1_000 }, { id: 'mock-1' }] } }));
    expect(attempt).toThrow(ConfigValidationError);
    expect(attempt).toThrow(/providers\.openai\.models\[0\]: a new model needs input_cost_per_1k/);
    expect(attempt).toThrow(/providers\.openai\.models\[1\]: model 'mock-1' belongs to provider 'mock'/);
  });
});
