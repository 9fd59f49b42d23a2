import { DEFAULT_ANTHROPIC_UPSTREAM_BEHAVIOUR } from './anthropic-upstream-behaviour';
import { type MockAnthropicUpstream, startMockAnthropicUpstream } from './mock-anthropic-upstream';

const HEADERS = { 'content-type': 'application/json', 'x-api-key': 'sk-ant-x', 'anthropic-version': '2023-06-01' };
const messageBody = (extra: object = {}) => ({
  model: 'claude-sonnet-4-5-20250929',
  max_tokens: 100,
  system: 'Be brief',
  messages: [{ role: 'user', content: 'two words' }],
  ...extra,
});

describe('mock Anthropic upstream', () => {
  let upstream: MockAnthropicUpstream;

  const post = (body: object, headers: Record<string, string> = HEADERS) =>
    fetch(`${upstream.baseUrl}/v1/messages`, { method: 'POST', headers, body: JSON.stringify(body) });

  const sseEvents = async (response: Response) =>
    (await response.text())
      .split('\n\n')
      .filter(Boolean)
      .map((block) => {
        const [eventLine, dataLine] = block.split('\n');
        return { event: eventLine!.replace(/^event: /, ''), data: JSON.parse(dataLine!.replace(/^data: /, '')) };
      });

  beforeAll(async () => {
    upstream = await startMockAnthropicUpstream();
  });

  afterAll(async () => {
    await upstream.close();
  });

  beforeEach(() => upstream.setBehaviour(DEFAULT_ANTHROPIC_UPSTREAM_BEHAVIOUR));

  it('answers a message in Anthropic’s shape with predictable usage, and records the request', async () => {
    upstream.setBehaviour({ reply: 'three word reply', cacheReadInputTokens: 4 });
    const response = await post(messageBody());
    expect(response.status).toBe(200);
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect(await response.json()).toMatchObject({
      type: 'message',
      role: 'assistant',
      id: expect.stringMatching(/^msg_/),
      model: 'claude-sonnet-4-5-20250929',
      content: [{ type: 'text', text: 'three word reply' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      // 2 system words + 3 per message + 2 words; 3 words in the reply.
      usage: { input_tokens: 7, output_tokens: 3, cache_creation_input_tokens: 0, cache_read_input_tokens: 4 },
    });
    expect(upstream.requests.at(-1)).toMatchObject({ method: 'POST', path: '/v1/messages', body: messageBody() });
  });

  it('streams Anthropic’s event sequence, event names matching data types', async () => {
    upstream.setBehaviour({ reply: 'abcdefgh', streamChunks: 4 });
    const events = await sseEvents(await post(messageBody({ stream: true })));
    expect(events.every(({ event, data }) => data.type === event)).toBe(true);
    expect(events.map(({ event }) => event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      ...Array(4).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events.at(-2)!.data).toMatchObject({ delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 1 } });
  });

  it('streams a tool_use block whose input arrives as input_json_delta fragments', async () => {
    upstream.setBehaviour({ reply: '', toolCall: { name: 'get_weather', arguments: '{"city":"Paris"}' } });
    const events = await sseEvents(await post(messageBody({ stream: true })));
    expect(events[1]!.data).toMatchObject({ content_block: { type: 'tool_use', name: 'get_weather', input: {} } });
    const json = events
      .filter(({ data }) => data.delta?.type === 'input_json_delta')
      .map(({ data }) => data.delta.partial_json)
      .join('');
    expect(JSON.parse(json)).toEqual({ city: 'Paris' });
    expect(events.at(-2)!.data.delta.stop_reason).toBe('tool_use');
  });

  it('breaks a stream off with an error event when asked', async () => {
    const events = await sseEvents(
      await post(messageBody({ stream: true }), { ...HEADERS, 'x-mock-stream-error': 'overloaded_error' }),
    );
    expect(events.at(-1)).toEqual({
      event: 'error',
      data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    });
    expect(events.some(({ event }) => event === 'message_stop')).toBe(false);
  });

  it('answers errors in Anthropic’s shape, 529 overloaded included, with Retry-After', async () => {
    const response = await post(messageBody(), { ...HEADERS, 'x-mock-status': '529', 'x-mock-retry-after': '3' });
    expect(response.status).toBe(529);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(await response.json()).toMatchObject({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
      request_id: expect.stringMatching(/^req_/),
    });
    expect((await post(messageBody())).status).toBe(200);
  });

  it.each([
    ['no x-api-key', messageBody(), { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' }, 401],
    ['no anthropic-version', messageBody(), { 'content-type': 'application/json', 'x-api-key': 'k' }, 400],
    ['no max_tokens', { ...messageBody(), max_tokens: undefined }, HEADERS, 400],
    ['an OpenAI-only field', messageBody({ seed: 1 }), HEADERS, 400],
    ['a system role message', messageBody({ messages: [{ role: 'system', content: 'x' }] }), HEADERS, 400],
    ['temperature above 1', messageBody({ temperature: 1.5 }), HEADERS, 400],
    ['temperature with top_p', messageBody({ temperature: 0.5, top_p: 0.5 }), HEADERS, 400],
  ])('refuses a request with %s, as Anthropic does', async (_label, body, headers, status) => {
    const response = await post(body, headers);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: expect.any(String) } });
  });
});
