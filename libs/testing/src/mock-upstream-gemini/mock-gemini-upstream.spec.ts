import { request } from 'undici';
import { DEFAULT_GEMINI_UPSTREAM_BEHAVIOUR } from './gemini-upstream-behaviour';
import { mockGeminiUsage } from './gemini-upstream-replies';
import { type MockGeminiUpstream, startMockGeminiUpstream } from './mock-gemini-upstream';

const body = { contents: [{ role: 'user', parts: [{ text: 'Hi there' }] }] };

describe('mock Gemini upstream', () => {
  let upstream: MockGeminiUpstream;
  const post = async (path: string, payload: object = body, headers: Record<string, string> = {}) => {
    const response = await request(`${upstream.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': 'AIza-test', ...headers },
      body: JSON.stringify(payload),
    });
    return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
  };

  beforeAll(async () => {
    upstream = await startMockGeminiUpstream();
  });
  afterAll(() => upstream.close());
  beforeEach(() => upstream.setBehaviour(DEFAULT_GEMINI_UPSTREAM_BEHAVIOUR));

  it('answers generateContent with a GenerateContentResponse', async () => {
    upstream.setBehaviour({ reply: 'Hello back' });
    const { status, text } = await post('/v1beta/models/gemini-2.0-flash:generateContent');
    expect(status).toBe(200);
    const answer = JSON.parse(text);
    expect(answer).toMatchObject({
      candidates: [{ content: { role: 'model', parts: [{ text: 'Hello back' }] }, finishReason: 'STOP', index: 0 }],
      usageMetadata: mockGeminiUsage(body, 'Hello back'),
      modelVersion: 'gemini-2.0-flash',
    });
    expect(typeof answer.responseId).toBe('string');
  });

  it('streams SSE events separated by CRLF CRLF, the last with finishReason and full usage', async () => {
    upstream.setBehaviour({ reply: 'abcdef', streamChunks: 3 });
    const { headers, text } = await post('/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse');
    expect(headers['content-type']).toContain('text/event-stream');
    const events = text
      .split('\r\n\r\n')
      .filter(Boolean)
      .map((event) => JSON.parse(event.replace(/^data: /, '')));
    expect(events.map((event) => event.candidates[0].content.parts[0].text)).toEqual(['ab', 'cd', 'ef']);
    expect(events.map((event) => event.candidates[0].finishReason)).toEqual([undefined, undefined, 'STOP']);
    expect(events.at(-1).usageMetadata).toEqual(mockGeminiUsage(body, 'abcdef'));
    expect(new Set(events.map((event) => event.responseId)).size).toBe(1);
  });

  it('streams a JSON array without alt=sse', async () => {
    upstream.setBehaviour({ reply: 'abcd', streamChunks: 2 });
    const { text } = await post('/v1beta/models/gemini-2.0-flash:streamGenerateContent');
    expect(JSON.parse(text)).toHaveLength(2);
  });

  it('answers Google’s error bodies, with RetryInfo and Retry-After on a 429', async () => {
    upstream.setBehaviour({ status: 429, retryDelaySeconds: 9, retryAfterSeconds: 4 });
    const { status, headers, text } = await post('/v1beta/models/gemini-2.0-flash:generateContent');
    expect(status).toBe(429);
    expect(headers['retry-after']).toBe('4');
    const { error } = JSON.parse(text);
    expect(error).toMatchObject({ code: 429, status: 'RESOURCE_EXHAUSTED' });
    expect(error.details).toContainEqual({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '9s' });
  });

  it('takes per-request overrides from x-mock-* headers', async () => {
    const { status, text } = await post('/v1beta/models/gemini-2.0-flash:generateContent', body, {
      'x-mock-status': '400',
      'x-mock-error-reason': 'API_KEY_INVALID',
      'x-mock-error-message': 'API key not valid. Please pass a valid API key.',
    });
    expect(status).toBe(400);
    expect(JSON.parse(text).error).toMatchObject({
      status: 'INVALID_ARGUMENT',
      details: [{ reason: 'API_KEY_INVALID' }],
    });
    const calls = await post('/v1beta/models/gemini-2.0-flash:generateContent', body, {
      'x-mock-function-calls': JSON.stringify([{ name: 'f', args: { a: 1 } }]),
    });
    expect(JSON.parse(calls.text).candidates[0].content.parts).toEqual([
      { functionCall: { name: 'f', args: { a: 1 } } },
    ]);
  });

  it('refuses callers without an API key, like Google', async () => {
    const response = await request(`${upstream.baseUrl}/v1beta/models/gemini-2.0-flash:generateContent`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(await response.body.text()).error.status).toBe('PERMISSION_DENIED');
  });

  it('embeds a batch, checking each request names the model in the path', async () => {
    const requests = ['a', 'b'].map((text) => ({
      model: 'models/text-embedding-004',
      content: { parts: [{ text }] },
      outputDimensionality: 4,
    }));
    const ok = await post('/v1beta/models/text-embedding-004:batchEmbedContents', { requests });
    expect(JSON.parse(ok.text).embeddings.map((e: { values: number[] }) => e.values.length)).toEqual([4, 4]);
    const wrong = await post('/v1beta/models/gemini-embedding-001:batchEmbedContents', { requests });
    expect(wrong.status).toBe(400);
  });

  it('answers a blocked prompt with promptFeedback and no candidates', async () => {
    upstream.setBehaviour({ blockReason: 'SAFETY' });
    const answer = JSON.parse((await post('/v1beta/models/gemini-2.0-flash:generateContent')).text);
    expect(answer.candidates).toBeUndefined();
    expect(answer.promptFeedback.blockReason).toBe('SAFETY');
  });
});
