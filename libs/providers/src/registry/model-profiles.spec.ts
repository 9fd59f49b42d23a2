import { applyProvidersFile } from './apply-providers-file';
import { MODELS } from './models.data';
import { MODEL_PROFILES, profileOf } from './model-profiles.data';

const model = (id: string) => MODELS.find((entry) => entry.id === id)!;

describe('model profiles', () => {
  it.each([
    ['together/qwen3-coder-480b', 1_800, 0.93],
    ['claude-3-5-sonnet', 2_500, 0.95],
    ['gpt-4-turbo', 3_000, 0.92],
    ['gemini-1.5-pro', 1_800, 0.88],
    ['codestral-latest', 2_000, 0.9],
    ['deepseek-coder', 1_500, 0.87],
    ['command-r-plus', 1_200, 0.85],
  ])("seeds %s with the seed documents' latency and reliability", (id, latency, reliability) => {
    expect(profileOf(model(id))).toMatchObject({ typicalLatencyMs: latency, reliability });
  });

  it('has a profile only for models that exist', () => {
    const ids = new Set(MODELS.map((entry) => entry.id));
    expect(Object.keys(MODEL_PROFILES).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('gives unknown models conservative defaults and lets the providers file override any prior', () => {
    expect(profileOf(model('mock-1'))).toEqual({ typicalLatencyMs: 2_000, reliability: 0.9, strengths: { general: 0.7 } });
    const [amended] = applyProvidersFile(
      MODELS.filter((entry) => entry.id === 'gpt-4o'),
      { providers: { openai: { models: [{ id: 'gpt-4o', reliability: 0.5, strengths: { sql_generation: 0.99 } }] } } },
    );
    const profile = profileOf(amended!);
    expect(profile.reliability).toBe(0.5);
    expect(profile.typicalLatencyMs).toBe(2_000);
    expect(profile.strengths.sql_generation).toBe(0.99);
    expect(profile.strengths.explanation).toBe(profileOf(model('gpt-4o')).strengths.explanation);
  });
});
