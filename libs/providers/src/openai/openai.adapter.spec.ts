import type { ChatCompletionChunk, ChatCompletionRequest } from '@llmgw/contracts';
// The adapter is tested over real HTTP against the shared mock upstream (a test-only dependency).
import {
  DEFAULT_UPSTREAM_BEHAVIOUR,
  eventually,
  mockUpstreamUsage,
  startMockOpenAiUpstream,
  type MockUpstream,
} from '@llmgw/testing';
import type { ProviderCallContext } from '../provider-adapter';
import { MODELS } from '../registry/models.data';
import { countTextTokens } from '../token-counter';
import { OpenAiAdapter } from './openai.adapter';

const model = { ...MODELS.find((entry) => entry.id === 'gpt-4o-mini')!, upstreamModel: 'gpt-4o-mini-2024-07-18' };
const request: ChatCompletionRequest = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Hello there upstream' }],
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

describe('OpenAiAdapter against a mock OpenAI upstream', () => {
  let upstream: MockUpstream;
  let adapter: OpenAiAdapter;

  beforeAll(async () => {
    upstream = await startMockOpenAiUpstream();
    adapter = new OpenAiAdapter({ baseUrl: upstream.baseUrl, apiKey: 'sk-test-secret', organization: 'org-test' });
  });

  afterAll(async () => {
    await adapter.close();
    await upstream.close();
  });

  beforeEach(() => upstream.setBehaviour(DEFAULT_UPSTREAM_BEHAVIOUR));

  it('relays a plain completion with the provider’s usage, sending the upstream model and credentials', async () => {
    upstream.setBehaviour({ reply: 'Plain answer from upstream' });
    const { completion, usageSource } = await adapter.chat({ ...request, stream: false }, model, ctx());
    expect(completion.choices[0]!.message.content).toBe('Plain answer from upstream');
    expect(usageSource).toBe('provider');
    expect(completion.usage).toEqual(mockUpstreamUsage(request, 'Plain answer from upstream'));

    const sent = upstream.requests.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
    expect(sent.headers).toMatchObject({
      authorization: 'Bearer sk-test-secret',
      'openai-organization': 'org-test',
      'x-client-request-id': 'req-123',
    });
    expect(sent.body).toEqual({ model: 'gpt-4o-mini-2024-07-18', messages: request.messages });
  });

  it('keeps connections alive and reuses them', async () => {
    const sequential = async (count: number) => {
      for (let i = 0; i < count; i++) await adapter.chat(request, model, ctx());
    };
    await sequential(2);
    const warm = upstream.openConnections();
    await sequential(5);
    expect(warm).toBeLessThanOrEqual(2);
    expect(upstream.openConnections()).toBe(warm);
  });

  it('streams chunks ending with the usage chunk, asking the upstream for usage', async () => {
    upstream.setBehaviour({ reply: 'Streaming is first class here', streamChunks: 5 });
    const stream = adapter.chatStream({ ...request, stream: true }, model, ctx());
    const chunks = await collect(stream);
    expect(textOf(chunks)).toBe('Streaming is first class here');
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: mockUpstreamUsage(request, 'Streaming is first class here'),
    });
    expect(stream.usage()).toEqual({
      ...mockUpstreamUsage(request, 'Streaming is first class here'),
      source: 'provider',
    });
    expect(upstream.requests.at(-1)!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it.each([
    ['events split across writes', 7],
    ['several events in one write', 4_096],
  ])('parses a stream with %s', async (_label, writeBytes) => {
    upstream.setBehaviour({
      reply: 'Bytes arrive however TCP likes ✓',
      streamChunks: 6,
      writeBytes,
      chunkIntervalMs: 1,
    });
    const stream = adapter.chatStream(request, model, ctx());
    const chunks = await collect(stream);
    expect(textOf(chunks)).toBe('Bytes arrive however TCP likes ✓');
    expect(stream.usage().source).toBe('provider');
  });

  it('estimates usage when the upstream sends none', async () => {
    upstream.setBehaviour({ reply: 'No usage for you', includeUsage: false });
    const stream = adapter.chatStream(request, model, ctx());
    await collect(stream);
    expect(stream.usage()).toMatchObject({
      source: 'estimated',
      completion_tokens: countTextTokens('No usage for you'),
    });
  });

  it('maps a 429 with Retry-After to a retryable rate_limit_error', async () => {
    upstream.setBehaviour({ status: 429, retryAfterSeconds: 7 });
    await expect(adapter.chat(request, model, ctx())).rejects.toMatchObject({
      type: 'rate_limit_error',
      retryable: true,
      retryAfterSeconds: 7,
      upstreamStatus: 429,
      provider: 'openai',
    });
    await expect(collect(adapter.chatStream(request, model, ctx()))).rejects.toMatchObject({
      type: 'rate_limit_error',
      retryAfterSeconds: 7,
    });
  });

  it('maps 500 to upstream_error and 503 to service_unavailable, both retryable', async () => {
    upstream.setBehaviour({ status: 500 });
    await expect(adapter.chat(request, model, ctx())).rejects.toMatchObject({
      type: 'upstream_error',
      retryable: true,
      upstreamStatus: 500,
    });
    upstream.setBehaviour({ status: 503 });
    await expect(adapter.chat(request, model, ctx())).rejects.toMatchObject({
      type: 'service_unavailable',
      retryable: true,
    });
  });

  it('refuses a malformed 200 body as an invalid response', async () => {
    upstream.setBehaviour({ body: '{"id": "chatcmpl-1", "choices": [' });
    await expect(adapter.chat(request, model, ctx())).rejects.toMatchObject({
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
    await eventually('the upstream sees the client go', () => sent.closedByClient, 2_000);
  });

  it('maps a connection dropped mid-stream to a retryable upstream_error', async () => {
    upstream.setBehaviour({ failMidStream: 2 });
    await expect(collect(adapter.chatStream(request, model, ctx()))).rejects.toMatchObject({
      type: 'upstream_error',
      retryable: true,
    });
  });

  it('maps a refused connection to a retryable upstream_error', async () => {
    const closed = await startMockOpenAiUpstream();
    await closed.close();
    const nowhere = new OpenAiAdapter({ baseUrl: closed.baseUrl, apiKey: 'sk-test-secret' });
    try {
      await expect(nowhere.chat(request, model, ctx())).rejects.toMatchObject({
        type: 'upstream_error',
        retryable: true,
        upstreamStatus: null,
      });
    } finally {
      await nowhere.close();
    }
  });

  it('adds the /v1 prefix to a bare origin', async () => {
    const bare = new OpenAiAdapter({ baseUrl: upstream.baseUrl.replace(/\/v1$/, ''), apiKey: 'sk-test-secret' });
    try {
      await bare.chat(request, model, ctx());
      expect(upstream.requests.at(-1)!.path).toBe('/v1/chat/completions');
    } finally {
      await bare.close();
    }
  });
});
