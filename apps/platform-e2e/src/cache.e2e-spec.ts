import { randomUUID } from 'node:crypto';
import { openAiSchemaErrors } from '@llmgw/testing';
import { adminClient } from './admin-client';
import { startPlatform, type Platform } from './platform.fixture';

// Issue 6 through the built gateway: exact hits (plain and streamed), request controls, tenant
// isolation, metering of hits, and a cached answer as the last resort when providers are down.
describe('the exact cache through the gateway', () => {
  let platform: Platform;
  let teamA: { first: string; second: string };
  let teamB: string;

  beforeAll(async () => {
    // Breakers open after 2 failures (the last-resort case); no retries, so failures are quick.
    platform = await startPlatform({ MAX_RETRIES: '0', CIRCUIT_BREAKER_FAILURE_THRESHOLD: '2', CIRCUIT_BREAKER_RECOVERY_TIMEOUT: '600' });
    const admin = await adminClient(platform);
    const [a, b] = await Promise.all([admin.createTeam(), admin.createTeam()]);
    const [a1, a2, b1] = await Promise.all([admin.createKey({ team_id: a.id }), admin.createKey({ team_id: a.id }), admin.createKey({ team_id: b.id })]);
    teamA = { first: a1.key, second: a2.key };
    teamB = b1.key;
  });

  afterEach(() => platform.upstream.setBehaviour({ status: 200 }));

  afterAll(async () => {
    await platform?.stop();
  });

  const ask = (key: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    fetch(`${platform.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'x-request-id': randomUUID(), ...headers },
      body: JSON.stringify(body),
    });
  const question = (text: string) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: `${text} (${randomUUID()})` }] });
  const upstreamCalls = () => platform.upstream.requests.filter((request) => request.path.endsWith('/chat/completions')).length;
  const chunksOf = (text: string) =>
    text
      .split('\n\n')
      .filter((event) => event.startsWith('data: ') && event !== 'data: [DONE]')
      .map((event) => JSON.parse(event.slice(6)) as { choices: Array<{ delta: { content?: string | null } }>; usage?: unknown });

  it('answers a repeated request from the cache: no upstream call, metered at 0 with the cost it saved', async () => {
    const body = question('What is a covering index?');
    const first = await ask(teamA.first, body);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-llmgw-cache')).toBe('miss');
    const original = (await first.json()) as { choices: Array<{ message: { content: string } }> };
    const calls = upstreamCalls();

    const second = await ask(teamA.first, body);
    expect(second.status).toBe(200);
    expect(second.headers.get('x-llmgw-cache')).toBe('hit');
    const cached = (await second.json()) as typeof original;
    expect(openAiSchemaErrors('CreateChatCompletionResponse', cached)).toEqual([]);
    expect(cached.choices[0]!.message.content).toBe(original.choices[0]!.message.content);
    expect(upstreamCalls()).toBe(calls);

    const [missRow, hitRow] = await Promise.all([platform.usageRow(first.headers.get('x-request-id')!), platform.usageRow(second.headers.get('x-request-id')!)]);
    expect(BigInt(missRow.cost_nano_usd)).toBeGreaterThan(0n);
    expect(hitRow).toMatchObject({ cache_result: 'exact', cost_nano_usd: '0', saved_cost_nano_usd: missRow.cost_nano_usd });

    // Another key of the same team shares the team's cache (CACHE_SCOPE=team).
    const teammate = await ask(teamA.second, body);
    expect(teammate.headers.get('x-llmgw-cache')).toBe('hit');
  });

  it('replays a cached answer as a valid SSE stream', async () => {
    const body = { ...question('Stream me the definition of a heap'), stream: true, stream_options: { include_usage: true } };
    const first = await ask(teamA.first, body);
    const live = chunksOf(await first.text());
    const calls = upstreamCalls();

    const second = await ask(teamA.first, body);
    expect(second.headers.get('x-llmgw-cache')).toBe('hit');
    expect(second.headers.get('content-type')).toContain('text/event-stream');
    const text = await second.text();
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    const replayed = chunksOf(text);
    for (const chunk of replayed) expect(openAiSchemaErrors('CreateChatCompletionStreamResponse', chunk)).toEqual([]);
    const content = (chunks: typeof live) => chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(content(replayed)).toBe(content(live));
    expect(replayed.at(-1)!.usage).toEqual(live.at(-1)!.usage);
    expect(upstreamCalls()).toBe(calls);
  });

  it('skips the lookup for x-llmgw-cache: no-cache', async () => {
    const body = question('Name three sorting algorithms');
    await (await ask(teamA.first, body)).text();
    const calls = upstreamCalls();
    const bypass = await ask(teamA.first, body, { 'x-llmgw-cache': 'no-cache' });
    expect(bypass.status).toBe(200);
    expect(bypass.headers.get('x-llmgw-cache')).not.toMatch(/hit/);
    expect(upstreamCalls()).toBe(calls + 1);
    expect((await platform.usageRow(bypass.headers.get('x-request-id')!)).cache_result).toBe('none');
  });

  it("never serves one team's answer to another team", async () => {
    const body = question('Summarise our private roadmap');
    await (await ask(teamA.first, body)).text();
    expect((await ask(teamA.first, body)).headers.get('x-llmgw-cache')).toBe('hit');
    const calls = upstreamCalls();
    const other = await ask(teamB, body);
    expect(other.status).toBe(200);
    expect(other.headers.get('x-llmgw-cache')).toBe('miss');
    expect(upstreamCalls()).toBe(calls + 1);
  });

  // Last, because it leaves the provider's breaker open.
  it('serves a cached answer as the last resort when the provider is down and its breaker open', async () => {
    const body = question('What does ACID stand for?');
    const first = await ask(teamA.first, body);
    expect(first.status).toBe(200);
    const original = (await first.json()) as { choices: Array<{ message: { content: string } }> };

    platform.upstream.setBehaviour({ status: 503 });
    for (let i = 0; i < 2; i += 1) expect((await ask(teamA.first, question('fails'))).status).toBeGreaterThanOrEqual(500);
    const calls = upstreamCalls();
    // Without a cached answer: refused at once by the open breaker (no upstream call).
    const nothingCached = await ask(teamA.first, question('nothing cached for this'));
    expect(nothingCached.status).toBe(503);
    expect(upstreamCalls()).toBe(calls);

    const rescued = await ask(teamA.first, body, { 'x-llmgw-cache': 'no-cache' });
    expect(rescued.status).toBe(200);
    expect(rescued.headers.get('x-llmgw-cache')).toBe('hit; last-resort');
    expect(((await rescued.json()) as typeof original).choices[0]!.message.content).toBe(original.choices[0]!.message.content);
    expect(upstreamCalls()).toBe(calls);
    expect(await platform.usageRow(rescued.headers.get('x-request-id')!)).toMatchObject({ status: 'success', cache_result: 'exact', cost_nano_usd: '0' });
  });
});
