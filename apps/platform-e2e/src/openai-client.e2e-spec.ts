import { randomUUID } from 'node:crypto';
import { eventually, openAiSchemaErrors } from '@llmgw/testing';
import OpenAI from 'openai';
import { startPlatform, type Platform } from './platform.fixture';


describe('the platform through the official openai client', () => {
  let platform: Platform;
  let client: OpenAI;

  beforeAll(async () => {
    platform = await startPlatform();
    client = new OpenAI({ apiKey: platform.apiKey, baseURL: `${platform.gateway.url}/v1`, maxRetries: 0 });
  });

  afterAll(async () => {
    await platform?.stop();
  });

  const usageRow = (requestId: string) => platform.usageRow(requestId);

  it('answers a chat completion that matches OpenAI schema and is metered to the nano-dollar', async () => {
    const requestId = randomUUID();
    const { data, response } = await client.chat.completions
      .create({ model: 'mock-1', messages: [{ role: 'user', content: 'Say hello to the gateway' }] }, { headers: { 'x-request-id': requestId } })
      .withResponse();

    expect(openAiSchemaErrors('CreateChatCompletionResponse', data)).toEqual([]);
    expect(data.choices[0]?.message.content).toMatch(/\S/);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    expect(response.headers.get('x-llmgw-provider')).toBe('mock');

    const row = await usageRow(requestId);
    expect(row).toMatchObject({ provider: 'mock', model: 'mock-1', status: 'success', usage_source: 'provider', stream: false });
    expect(row.prompt_tokens).toBe(data.usage!.prompt_tokens);
    expect(row.completion_tokens).toBe(data.usage!.completion_tokens);
    // mock-1 costs $1 per million prompt tokens and $2 per million completion tokens.
    const expected = (BigInt(row.prompt_tokens) * 1_000_000_000n + BigInt(row.completion_tokens) * 2_000_000_000n + 500_000n) / 1_000_000n;
    expect(BigInt(row.cost_nano_usd)).toBe(expected);
  });

  it('streams chunks that each match OpenAI schema, ending with usage, and meters the stream', async () => {
    const requestId = randomUUID();
    const stream = await client.chat.completions.create(
      { model: 'mock-1', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'Stream me a reply' }] },
      { headers: { 'x-request-id': requestId } },
    );
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);

    for (const chunk of chunks) expect(openAiSchemaErrors('CreateChatCompletionStreamResponse', chunk)).toEqual([]);
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toMatch(/\S/);
    const usage = chunks.at(-1)?.usage;
    expect(usage?.completion_tokens).toBeGreaterThan(0);

    const row = await usageRow(requestId);
    expect(row).toMatchObject({ stream: true, status: 'success', completion_tokens: usage!.completion_tokens, prompt_tokens: usage!.prompt_tokens });
  });

  it('relays an OpenAI-compatible upstream, streaming and not', async () => {
    const reply = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'upstream please' }] });
    expect(openAiSchemaErrors('CreateChatCompletionResponse', reply)).toEqual([]);
    const upstreamCall = platform.upstream.requests.at(-1)!;
    expect(upstreamCall.headers['authorization']).toBe('Bearer sk-upstream-test-key');

    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'stream it' }] });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    for (const chunk of chunks) expect(openAiSchemaErrors('CreateChatCompletionStreamResponse', chunk)).toEqual([]);
    // The gateway asked the upstream for usage even though the client did not.
    expect((platform.upstream.requests.at(-1)!.body as { stream_options?: unknown }).stream_options).toEqual({ include_usage: true });
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
  });

  it('answers embeddings in OpenAI shape and meters their prompt tokens', async () => {
    const requestId = randomUUID();
    const { data, response } = await client.embeddings
      .create({ model: 'mock-embed', input: ['first text', 'second text'], encoding_format: 'float' }, { headers: { 'x-request-id': requestId } })
      .withResponse();
    expect(response.headers.get('x-llmgw-model')).toBe('mock-embed');
    expect(openAiSchemaErrors('CreateEmbeddingResponse', data)).toEqual([]);
    expect(data.data).toHaveLength(2);
    // The SDK's default (base64 on the wire) decodes to the same vectors.
    const decoded = await client.embeddings.create({ model: 'mock-embed', input: ['first text', 'second text'] });
    expect(decoded.data[0]!.embedding[0]).toBeCloseTo(data.data[0]!.embedding[0]!, 6);
    const row = await usageRow(requestId);
    expect(row).toMatchObject({ model: 'mock-embed', status: 'success', completion_tokens: 0, prompt_tokens: data.usage.prompt_tokens });

    await expect(client.embeddings.create({ model: 'mock-1', input: 'x' })).rejects.toMatchObject({ status: 400, code: 'model_not_supported' });
  });

  it('lists models in OpenAI shape', async () => {
    const page = await client.models.list();
    expect(page.data.map((model) => model.id)).toEqual(expect.arrayContaining(['mock-1', 'gpt-4o-mini']));
    const raw = await fetch(`${platform.gateway.url}/v1/models`, { headers: { authorization: `Bearer ${platform.apiKey}` } });
    expect(openAiSchemaErrors('ListModelsResponse', await raw.json())).toEqual([]);
  });

  it('refuses bad keys and bad bodies with OpenAI-shaped errors', async () => {
    const stranger = new OpenAI({ apiKey: 'sk-llmgw-not-a-real-key-000000000000', baseURL: `${platform.gateway.url}/v1`, maxRetries: 0 });
    await expect(stranger.models.list()).rejects.toMatchObject({ status: 401, type: 'authentication_error' });
    await expect(client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
      status: 400,
      code: 'model_not_found',
    });
    await expect(client.chat.completions.create({ model: 'mock-1', messages: [] })).rejects.toMatchObject({ status: 400, param: 'messages' });
  });

  it('maps an upstream failure to a gateway error and still meters it', async () => {
    const requestId = randomUUID();
    platform.upstream.setBehaviour({ status: 500 });
    try {
      await expect(
        client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'fail' }] }, { headers: { 'x-request-id': requestId } }),
      ).rejects.toMatchObject({ status: 502 });
    } finally {
      platform.upstream.setBehaviour({ status: 200 });
    }
    expect(await usageRow(requestId)).toMatchObject({ status: 'error', provider: 'openai', cost_nano_usd: '0' });
  });

  describe('streams that do not finish', () => {
    const streamBody = JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'a long story' }] });
    const postStream = (requestId: string, signal?: AbortSignal) =>
      fetch(`${platform.gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json', 'x-request-id': requestId },
        body: streamBody,
        signal,
      });

    afterEach(() => platform.upstream.setBehaviour({ failMidStream: undefined, streamChunks: 3, chunkIntervalMs: 0 }));

    it('ends a stream cut by the upstream with an error event, never [DONE], and bills what was sent', async () => {
      // Paced, so the chunks before the cut are on the wire before the socket is destroyed.
      platform.upstream.setBehaviour({ streamChunks: 6, failMidStream: 3, chunkIntervalMs: 20 });
      const requestId = randomUUID();
      const response = await postStream(requestId);
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toContain('"delta":{"content"');
      expect(text).toMatch(/data: \{"error":\{[^\n]*"type":"upstream_error"/);
      expect(text).not.toContain('[DONE]');

      const row = await usageRow(requestId);
      expect(row).toMatchObject({ status: 'error', stream: true, usage_source: 'estimated' });
      expect(row.completion_tokens).toBeGreaterThan(0);
    });

    it('aborts the upstream call when the client goes away, and still meters the request once', async () => {
      platform.upstream.setBehaviour({ streamChunks: 200, chunkIntervalMs: 20 });
      const requestId = randomUUID();
      const client = new AbortController();
      const response = await postStream(requestId, client.signal);
      const reader = response.body!.getReader();
      await reader.read();
      const upstreamCall = platform.upstream.requests.at(-1)!;
      client.abort();

      await eventually('the upstream call is aborted', () => upstreamCall.closedByClient, 1_000);
      const row = await usageRow(requestId);
      expect(row).toMatchObject({ status: 'error', stream: true });
      const { rows } = await platform.db.query('SELECT count(*)::int AS count FROM usage_records WHERE request_id = $1', [requestId]);
      expect(rows[0].count).toBe(1);
    });
  });
});
