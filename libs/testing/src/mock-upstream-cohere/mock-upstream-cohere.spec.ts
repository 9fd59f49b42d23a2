import type { MockUpstream } from '../mock-upstream/mock-upstream';
import { DEFAULT_UPSTREAM_BEHAVIOUR } from '../mock-upstream/upstream-behaviour';
import { startMockCohereUpstream } from './mock-upstream-cohere';

describe('mock Cohere v2 upstream', () => {
  let upstream: MockUpstream;

  const post = (path: string, body: object, headers: Record<string, string> = {}) =>
    fetch(`${upstream.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const chat = { model: 'command-r-plus-08-2024', messages: [{ role: 'user', content: 'two words' }] };

  beforeAll(async () => {
    upstream = await startMockCohereUpstream();
  });

  afterAll(() => upstream.close());

  beforeEach(() => upstream.setBehaviour(DEFAULT_UPSTREAM_BEHAVIOUR));

  it('answers /v2/chat with content items, a Cohere finish reason and billed and raw usage', async () => {
    upstream.setBehaviour({ reply: 'three word reply' });
    const body = await (await post('/v2/chat', chat)).json();
    expect(body).toMatchObject({
      finish_reason: 'COMPLETE',
      message: { role: 'assistant', content: [{ type: 'text', text: 'three word reply' }] },
      usage: { billed_units: { input_tokens: 5, output_tokens: 3 }, tokens: { input_tokens: 65, output_tokens: 3 } },
    });
  });

  it('streams named SSE events from message-start to message-end', async () => {
    upstream.setBehaviour({ reply: 'abcd', streamChunks: 2 });
    const text = await (await post('/v2/chat', { ...chat, stream: true })).text();
    const names = [...text.matchAll(/^event: (.+)$/gm)].map((match) => match[1]);
    expect(names).toEqual([
      'message-start',
      'content-start',
      'content-delta',
      'content-delta',
      'content-end',
      'message-end',
    ]);
    expect(text).toContain('"finish_reason":"COMPLETE"');
  });

  it('streams a tool call as plan, start, argument deltas and end', async () => {
    upstream.setBehaviour({ toolCall: { name: 'f', arguments: '{"a":1}' }, streamChunks: 2 });
    const text = await (await post('/v2/chat', { ...chat, stream: true })).text();
    const names = [...text.matchAll(/^event: (.+)$/gm)].map((match) => match[1]);
    expect(names).toEqual([
      'message-start',
      'tool-plan-delta',
      'tool-plan-delta',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-delta',
      'tool-call-end',
      'message-end',
    ]);
  });

  it('embeds texts as floats, and answers errors as {id, message} with Retry-After', async () => {
    const request = { model: 'embed-english-v3.0', texts: ['a b', 'c'], embedding_types: ['float'] };
    const embed = (await (await post('/v2/embed', request)).json()) as { embeddings: { float: unknown[] } };
    expect(embed).toMatchObject({ response_type: 'embeddings_by_type', meta: { billed_units: { input_tokens: 3 } } });
    expect(embed.embeddings.float).toHaveLength(2);
    const limited = await post('/v2/chat', chat, { 'x-mock-status': '429', 'x-mock-retry-after': '4' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('4');
    expect(await limited.json()).toMatchObject({ message: expect.stringContaining('Trial key') });
  });
});
