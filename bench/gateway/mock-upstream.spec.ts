import { closedLoop, openLoop, streamLoop } from './load-driver';
import { startMockUpstream, type RunningMock } from './mock-upstream';
import { chatBody } from './scenarios';

describe('mock upstream and load driver (loopback)', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMockUpstream();
  });
  afterAll(() => mock.close());

  const chat = { path: '/v1/chat/completions', headers: {}, body: (index: number) => chatBody('spec', index), countHeader: 'content-type' };

  it('answers chat completions in a closed loop, every response counted', async () => {
    const result = await closedLoop(mock.url, chat, { connections: 4, durationMs: 150 });
    expect(result.errors).toBe(0);
    expect(result.ok).toBeGreaterThan(0);
    expect(result.headerCounts).toEqual({ 'application/json': result.ok });
    expect(result.latency.count).toBe(result.ok);
  });

  it('sends exactly rate x duration requests in the open loop', async () => {
    const result = await openLoop(mock.url, chat, { rate: 200, durationMs: 100 });
    expect(result.sent).toBe(20);
    expect(result.ok + result.errors + result.dropped).toBe(20);
    expect(result.errors).toBe(0);
  });

  it('streams the configured number of chunks, paced, with usage when asked', async () => {
    await fetch(`${mock.url}/__config`, { method: 'POST', body: JSON.stringify({ streamChunks: 3, chunkIntervalMs: 1 }) });
    const streamed = (includeUsage: boolean) => ({
      path: '/v1/chat/completions',
      headers: {},
      body: () => JSON.stringify({ model: 'gpt-4o-mini', messages: [], stream: true, ...(includeUsage ? { stream_options: { include_usage: true } } : {}) }),
    });
    const plain = await streamLoop(mock.url, streamed(false), { concurrency: 1, durationMs: 30 });
    // role + 3 content + finish + [DONE]
    expect(plain.errors).toBe(0);
    expect(plain.eventsPerStream).toBe(6);
    const withUsage = await streamLoop(mock.url, streamed(true), { concurrency: 1, durationMs: 30 });
    expect(withUsage.eventsPerStream).toBe(7);
    expect(withUsage.toFirstEvent.count).toBe(withUsage.ok);
  });

  it('answers embeddings and the model list, and 404s anything else', async () => {
    const embeddings = await fetch(`${mock.url}/v1/embeddings`, { method: 'POST', body: '{"input":"x"}' });
    expect(((await embeddings.json()) as { data: unknown[] }).data).toHaveLength(1);
    const models = await fetch(`${mock.url}/v1/models`);
    expect(((await models.json()) as { data: Array<{ id: string }> }).data.map((model) => model.id)).toContain('gpt-4o-mini');
    expect((await fetch(`${mock.url}/v1/other`, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
