import type { ChatCompletionChunk, ChatCompletionRequest } from '@llmgw/contracts';
// The adapter is tested over real HTTP against the mock Anthropic upstream (a test-only dependency).
import {
  DEFAULT_ANTHROPIC_UPSTREAM_BEHAVIOUR,
  type MockAnthropicUpstream,
  mockAnthropicUsage,
  startMockAnthropicUpstream,
} from '@llmgw/testing';
import type { ProviderAdapter, ProviderCallContext } from '../provider-adapter';
import { AnthropicAdapter } from './anthropic.adapter';
import { ANTHROPIC_MODELS } from './anthropic.models';

const model = ANTHROPIC_MODELS.find((entry) => entry.id === 'claude-haiku-4-5')!;
const request: ChatCompletionRequest = {
  model: 'claude-haiku-4-5',
  messages: [
    { role: 'system', content: 'Be kind' },
    { role: 'user', content: 'Hello there upstream' },
  ],
};
// What the mock counts: system words + 3 per message + its words.
const usageFor = (reply: string, toolCall: { name: string; arguments: string } | null = null) => {
  const { input_tokens, output_tokens } = mockAnthropicUsage(
    { system: 'Be kind', messages: [{ content: 'Hello there upstream' }] },
    { reply, toolCall },
  );
  return { prompt_tokens: input_tokens, completion_tokens: output_tokens, total_tokens: input_tokens + output_tokens };
};
const weather = { name: 'get_weather', arguments: '{"city":"Paris"}' };
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

