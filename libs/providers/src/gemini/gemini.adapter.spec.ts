import type { ChatCompletionChunk, ChatCompletionRequest } from '@llmgw/contracts';
// The adapter is tested over real HTTP against the mock Gemini upstream (a test-only dependency).
import {
  DEFAULT_GEMINI_UPSTREAM_BEHAVIOUR,
  eventually,
  type MockGeminiUpstream,
  mockGeminiEmbedding,
  mockGeminiUsage,
  startMockGeminiUpstream,
} from '@llmgw/testing';
import type { ProviderCallContext } from '../provider-adapter';
import { countTextTokens } from '../token-counter';
import { GeminiAdapter } from './gemini.adapter';
import { GEMINI_MODELS } from './gemini.models';

const model = GEMINI_MODELS.find((entry) => entry.id === 'gemini-2.5-flash')!;
const embedder = GEMINI_MODELS.find((entry) => entry.id === 'text-embedding-004')!;
const request: ChatCompletionRequest = {
  model: 'gemini-2.5-flash',
  messages: [
    { role: 'system', content: 'Be brief' },
    { role: 'user', content: 'Hello there upstream' },
  ],
};
// What the adapter sends for `request`, as the mock counts it.
const sentBody = {
  systemInstruction: { parts: [{ text: 'Be brief' }] },
  contents: [{ role: 'user', parts: [{ text: 'Hello there upstream' }] }],
};
const usageFor = (answer: string, thoughts = 0) => {
  const usage = mockGeminiUsage(sentBody, answer, thoughts);
  const completion = usage.candidatesTokenCount + thoughts;
  return {
    prompt_tokens: usage.promptTokenCount,
    completion_tokens: completion,
    total_tokens: usage.promptTokenCount + completion,
  };
};
const ctx = (overrides: Partial<ProviderCallContext> = {}): ProviderCallContext => ({
  signal: new AbortController().signal,
  timeoutMs: 2_000,
  requestId: 'req-123',
  ...overrides,
});

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}
const textOf = (chunks: ChatCompletionChunk[]) => chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');

