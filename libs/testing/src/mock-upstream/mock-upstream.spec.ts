import { openAiSchemaErrors } from '../openapi/openai-spec.validator';
import { startMockOpenAiUpstream, type MockUpstream } from './mock-upstream';
import { DEFAULT_UPSTREAM_BEHAVIOUR } from './upstream-behaviour';

const chatBody = (extra: object = {}) => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'two words' }],
  ...extra,
});

describe('mock OpenAI upstream', () => {
  let upstream: MockUpstream;

  const post = (body: object, headers: Record<string, string> = {}, signal?: AbortSignal) =>
    fetch(`${upstream.baseUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal,
    });

  const sseData = async (response: Response) =>
    (await response.text())
      .split('\n\n')
      .filter(Boolean)
      .map((event) => event.replace(/^data: /, ''));

  beforeAll(async () => {
    upstream = await startMockOpenAiUpstream();
  });

  afterAll(async () => {
    await upstream.close();
  });

  beforeEach(() => upstream.setBehaviour(DEFAULT_UPSTREAM_BEHAVIOUR));

  it('answers a chat completion in OpenAI’s shape with predictable usage, and records the request', async () => {
    upstream.setBehaviour({ reply: 'three word reply' });
    const response = await post(chatBody(), { authorization: 'Bearer sk-x' });
    const body = (await response.json()) as { usage: unknown; choices: Array<{ message: { content: string } }> };
    expect(response.status).toBe(200);
    expect(openAiSchemaErrors('CreateChatCompletionResponse', body)).toEqual([]);
    expect(body.choices[0]!.message.content).toBe('three word reply');
    // 3 per message + 2 words; 3 words in the reply.
    expect(body.usage).toEqual({ prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 });
    expect(upstream.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      body: chatBody(),
      closedByClient: false,
    });
    expect(upstream.requests.at(-1)!.headers.authorization).toBe('Bearer sk-x');
  });

  it('lists models', async () => {
    const response = await fetch(`${upstream.baseUrl}/models`);
    expect(openAiSchemaErrors('ListModelsResponse', await response.json())).toEqual([]);
  });

  it('streams SSE ending in [DONE], with a usage chunk only when the request asks for it', async () => {
    upstream.setBehaviour({ reply: 'abcdefgh', streamChunks: 4 });
    const plain = await sseData(await post(chatBody({ stream: true })));
    expect(plain.at(-1)).toBe('[DONE]');
    const chunks = plain
      .slice(0, -1)
      .map((data) => JSON.parse(data) as { choices: Array<{ delta: { content?: string } }>; usage?: unknown });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe('abcdefgh');
    expect(chunks).toHaveLength(1 + 4 + 1);
    expect(chunks.some((chunk) => 'usage' in chunk)).toBe(false);

    const withUsage = await sseData(await post(chatBody({ stream: true, stream_options: { include_usage: true } })));
    const last = JSON.parse(withUsage.at(-2)!) as { choices: unknown[]; usage: unknown };
    expect(last).toMatchObject({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 } });
  });

  it('answers errors in OpenAI’s shape, with Retry-After, overridable per request by headers', async () => {
    const response = await post(chatBody(), { 'x-mock-status': '429', 'x-mock-retry-after': '9' });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('9');
    const body = await response.json();
    expect(openAiSchemaErrors('ErrorResponse', body)).toEqual([]);
    expect(body).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
    // The server-wide behaviour is untouched by a header override.
    expect((await post(chatBody())).status).toBe(200);
  });

  it('records a client that gives up on a hanging request', async () => {
    upstream.setBehaviour({ hang: true });
    const before = upstream.requests.length;
    const controller = new AbortController();
    const pending = post(chatBody(), {}, controller.signal);
    await waitFor(() => upstream.requests.length > before);
    const hung = upstream.requests.at(-1)!;
    expect(hung.closedByClient).toBe(false);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await waitFor(() => hung.closedByClient);
  });

  it('breaks a stream off after N writes', async () => {
    const response = await post(chatBody({ stream: true }), { 'x-mock-fail-mid-stream': '2' });
    await expect(response.text()).rejects.toThrow();
    expect(upstream.requests.at(-1)!.closedByClient).toBe(false);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