describe('AnthropicAdapter against a mock Anthropic upstream', () => {
  let upstream: MockAnthropicUpstream;
  let adapter: AnthropicAdapter;

  beforeAll(async () => {
    upstream = await startMockAnthropicUpstream();
    adapter = new AnthropicAdapter({ baseUrl: upstream.baseUrl, apiKey: 'sk-ant-test-secret' });
  });

  afterAll(async () => {
    await adapter.close();
    await upstream.close();
  });

  beforeEach(() => upstream.setBehaviour(DEFAULT_ANTHROPIC_UPSTREAM_BEHAVIOUR));

  it('has no embeddings (Anthropic has no embeddings API)', () => {
    const port: ProviderAdapter = adapter;
    expect(port.embed).toBeUndefined();
  });

  it('posts to /v1/messages with x-api-key and anthropic-version, and relays the reply and usage', async () => {
    upstream.setBehaviour({ reply: 'Plain answer from Claude' });
    const { completion, usageSource } = await adapter.chat(
      { ...request, max_tokens: 300, seed: 1, presence_penalty: 0.5 },
      model,
      ctx(),
    );
    expect(completion.choices[0]!.message.content).toBe('Plain answer from Claude');
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(usageSource).toBe('provider');
    expect(completion.usage).toEqual(usageFor('Plain answer from Claude'));

    const sent = upstream.requests.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/messages' });
    expect(sent.headers).toMatchObject({ 'x-api-key': 'sk-ant-test-secret', 'anthropic-version': '2023-06-01' });
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.body).toEqual({
      model: 'claude-haiku-4-5-20251001',
      system: 'Be kind',
      messages: [{ role: 'user', content: 'Hello there upstream' }],
      max_tokens: 300,
    });
  });

  it('counts cached prompt tokens in prompt_tokens', async () => {
    upstream.setBehaviour({ reply: 'Cached', cacheReadInputTokens: 100, cacheCreationInputTokens: 20 });
    const { completion } = await adapter.chat(request, model, ctx());
    expect(completion.usage.prompt_tokens).toBe(usageFor('Cached').prompt_tokens + 120);
  });

  it('answers a tool call, and streams one with the id and name first and the arguments in pieces', async () => {
    upstream.setBehaviour({ reply: '', toolCall: weather });
    const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object' } } }];
    const { completion } = await adapter.chat({ ...request, tools, tool_choice: 'required' }, model, ctx());
    expect(completion.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        content: null,
        tool_calls: [{ type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
      },
    });
    expect(upstream.requests.at(-1)!.body).toMatchObject({
      tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
      tool_choice: { type: 'any' },
    });

    const stream = adapter.chatStream({ ...request, tools }, model, ctx());
    const chunks = await collect(stream);
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(calls[0]).toMatchObject({
      index: 0,
      id: expect.stringMatching(/^toolu_/),
      function: { name: 'get_weather' },
    });
    expect(calls.length).toBeGreaterThan(2);
    expect(calls.map((call) => call.function?.arguments ?? '').join('')).toBe('{"city":"Paris"}');
    expect(chunks.filter((chunk) => chunk.choices[0]?.finish_reason)).toHaveLength(1);
    expect(stream.usage()).toEqual({ ...usageFor('', weather), source: 'provider' });
  });

  it('sends a tool-result conversation Anthropic accepts', async () => {
    const { completion } = await adapter.chat(
      {
        ...request,
        messages: [
          ...request.messages,
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
          },
          { role: 'tool', tool_call_id: 'toolu_1', content: 'Sunny' },
        ],
      },
      model,
      ctx(),
    );
    expect(completion.choices[0]!.message.content).toBe(DEFAULT_ANTHROPIC_UPSTREAM_BEHAVIOUR.reply);
    expect((upstream.requests.at(-1)!.body as { messages: unknown[] }).messages.at(-1)).toEqual({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'Sunny' }],
    });
  });

  it('streams chunks ending with the usage chunk', async () => {
    upstream.setBehaviour({ reply: 'Streaming is first class here', streamChunks: 5 });
    const stream = adapter.chatStream({ ...request, stream: true }, model, ctx());
    const chunks = await collect(stream);
    expect(textOf(chunks)).toBe('Streaming is first class here');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: usageFor('Streaming is first class here') });
    expect(stream.usage()).toEqual({ ...usageFor('Streaming is first class here'), source: 'provider' });
    expect(upstream.requests.at(-1)!.body).toMatchObject({ stream: true });
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
    expect(textOf(await collect(stream))).toBe('Bytes arrive however TCP likes ✓');
    expect(stream.usage().source).toBe('provider');
  });

  it('throws an error event sent mid-stream (overloaded) as a retryable service_unavailable, metering what came', async () => {
    upstream.setBehaviour({ streamError: 'overloaded_error' });
    const stream = adapter.chatStream(request, model, ctx());
    await expect(collect(stream)).rejects.toMatchObject({ type: 'service_unavailable', retryable: true });
    expect(stream.usage().source).toBe('estimated');
  });

  it.each([
    [400, '', 'invalid_request_error', false],
    [401, '', 'authentication_error', false],
    [404, '', 'invalid_request_error', false],
    [500, '', 'upstream_error', true],
    [529, '', 'service_unavailable', true],
    [400, 'prompt is too long: 208310 tokens > 200000 maximum', 'context_length_error', false],
  ])('maps HTTP %i %s to %s', async (status, message, type, retryable) => {
    upstream.setBehaviour({ status, error: message ? { message } : null });
    await expect(adapter.chat(request, model, ctx())).rejects.toMatchObject({
      type,
      retryable,
      upstreamStatus: status,
    });
    await expect(collect(adapter.chatStream(request, model, ctx()))).rejects.toMatchObject({ type });
  });

  it('maps a 429 with Retry-After to a retryable rate_limit_error', async () => {
    upstream.setBehaviour({ status: 429, retryAfterSeconds: 7 });
    await expect(adapter.chat(request, model, ctx())).rejects.toMatchObject({
      type: 'rate_limit_error',
      retryable: true,
      retryAfterSeconds: 7,
      provider: 'anthropic',
    });
  });

  it('refuses a malformed 200 body as an invalid response', async () => {
    upstream.setBehaviour({ body: '{"id": "msg_1", "content": [' });
    await expect(adapter.chat(request, model, ctx())).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('maps a connection dropped mid-stream to a retryable upstream_error', async () => {
    upstream.setBehaviour({ failMidStream: 3 });
    await expect(collect(adapter.chatStream(request, model, ctx()))).rejects.toMatchObject({
      type: 'upstream_error',
      retryable: true,
    });
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

  it('accepts a base URL ending in /v1', async () => {
    const versioned = new AnthropicAdapter({ baseUrl: `${upstream.baseUrl}/v1/`, apiKey: 'sk-ant-test-secret' });
    try {
      await versioned.chat(request, model, ctx());
      expect(upstream.requests.at(-1)!.path).toBe('/v1/messages');
    } finally {
      await versioned.close();
    }
  });
});
