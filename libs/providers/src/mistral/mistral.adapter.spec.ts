import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startMockOpenAiUpstream, type MockUpstream } from '@llmgw/testing';
import { collect, ctx, fullRequest } from '../openai-compatible/recorded-call.testing';
import { MistralAdapter } from './mistral.adapter';
import { MISTRAL_MODELS } from './mistral.models';

const model = MISTRAL_MODELS.find((entry) => entry.id === 'mistral-large-latest')!;

describe('MistralAdapter on the wire', () => {
  let upstream: MockUpstream;
  let adapter: MistralAdapter;

  beforeAll(async () => {
    upstream = await startMockOpenAiUpstream();
    adapter = new MistralAdapter({ baseUrl: upstream.baseUrl, apiKey: 'mistral-key' });
  });

  afterAll(async () => {
    await adapter.close();
    await upstream.close();
  });

  it('renames seed and max_completion_tokens, drops what Mistral refuses, authenticates with Bearer', async () => {
    await adapter.chat(fullRequest, model, ctx());
    const sent = upstream.requests.at(-1)!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer mistral-key');
    expect(sent.body).toEqual({
      model: 'mistral-large-latest',
      messages: fullRequest.messages,
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 64,
      stop: ['END'],
      random_seed: 42,
      response_format: { type: 'json_object' },
    });
  });

  it('reads usage from the finish chunk (recorded Mistral stream) and relays it last', async () => {
    const sse = readFileSync(path.join(__dirname, '__fixtures__', 'chat-stream.sse.txt'), 'utf8');
    upstream.setBehaviour({ body: sse });
    const stream = adapter.chatStream(fullRequest, model, ctx());
    const chunks = await collect(stream);
    upstream.setBehaviour({ body: null });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('Bonjour!');
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 8, completion_tokens: 3, total_tokens: 11 },
    });
    expect(stream.usage()).toMatchObject({ source: 'provider', total_tokens: 11 });
    expect(upstream.requests.at(-1)!.body).not.toHaveProperty('stream_options');
  });

  it('reads Mistral’s top-level and 422 error bodies', async () => {
    const fixture = (name: string) => readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8');
    upstream.setBehaviour({ status: 422, body: fixture('error-422.json') });
    await expect(adapter.chat(fullRequest, model, ctx())).rejects.toMatchObject({
      type: 'invalid_request_error',
      retryable: false,
      message: expect.stringContaining('Extra inputs are not permitted'),
    });
    upstream.setBehaviour({ status: 200, body: null });
  });
});
