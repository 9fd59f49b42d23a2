import { GEMINI_MODELS } from './gemini.models';

describe('GEMINI_MODELS', () => {
  it('lists the issue’s models once each, served by the gemini adapter', () => {
    const ids = GEMINI_MODELS.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'gemini-1.5-pro',
        'gemini-2.5-pro',
        'gemini-2.5-flash',
        'gemini-2.0-flash',
        'text-embedding-004',
        'gemini-embedding-001',
      ]),
    );
    expect(GEMINI_MODELS.every((entry) => entry.provider === 'gemini' && entry.ownedBy === 'google')).toBe(true);
  });

  it('prices in whole nano-dollars per million tokens', () => {
    for (const entry of GEMINI_MODELS) {
      expect(Number.isSafeInteger(entry.inputNanoUsdPerMTok)).toBe(true);
      expect(Number.isSafeInteger(entry.outputNanoUsdPerMTok)).toBe(true);
    }
    // $1.25 / $10 per million tokens (prompts up to 200K).
    expect(GEMINI_MODELS.find((entry) => entry.id === 'gemini-2.5-pro')).toMatchObject({
      inputNanoUsdPerMTok: 1_250_000_000,
      outputNanoUsdPerMTok: 10_000_000_000,
    });
  });

  it('marks embedding models as embeddings only', () => {
    const embedders = GEMINI_MODELS.filter((entry) => entry.capabilities.embeddings);
    expect(embedders.map((entry) => entry.id).sort()).toEqual(['gemini-embedding-001', 'text-embedding-004']);
    expect(embedders.every((entry) => !entry.capabilities.streaming && entry.outputNanoUsdPerMTok === 0)).toBe(true);
  });
});
