import type { ChatCompletionChunk, ChatCompletionRequest } from '@llmgw/contracts';
// The adapter's output must match OpenAI's published schemas; the validator lives with the test helpers.
import { openAiSchemaErrors } from '@llmgw/testing';
import type { ProviderCallContext } from '../provider-adapter';
import { MODELS } from '../registry/models.data';
import { countCompletionTokens, countPromptTokens, countTextTokens } from '../token-counter';
import { MockAdapter } from './mock.adapter';

const model = MODELS.find((entry) => entry.id === 'mock-1')!;
const ctx = (overrides: Partial<ProviderCallContext> = {}): ProviderCallContext => ({
  signal: new AbortController().signal,
  timeoutMs: 5_000,
  requestId: 'req-1',
  ...overrides,
});
const ask = (content: string, extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({
  model: 'mock-1',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content },
  ],
  ...extra,
});

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

describe('MockAdapter', () => {
  const adapter = new MockAdapter();

  it('answers the same request with the same reply, and different requests differently', async () => {
    const first = await adapter.chat(ask('What is a gateway?'), model, ctx());
    const second = await adapter.chat(ask('What is a gateway?'), model, ctx());
    const other = await adapter.chat(ask('What is a budget?'), model, ctx());
    expect(second.completion.choices).toEqual(first.completion.choices);
    expect(second.completion.usage).toEqual(first.completion.usage);
    expect(other.completion.choices[0]!.message.content).not.toBe(first.completion.choices[0]!.message.content);
    expect(first.completion.choices[0]!.message.content).toMatch(/^Mock reply to "What is a gateway\?": /);
  });

  it('returns an OpenAI-shaped completion with honest token counts', async () => {
    const request = ask('Count my tokens please');
    const { completion, usageSource } = await adapter.chat(request, model, ctx());
    expect(openAiSchemaErrors('CreateChatCompletionResponse', completion)).toEqual([]);
    expect(usageSource).toBe('provider');
    const content = completion.choices[0]!.message.content!;
    expect(completion.usage).toEqual({
      prompt_tokens: countPromptTokens(request),
      completion_tokens: countTextTokens(content),
      total_tokens: countPromptTokens(request) + countTextTokens(content),
    });
    expect(completion.model).toBe('mock-1');
    expect(completion.choices[0]!.finish_reason).toBe('stop');
  });

  it('truncates to max_tokens and says so', async () => {
    const { completion } = await adapter.chat(ask('Tell me everything', { max_tokens: 3 }), model, ctx());
    expect(completion.usage.completion_tokens).toBe(3);
    expect(completion.choices[0]!.finish_reason).toBe('length');
    const viaNewName = await adapter.chat(ask('Tell me everything', { max_completion_tokens: 4 }), model, ctx());
    expect(viaNewName.completion.usage.completion_tokens).toBe(4);
  });

  it('calls the forced tool deterministically, with arguments of the declared types', async () => {
    const tools: ChatCompletionRequest['tools'] = [
      {
        type: 'function',
        function: { name: 'search', parameters: { type: 'object', properties: { query: { type: 'string' } } } },
      },
      {
        type: 'function',
        function: {
          name: 'get_weather',
          parameters: {
            type: 'object',
            properties: {
              city: { type: 'string' },
              days: { type: 'integer' },
              unit: { type: 'string', enum: ['c', 'f'] },
            },
          },
        },
      },
    ];
    const named = ask('Weather in Paris', {
      tools,
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
    const { completion } = await adapter.chat(named, model, ctx());
    const choice = completion.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls).toHaveLength(1);
    const call = choice.message.tool_calls![0]!;
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Weather in Paris', days: 1, unit: 'c' });
    expect((await adapter.chat(named, model, ctx())).completion.choices[0]!.message.tool_calls).toEqual([call]);
    expect(completion.usage.completion_tokens).toBe(countCompletionTokens(null, [call]));
    expect(openAiSchemaErrors('CreateChatCompletionResponse', completion)).toEqual([]);

    const required = await adapter.chat(ask('anything', { tools, tool_choice: 'required' }), model, ctx());
    expect(required.completion.choices[0]!.message.tool_calls![0]!.function.name).toBe('search');
    const auto = await adapter.chat(ask('anything', { tools, tool_choice: 'auto' }), model, ctx());
    expect(auto.completion.choices[0]!.finish_reason).toBe('stop');
  });

  it('streams role, content pieces, finish and usage chunks, in that order, adding up to the plain reply', async () => {
    const request = ask('Stream this please');
    const plain = await adapter.chat(request, model, ctx());
    const stream = adapter.chatStream(request, model, ctx());
    const chunks = await collect(stream);

    expect(chunks[0]!.choices[0]!.delta).toEqual({ role: 'assistant', content: '' });
    const content = chunks.slice(1, -2);
    expect(content.length).toBeGreaterThan(2);
    expect(
      content.every(
        (chunk) => chunk.choices[0]!.finish_reason === null && typeof chunk.choices[0]!.delta.content === 'string',
      ),
    ).toBe(true);
    expect(content.map((chunk) => chunk.choices[0]!.delta.content).join('')).toBe(
      plain.completion.choices[0]!.message.content,
    );
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: plain.completion.usage });
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(stream.usage()).toEqual({ ...plain.completion.usage, source: 'provider' });
  });

  it('streams a forced tool call', async () => {
    const tools: ChatCompletionRequest['tools'] = [
      {
        type: 'function',
        function: { name: 'lookup', parameters: { type: 'object', properties: { id: { type: 'string' } } } },
      },
    ];
    const chunks = await collect(adapter.chatStream(ask('find 42', { tools, tool_choice: 'required' }), model, ctx()));
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(calls[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'lookup' } });
    expect(JSON.parse(calls.map((call) => call.function?.arguments ?? '').join(''))).toEqual({ id: 'find 42' });
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('tool_calls');
  });

  it('stops a stream when the client aborts and estimates usage of what was relayed', async () => {
    const controller = new AbortController();
    const stream = adapter.chatStream(ask('Abort me midway'), model, ctx({ signal: controller.signal }));
    const seen: ChatCompletionChunk[] = [];
    await expect(
      (async () => {
        for await (const chunk of stream) {
          seen.push(chunk);
          if (seen.length === 2) controller.abort();
        }
      })(),
    ).rejects.toMatchObject({ type: 'client_closed_request', code: 'request_cancelled', retryable: false });
    expect(seen).toHaveLength(2);
    const usage = stream.usage();
    expect(usage.source).toBe('estimated');
    expect(usage.completion_tokens).toBe(countTextTokens(seen[1]!.choices[0]!.delta.content ?? ''));
  });

  it('waits the configured latency, and fails with timeout_error when it exceeds the call timeout', async () => {
    const slow = new MockAdapter({ latencyMs: 80 });
    const started = performance.now();
    await slow.chat(ask('hi'), model, ctx());
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
    await expect(slow.chat(ask('hi'), model, ctx({ timeoutMs: 20 }))).rejects.toMatchObject({
      type: 'timeout_error',
      provider: 'mock',
      retryable: true,
    });
    await expect(collect(slow.chatStream(ask('hi'), model, ctx({ timeoutMs: 20 })))).rejects.toMatchObject({
      type: 'timeout_error',
    });
  });
});
