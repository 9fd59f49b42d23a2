import { adjustBody, compatibleProfile, splitBaseUrl } from './compatible-vendor';

describe('compatibleProfile', () => {
  it('keeps the API prefix of a base URL, or adds /v1 to a bare origin', () => {
    expect(splitBaseUrl('https://openrouter.ai/api/v1/')).toEqual({
      origin: 'https://openrouter.ai',
      prefix: '/api/v1',
    });
    expect(splitBaseUrl('http://127.0.0.1:11434')).toEqual({ origin: 'http://127.0.0.1:11434', prefix: '/v1' });
  });

  it('renames then drops fields, letting a vendor-spelled field the client sent win', () => {
    const body = { seed: 1, user: 'u', max_completion_tokens: 9, max_tokens: 5, model: 'm' };
    expect(adjustBody(body, ['user'], { seed: 'random_seed', max_completion_tokens: 'max_tokens' })).toEqual({
      random_seed: 1,
      max_tokens: 5,
      model: 'm',
    });
  });

  it('sends Bearer credentials only when there is a key, plus configured headers', () => {
    const keyed = compatibleProfile({
      id: 'v',
      baseUrl: 'https://x.test/v1',
      apiKey: 'k',
      headers: { 'X-Title': 'gw', 'X-Skip': undefined },
    });
    expect(keyed.headers('r')).toMatchObject({ authorization: 'Bearer k', 'X-Title': 'gw' });
    expect(keyed.headers('r')).not.toHaveProperty('X-Skip');
    expect(compatibleProfile({ id: 'v', baseUrl: 'https://x.test' }).headers('r')).not.toHaveProperty('authorization');
  });

  it('has an embeddings path only when the vendor has embeddings', () => {
    expect(compatibleProfile({ id: 'v', baseUrl: 'https://x.test/v1' }).embeddingsPath).toBeUndefined();
    const profile = compatibleProfile({ id: 'v', baseUrl: 'https://x.test/v1', embeddings: true });
    expect(profile.embeddingsPath?.({} as never)).toBe('/v1/embeddings');
  });
});
