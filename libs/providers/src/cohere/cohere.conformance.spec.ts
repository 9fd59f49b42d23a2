import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChatCompletionRequest } from '@llmgw/contracts';
import {
  DEFAULT_UPSTREAM_BEHAVIOUR,
  openAiSchemaErrors,
  startMockCohereUpstream,
  type MockUpstream,
} from '@llmgw/testing';
import { collect, ctx } from '../openai-compatible/recorded-call.testing';
import { describeAdapterConformance } from '../provider-adapter.contract';
import { CohereAdapter } from './cohere.adapter';
import { COHERE_MODELS } from './cohere.models';

const chatModel = COHERE_MODELS.find((model) => model.id === 'command-r-plus')!;
const embedModel = COHERE_MODELS.find((model) => model.id === 'embed-english-v3.0')!;
const fixture = (name: string) => readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8');
const request: ChatCompletionRequest = {
  model: 'command-r-plus',
  messages: [{ role: 'user', content: 'Weather in Toronto?' }],
  tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
};
const toolCall = { name: 'get_weather', arguments: '{"location":"Toronto"}' };

describeAdapterConformance('cohere', async () => {
  const upstream = await startMockCohereUpstream();
  const adapter = new CohereAdapter({ baseUrl: upstream.baseUrl, apiKey: 'co-conformance' });
  return {
    adapter,
    upstream,
    model: chatModel,
    teardown: async () => {
      await adapter.close();
      await upstream.close();
    },
  };
});

describe('CohereAdapter against a mock Cohere v2 upstream', () => {
  let upstream: MockUpstream;
  let adapter: CohereAdapter;

  beforeAll(async () => {
    upstream = await startMockCohereUpstream();
    adapter = new CohereAdapter({ baseUrl: `${upstream.baseUrl}/v2`, apiKey: 'co-secret' });
  });

  afterAll(async () => {
    await adapter.close();
    await upstream.close();
  });

  beforeEach(() => upstream.setBehaviour(DEFAULT_UPSTREAM_BEHAVIOUR));

  it('posts to /v2/chat with a Bearer key and the Cohere body, and reads billed usage', async () => {
    upstream.setBehaviour({ reply: 'Sunny and mild' });
    const { completion, usageSource } = await adapter.chat({ ...request, top_p: 0.5, stop: ['x'] }, chatModel, ctx());
    const sent = upstream.requests.at(-1)!;
    expect(sent).toMatchObject({ method: 'POST', path: '/v2/chat' });
    expect(sent.headers.authorization).toBe('Bearer co-secret');
    expect(sent.body).toMatchObject({ model: 'command-r-plus-08-2024', p: 0.5, stop_sequences: ['x'] });
    expect(sent.body).not.toHaveProperty('stream');
    expect(completion.choices[0]!.message.content).toBe('Sunny and mild');
    // Mock bills 3 + 3 words of prompt and 3 words of reply; its raw token count adds 60 for the template.
    expect(completion.usage).toEqual({ prompt_tokens: 6, completion_tokens: 3, total_tokens: 9 });
    expect(usageSource).toBe('provider');
  });

  it('relays a tool call, plain and streamed, with tool-call deltas and a last usage chunk', async () => {
    upstream.setBehaviour({ toolCall, streamChunks: 3 });
    const { completion } = await adapter.chat(request, chatModel, ctx());
    expect(completion.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: { tool_calls: [{ function: toolCall }] },
    });

    const stream = adapter.chatStream(request, chatModel, ctx());
    const chunks = await collect(stream);
    const calls = chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []));
    expect(calls[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'get_weather' } });
    expect(calls.map((call) => call.function?.arguments ?? '').join('')).toBe(toolCall.arguments);
    expect(chunks.at(-1)!.choices).toEqual([]);
    expect(stream.usage()).toMatchObject({ source: 'provider', prompt_tokens: 6 });
    expect(upstream.requests.at(-1)!.body).toMatchObject({ stream: true });
    for (const chunk of chunks) expect(openAiSchemaErrors('CreateChatCompletionStreamResponse', chunk)).toEqual([]);
  });

  it('parses a stream whatever the TCP cuts', async () => {
    upstream.setBehaviour({ reply: 'Bytes arrive however TCP likes ✓', streamChunks: 6, writeBytes: 7 });
    const chunks = await collect(adapter.chatStream(request, chatModel, ctx()));
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      'Bytes arrive however TCP likes ✓',
    );
  });

  it('embeds via /v2/embed as float search documents, with billed usage', async () => {
    const { embeddings: list } = await adapter.embed(
      { model: embedModel.id, input: ['two words', 'three more words'] },
      embedModel,
      ctx(),
    );
    expect(openAiSchemaErrors('CreateEmbeddingResponse', list)).toEqual([]);
    expect(list.data).toHaveLength(2);
    expect(list.usage).toEqual({ prompt_tokens: 5, total_tokens: 5 });
    expect(upstream.requests.at(-1)).toMatchObject({
      path: '/v2/embed',
      body: { texts: ['two words', 'three more words'], input_type: 'search_document', embedding_types: ['float'] },
    });
  });

  it.each([
    [400, 'error-400.json', 'invalid_request_error', false],
    [400, 'error-400-context-length.json', 'context_length_error', false],
    [401, 'error-401.json', 'authentication_error', false],
    [402, 'error-402.json', 'upstream_error', false],
    [404, 'error-404.json', 'invalid_request_error', false],
    [429, 'error-429.json', 'rate_limit_error', true],
    [499, 'error-499.json', 'upstream_error', true],
    [500, 'error-500.json', 'upstream_error', true],
    [503, 'error-503.json', 'service_unavailable', true],
  ])('maps HTTP %i (%s) to %s, for chat and streams', async (status, file, type, retryable) => {
    upstream.setBehaviour({ status, body: fixture(file), retryAfterSeconds: status === 429 ? 5 : null });
    const expected = {
      type,
      retryable,
      upstreamStatus: status,
      provider: 'cohere',
      ...(status === 429 ? { retryAfterSeconds: 5 } : {}),
    };
    await expect(adapter.chat(request, chatModel, ctx())).rejects.toMatchObject(expected);
    await expect(collect(adapter.chatStream(request, chatModel, ctx()))).rejects.toMatchObject(expected);
  });

  it('times out between stream events, and maps a stream cut mid-way to a retryable error', async () => {
    upstream.setBehaviour({ chunkIntervalMs: 400 });
    await expect(collect(adapter.chatStream(request, chatModel, { ...ctx(), timeoutMs: 150 }))).rejects.toMatchObject({
      type: 'timeout_error',
    });
    upstream.setBehaviour({ chunkIntervalMs: 0, failMidStream: 2 });
    await expect(collect(adapter.chatStream(request, chatModel, ctx()))).rejects.toMatchObject({
      type: 'upstream_error',
      retryable: true,
    });
  });
});
