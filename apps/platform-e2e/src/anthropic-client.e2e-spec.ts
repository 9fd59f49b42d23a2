import { randomUUID } from 'node:crypto';
import Anthropic from '@anthropic-ai/sdk';
import { startPlatform, type Platform } from './platform.fixture';


const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  input_schema: { type: 'object' as const, properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('the platform through the official @anthropic-ai/sdk client', () => {
  let platform: Platform;
  let client: Anthropic;

  beforeAll(async () => {
    platform = await startPlatform();
    client = new Anthropic({ apiKey: platform.apiKey, authToken: null, baseURL: platform.gateway.url, maxRetries: 0 });
  });

  afterAll(async () => {
    await platform?.stop();
  });

  const usageRow = (requestId: string) => platform.usageRow(requestId);

  it('answers a message in Anthropic shape and meters it to the nano-dollar', async () => {
    const requestId = randomUUID();
    const { data, response } = await client.messages
      .create(
        { model: 'mock-1', max_tokens: 200, system: 'Be brief.', messages: [{ role: 'user', content: 'Say hello to the gateway' }] },
        { headers: { 'x-request-id': requestId } },
      )
      .withResponse();

    expect(data).toMatchObject({ type: 'message', role: 'assistant', model: 'mock-1', stop_reason: 'end_turn', stop_sequence: null });
    expect(data.id).toMatch(/^msg_/);
    expect(data.content).toHaveLength(1);
    expect(data.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('Say hello to the gateway') });
    expect(data.usage.input_tokens).toBeGreaterThan(0);
    expect(data.usage.output_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    expect(response.headers.get('x-llmgw-provider')).toBe('mock');
    expect(response.headers.get('x-llmgw-model')).toBe('mock-1');

    const row = await usageRow(requestId);
    expect(row).toMatchObject({ endpoint: 'messages', provider: 'mock', model: 'mock-1', status: 'success', usage_source: 'provider', stream: false });
    expect(row.prompt_tokens).toBe(data.usage.input_tokens);
    expect(row.completion_tokens).toBe(data.usage.output_tokens);
    // mock-1 costs $1 per million prompt tokens and $2 per million completion tokens.
    const expected = (BigInt(row.prompt_tokens) * 1_000_000_000n + BigInt(row.completion_tokens) * 2_000_000_000n + 500_000n) / 1_000_000n;
    expect(BigInt(row.cost_nano_usd)).toBe(expected);
  });

  it('streams events the SDK assembles into the same message, with final usage, and meters the stream', async () => {
    const requestId = randomUUID();
    const stream = client.messages.stream(
      { model: 'mock-1', max_tokens: 200, messages: [{ role: 'user', content: 'Stream me a reply' }] },
      { headers: { 'x-request-id': requestId } },
    );
    const events: Anthropic.MessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const message = await stream.finalMessage();

    const types = events.map((event) => event.type);
    expect(types[0]).toBe('message_start');
    expect(types.at(-2)).toBe('message_delta');
    expect(types.at(-1)).toBe('message_stop');
    const text = events.map((event) => (event.type === 'content_block_delta' && event.delta.type === 'text_delta' ? event.delta.text : '')).join('');
    expect(text).toContain('Stream me a reply');
    expect(message.content).toEqual([{ type: 'text', text }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBeGreaterThan(0);
    expect(message.usage.input_tokens).toBeGreaterThan(0);

    const row = await usageRow(requestId);
    expect(row).toMatchObject({ endpoint: 'messages', stream: true, status: 'success' });
    expect(row.prompt_tokens).toBe(message.usage.input_tokens);
    expect(row.completion_tokens).toBe(message.usage.output_tokens);
  });

  it('runs a tool-use round trip on mock-1, plain and streamed', async () => {
    const question: Anthropic.MessageParam = { role: 'user', content: 'What is the weather in Paris?' };
    const call = await client.messages.create({
      model: 'mock-1',
      max_tokens: 200,
      tools: [weatherTool],
      tool_choice: { type: 'tool', name: 'get_weather' },
      messages: [question],
    });
    expect(call.stop_reason).toBe('tool_use');
    const toolUse = call.content.find((block) => block.type === 'tool_use');
    expect(toolUse).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { city: expect.any(String) } });

    const answer = await client.messages.create({
      model: 'mock-1',
      max_tokens: 200,
      tools: [weatherTool],
      messages: [
        question,
        { role: 'assistant', content: call.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse!.type === 'tool_use' ? toolUse!.id : '', content: '18°C and sunny' }] },
      ],
    });
    expect(answer.stop_reason).toBe('end_turn');
    expect(answer.content[0]).toMatchObject({ type: 'text', text: expect.stringMatching(/\S/) });

    const streamed = await client.messages
      .stream({ model: 'mock-1', max_tokens: 200, tools: [weatherTool], tool_choice: { type: 'any' }, messages: [question] })
      .finalMessage();
    expect(streamed.stop_reason).toBe('tool_use');
    expect(streamed.content).toEqual([{ type: 'tool_use', id: expect.any(String), name: 'get_weather', input: toolUse!.type === 'tool_use' ? toolUse!.input : null }]);
  });

  it('accepts the key as a Bearer token too', async () => {
    const response = await fetch(`${platform.gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'mock-1', max_tokens: 50, messages: [{ role: 'user', content: 'bearer' }] }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ type: 'message' });
  });

  it('refuses bad keys and bad bodies with Anthropic-shaped errors, and meters the bad body', async () => {
    const stranger = new Anthropic({ apiKey: 'sk-llmgw-not-a-real-key-000000000000', authToken: null, baseURL: platform.gateway.url, maxRetries: 0 });
    await expect(stranger.messages.create({ model: 'mock-1', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
      status: 401,
      error: { type: 'error', error: { type: 'authentication_error', message: expect.any(String) } },
    });

    const requestId = randomUUID();
    const missingMaxTokens = { model: 'mock-1', messages: [{ role: 'user', content: 'x' }] } as unknown as Anthropic.MessageCreateParamsNonStreaming;
    await expect(client.messages.create(missingMaxTokens, { headers: { 'x-request-id': requestId } })).rejects.toMatchObject({
      status: 400,
      error: { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: Field required' } },
    });
    expect(await usageRow(requestId)).toMatchObject({ endpoint: 'messages', status: 'error', error_type: 'invalid_request_error', cost_nano_usd: '0' });

    await expect(client.messages.create({ model: 'no-such-model', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] })).rejects.toMatchObject({
      status: 400,
      error: { type: 'error', error: { type: 'invalid_request_error' } },
    });
  });

  it('answers malformed JSON in Anthropic shape too', async () => {
    const response = await fetch(`${platform.gateway.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': platform.apiKey, 'content-type': 'application/json' },
      body: '{"model": "mock-1",',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: expect.any(String) } });
  });

  it('ends a stream cut by the upstream with an error event, never message_stop', async () => {
    platform.upstream.setBehaviour({ streamChunks: 6, failMidStream: 3 });
    try {
      const response = await fetch(`${platform.gateway.url}/v1/messages`, {
        method: 'POST',
        headers: { 'x-api-key': platform.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o-mini', max_tokens: 100, stream: true, messages: [{ role: 'user', content: 'a long story' }] }),
      });
      expect(response.status).toBe(200);
      const text = await response.text();
      expect(text).toMatch(/^event: message_start\ndata: \{/);
      expect(text).toContain('event: content_block_delta\n');
      expect(text).toMatch(/event: error\ndata: \{"type":"error","error":\{"type":"api_error"/);
      expect(text).not.toContain('message_stop');

      const stream = client.messages.stream({ model: 'gpt-4o-mini', max_tokens: 100, messages: [{ role: 'user', content: 'again' }] });
      await expect(stream.finalMessage()).rejects.toMatchObject({ error: { type: 'error', error: { type: 'api_error' } } });
    } finally {
      platform.upstream.setBehaviour({ streamChunks: 4, failMidStream: null });
    }
  });
});