describe('GeminiAdapter against a mock Gemini upstream', () => {
  let upstream: MockGeminiUpstream;
  let adapter: GeminiAdapter;

  beforeAll(async () => {
    upstream = await startMockGeminiUpstream();
    adapter = new GeminiAdapter({ baseUrl: upstream.baseUrl, apiKey: 'AIza-test-secret' });
  });

  afterAll(async () => {
    await adapter.close();
    await upstream.close();
  });

  beforeEach(() => upstream.setBehaviour(DEFAULT_GEMINI_UPSTREAM_BEHAVIOUR));

  it('answers a plain completion with Gemini’s usage, the key in a header and never in the URL', async () => {
    upstream.setBehaviour({ reply: 'Plain answer from Gemini' });
    const { completion, usageSource } = await adapter.chat(request, model, ctx());
    expect(completion.choices[0]!.message.content).toBe('Plain answer from Gemini');
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(completion.model).toBe('gemini-2.5-flash');
    expect(usageSource).toBe('provider');
    expect(completion.usage).toEqual(usageFor('Plain answer from Gemini'));

    const sent = upstream.requests.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', path: '/v1beta/models/gemini-2.5-flash:generateContent', query: '' });
    expect(sent.headers['x-goog-api-key']).toBe('AIza-test-secret');
    expect(sent.headers['x-request-id']).toBe('req-123');
    expect(JSON.stringify([sent.path, sent.query])).not.toContain('AIza');
    expect(sent.body).toEqual({ ...sentBody, generationConfig: { candidateCount: 1 } });
  });

  it('keeps connections alive and reuses them', async () => {
    for (let i = 0; i < 2; i++) await adapter.chat(request, model, ctx());
    const warm = upstream.openConnections();
    for (let i = 0; i < 5; i++) await adapter.chat(request, model, ctx());
    expect(warm).toBeLessThanOrEqual(2);
    expect(upstream.openConnections()).toBe(warm);
  });

  it('counts thinking tokens as completion tokens', async () => {
    upstream.setBehaviour({ reply: 'Thought about it', thoughtsTokens: 40 });
    const { completion } = await adapter.chat(request, model, ctx());
    expect(completion.usage).toEqual(usageFor('Thought about it', 40));
  });

  it('streams over SSE: role, text, finish, then the usage chunk that usage() reports', async () => {
    upstream.setBehaviour({ reply: 'Streaming is first class here', streamChunks: 5 });
    const stream = adapter.chatStream({ ...request, stream: true }, model, ctx());
    const chunks = await collect(stream);
    expect(chunks[0]!.choices[0]!.delta).toEqual({ role: 'assistant', content: '' });
    expect(textOf(chunks)).toBe('Streaming is first class here');
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: usageFor('Streaming is first class here') });
    expect(stream.usage()).toEqual({ ...usageFor('Streaming is first class here'), source: 'provider' });
    const sent = upstream.requests.at(-1)!;
    expect(sent).toMatchObject({ path: '/v1beta/models/gemini-2.5-flash:streamGenerateContent', query: 'alt=sse' });
    expect(sent.body).not.toHaveProperty('stream');
  });

  it.each([
    ['events split across writes (and CRLFs split in two)', 7],
    ['several events in one write', 4_096],
  ])('parses a stream with %s', async (_label, writeBytes) => {
    upstream.setBehaviour({
      reply: 'Bytes arrive however TCP likes ✓',
      streamChunks: 6,
      writeBytes,
      chunkIntervalMs: 1,
    });
    const stream = adapter.chatStream(request, model, ctx());
    expect(textOf(await collect(stream))).toBe('Bytes arrive however TCP likes ✓');
    expect(stream.usage().source).toBe('provider');
  });

  it('answers function calls as tool calls, plain and streamed', async () => {
    const functionCalls = [
      { name: 'get_weather', args: { city: 'Boston' } },
      { name: 'get_time', args: {} },
    ];
    upstream.setBehaviour({ functionCalls });
    const tools: ChatCompletionRequest['tools'] = [
      {
        type: 'function',
        function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
      },
      { type: 'function', function: { name: 'get_time' } },
    ];
    const { completion } = await adapter.chat({ ...request, tools, tool_choice: 'required' }, model, ctx());
    expect(completion.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        content: null,
        tool_calls: [
          { id: 'call_0', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Boston"}' } },
          { id: 'call_1', type: 'function', function: { name: 'get_time', arguments: '{}' } },
        ],
      },
    });
    expect(upstream.requests.at(-1)!.body).toMatchObject({
      tools: [{ functionDeclarations: [{ name: 'get_weather' }, { name: 'get_time' }] }],
      toolConfig: { functionCallingConfig: { mode: 'ANY' } },
    });

    const stream = adapter.chatStream({ ...request, tools }, model, ctx());
    const chunks = await collect(stream);
    const deltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(deltas.map((delta) => [delta.index, delta.id, delta.function?.name, delta.function?.arguments])).toEqual([
      [0, 'call_0', 'get_weather', '{"city":"Boston"}'],
      [1, 'call_1', 'get_time', '{}'],
    ]);
    expect(chunks.find((chunk) => chunk.choices[0]?.finish_reason)!.choices[0]!.finish_reason).toBe('tool_calls');
    expect(stream.usage().source).toBe('provider');
  });

  it('refuses a blocked prompt with content_filter, plain and streamed', async () => {
    upstream.setBehaviour({ blockReason: 'SAFETY' });
    const expected = { type: 'content_filter', code: 'prompt_blocked', retryable: false };
    await expect(adapter.chat(request, model, ctx())).rejects.toMatchObject(expected);
    await expect(collect(adapter.chatStream(request, model, ctx()))).rejects.toMatchObject(expected);
  });

  it('maps MAX_TOKENS to length', async () => {
    upstream.setBehaviour({ finishReason: 'MAX_TOKENS' });
    const { completion } = await adapter.chat({ ...request, max_tokens: 5 }, model, ctx());
    expect(completion.choices[0]!.finish_reason).toBe('length');
    expect(upstream.requests.at(-1)!.body).toMatchObject({ generationConfig: { maxOutputTokens: 5 } });
  });

  it.each([
    [{ status: 400 }, 'invalid_request_error', false],
    [
      { status: 400, error: { reason: 'API_KEY_INVALID', message: 'API key not valid. Please pass a valid API key.' } },
      'authentication_error',
      false,
    ],
    [
      {
        status: 400,
        error: { message: 'The input token count (1200293) exceeds the maximum number of tokens allowed (1048576).' },
      },
      'context_length_error',
      false,
    ],
    [{ status: 401 }, 'authentication_error', false],
    [{ status: 403 }, 'permission_error', false],
    [{ status: 404 }, 'invalid_request_error', false],
    [{ status: 500 }, 'upstream_error', true],
    [{ status: 503 }, 'service_unavailable', true],
    [{ status: 504 }, 'timeout_error', true],
  ])('maps %j to %s, plain and streamed', async (behaviour, type, retryable) => {
    upstream.setBehaviour(behaviour);
    const expected = { type, retryable, upstreamStatus: behaviour.status, provider: 'gemini' };
    await expect(adapter.chat(request, model, ctx())).rejects.toMatchObject(expected);
    await expect(collect(adapter.chatStream(request, model, ctx()))).rejects.toMatchObject(expected);
  });

  it('maps a 429 to a retryable rate_limit_error, honouring RetryInfo and Retry-After', async () => {
    upstream.setBehaviour({ status: 429, retryDelaySeconds: 12 });
    await expect(adapter.chat(request, model, ctx())).rejects.toMatchObject({
      type: 'rate_limit_error',
      retryable: true,
      retryAfterSeconds: 12,
    });
    upstream.setBehaviour({ status: 429, retryDelaySeconds: null, retryAfterSeconds: 7 });
    await expect(collect(adapter.chatStream(request, model, ctx()))).rejects.toMatchObject({ retryAfterSeconds: 7 });
  });

  it('refuses a malformed 200 body, and a stream that ends before its finish', async () => {
    upstream.setBehaviour({ body: '{"candidates": [' });
    await expect(adapter.chat(request, model, ctx())).rejects.toMatchObject({ code: 'invalid_response' });
    upstream.setBehaviour({ body: 'data: {"candidates": [{"content": {"parts": [{"text": "half"}]}}]}\r\n\r\n' });
    await expect(collect(adapter.chatStream(request, model, ctx()))).rejects.toMatchObject({
      type: 'upstream_error',
      code: 'invalid_response',
    });
  });

  it('closes the upstream request when the consumer stops reading', async () => {
    upstream.setBehaviour({ streamChunks: 10, chunkIntervalMs: 50 });
    for await (const chunk of adapter.chatStream(request, model, ctx())) {
      if (chunk.choices[0]?.delta.content) break;
    }
    const sent = upstream.requests.at(-1)!;
    await eventually('the upstream request is closed', () => sent.closedByClient);
  });

  it('maps a connection dropped mid-stream, and a refused one, to a retryable upstream_error', async () => {
    upstream.setBehaviour({ failMidStream: 2 });
    await expect(collect(adapter.chatStream(request, model, ctx()))).rejects.toMatchObject({
      type: 'upstream_error',
      retryable: true,
    });
    const closed = await startMockGeminiUpstream();
    await closed.close();
    const nowhere = new GeminiAdapter({ baseUrl: closed.baseUrl, apiKey: 'k' });
    try {
      await expect(nowhere.chat(request, model, ctx())).rejects.toMatchObject({
        type: 'upstream_error',
        retryable: true,
      });
    } finally {
      await nowhere.close();
    }
  });

  it('embeds one request per input string and answers OpenAI’s list with estimated usage', async () => {
    const input = ['first text', 'second text here'];
    const { embeddings: list } = await adapter.embed({ model: 'text-embedding-004', input, dimensions: 16 }, embedder, ctx());
    expect(list.data.map((item) => item.embedding)).toEqual(input.map((text) => mockGeminiEmbedding(text, 16)));
    expect(list).toMatchObject({ object: 'list', model: 'text-embedding-004' });
    const tokens = countTextTokens(input[0]!) + countTextTokens(input[1]!);
    expect(list.usage).toEqual({ prompt_tokens: tokens, total_tokens: tokens });
    const sent = upstream.requests.at(-1)!;
    expect(sent.path).toBe('/v1beta/models/text-embedding-004:batchEmbedContents');
    expect((sent.body as { requests: unknown[] }).requests).toHaveLength(2);
  });

  it('splits more than 100 inputs into batches, keeping their order', async () => {
    const input = Array.from({ length: 150 }, (_, i) => `text ${i}`);
    const before = upstream.requests.length;
    const { embeddings: list } = await adapter.embed({ model: 'text-embedding-004', input, dimensions: 8 }, embedder, ctx());
    expect(upstream.requests.length - before).toBe(2);
    expect(list.data).toHaveLength(150);
    expect(list.data[149]).toEqual({ object: 'embedding', index: 149, embedding: mockGeminiEmbedding('text 149', 8) });
  });

  it('maps embedding errors like chat errors', async () => {
    upstream.setBehaviour({ status: 429, retryDelaySeconds: 3 });
    await expect(adapter.embed({ model: 'text-embedding-004', input: 'x' }, embedder, ctx())).rejects.toMatchObject({
      type: 'rate_limit_error',
      retryAfterSeconds: 3,
    });
  });
});
