import { geminiEndpoint, geminiHeaders } from './gemini.api';

describe('geminiEndpoint', () => {
  it('defaults to Google’s Generative Language API, v1beta', () => {
    const endpoint = geminiEndpoint();
    expect(endpoint.origin).toBe('https://generativelanguage.googleapis.com');
    expect(endpoint.generatePath('gemini-2.5-pro')).toBe('/v1beta/models/gemini-2.5-pro:generateContent');
    expect(endpoint.streamPath('gemini-2.5-pro')).toBe('/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse');
    expect(endpoint.batchEmbedPath('text-embedding-004')).toBe('/v1beta/models/text-embedding-004:batchEmbedContents');
  });

  it('keeps a base URL that names its version or sits under a prefix, and accepts models/ names', () => {
    expect(geminiEndpoint('http://proxy.test/v1/').generatePath('models/gemini-2.0-flash')).toBe(
      '/v1/models/gemini-2.0-flash:generateContent',
    );
    expect(geminiEndpoint('http://proxy.test/google').streamPath('gemini-2.0-flash')).toBe(
      '/google/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse',
    );
    expect(geminiEndpoint().modelResource('models/gemini-embedding-001')).toBe('models/gemini-embedding-001');
  });
});

describe('geminiHeaders', () => {
  it('sends the key as x-goog-api-key and forwards only safe request ids', () => {
    expect(geminiHeaders({ apiKey: 'AIza-k' }, 'req-1')).toMatchObject({
      'x-goog-api-key': 'AIza-k',
      'x-request-id': 'req-1',
    });
    expect(geminiHeaders({ apiKey: 'AIza-k' }, 'bad id\r\nx: y')).not.toHaveProperty('x-request-id');
    expect(geminiHeaders({ apiKey: 'AIza-k' }, 'r')).not.toHaveProperty('authorization');
  });
});
