import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually } from '@llmgw/testing';
import { startPlatform, type Platform, type UsageRow } from './platform.fixture';

interface Price {
  input: bigint;
  output: bigint;
}

/** Exact dollars per 1K tokens ("0.00015") as integer nano-dollars per million tokens. */
function nanoPerMTok(dollarsPer1k: string): bigint {
  const [whole = '0', fraction = ''] = dollarsPer1k.split('.');
  if (fraction.length > 12) throw new Error(`price ${dollarsPer1k} is finer than a nano-dollar per million tokens`);
  return BigInt(whole) * 10n ** 12n + BigInt(fraction.padEnd(12, '0'));
}

/** The registry's price, half-up per request, recomputed here on its own (not the gateway's code). */
function expectedCost(row: Pick<UsageRow, 'model' | 'prompt_tokens' | 'completion_tokens'>, prices: Map<string, Price>): bigint {
  const price = prices.get(row.model);
  if (!price) throw new Error(`model ${row.model} is not in the registry`);
  const total = BigInt(row.prompt_tokens) * price.input + BigInt(row.completion_tokens) * price.output;
  const quotient = total / 1_000_000n;
  return (total % 1_000_000n) * 2n >= 1_000_000n ? quotient + 1n : quotient;
}

interface Expected {
  status: 'success' | 'error';
  cache: 'none' | 'exact';
  source: 'provider' | 'estimated' | 'none';
  model: string;
  stream: boolean;
  fallbacks?: number;
  /** Tokens the client was told (response usage or the stream's usage chunk). */
  tokens?: { prompt_tokens: number; completion_tokens: number };
  /** The request whose answer a cache hit replays. */
  originalOf?: string;
}

// Issue 5 "Measured": N requests of every kind through the built gateway, worker and real
// Postgres, then exactly N usage rows whose costs add up to tokens x registry price, exactly.
describe('metering is exact: every request one row, every nano-dollar accounted for', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'llmgw-metering-'));
  const expected = new Map<string, Expected>();
  let platform: Platform;
  let prices: Map<string, Price>;

  beforeAll(async () => {
    const config = path.join(dir, 'llm_gateway_config.json');
    writeFileSync(config, JSON.stringify({ routing: { fallback_map: { 'gpt-4o': ['mock-1'] } } }));
    platform = await startPlatform({ MAX_RETRIES: '0', CIRCUIT_BREAKER_FAILURE_THRESHOLD: '100', LLM_GATEWAY_CONFIG: config });
    // The prices the running gateway publishes for its registry (any filter shows them).
    const listed = await fetch(`${platform.gateway.url}/v1/models?min_strength=0`, { headers: { authorization: `Bearer ${platform.apiKey}` } });
    expect(listed.status).toBe(200);
    const { data } = (await listed.json()) as { data: Array<{ id: string; pricing: { input_per_1k: string; output_per_1k: string } }> };
    prices = new Map(data.map((model) => [model.id, { input: nanoPerMTok(model.pricing.input_per_1k), output: nanoPerMTok(model.pricing.output_per_1k) }]));
    // Known list prices, so a wrong conversion here cannot make every comparison agree.
    expect(prices.get('gpt-4o-mini')).toEqual({ input: 150_000_000n, output: 600_000_000n });
  });

  afterEach(() => platform.upstream.setBehaviour({ status: 200, streamChunks: 4, chunkIntervalMs: 0 }));

  afterAll(async () => {
    await platform?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = (body: Record<string, unknown>, requestId = randomUUID(), signal?: AbortSignal) =>
    fetch(`${platform.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify(body),
      signal,
    });
  const prompt = (text: string) => [{ role: 'user', content: `${text} (${randomUUID()})` }];

  /** The usage chunk of an SSE body (the client asked for it). */
  const streamUsage = (text: string) => {
    const events = text.split('\n\n').filter((event) => event.startsWith('data: {'));
    const usage = events.map((event) => JSON.parse(event.slice(6)) as { usage?: { prompt_tokens: number; completion_tokens: number } | null }).find((chunk) => chunk.usage);
    return usage?.usage ?? undefined;
  };


  it('drives plain, streamed, cached, failed, fallen-over and abandoned requests', async () => {
    // Plain.
    let id = randomUUID();
    const repeated = prompt('Explain what a B-tree is');
    let response = await ask({ model: 'gpt-4o-mini', messages: repeated }, id);
    expect(response.status).toBe(200);
    let body = (await response.json()) as { usage: { prompt_tokens: number; completion_tokens: number } };
    expected.set(id, { status: 'success', cache: 'none', source: 'provider', model: 'gpt-4o-mini', stream: false, tokens: body.usage });
    const original = id;

    // The same request again: an exact cache hit, no upstream call.
    id = randomUUID();
    const callsBefore = platform.upstream.requests.length;
    response = await ask({ model: 'gpt-4o-mini', messages: repeated }, id);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-llmgw-cache')).toBe('hit');
    expect(platform.upstream.requests.length).toBe(callsBefore);
    expected.set(id, { status: 'success', cache: 'exact', source: 'provider', model: 'gpt-4o-mini', stream: false, tokens: body.usage, originalOf: original });

    // Streamed, usage asked by the client (so the test sees what was billed).
    id = randomUUID();
    response = await ask({ model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true }, messages: prompt('Stream a haiku about queues') }, id);
    expect(response.status).toBe(200);
    const streamed = await response.text();
    expect(streamed).toContain('data: [DONE]');
    expected.set(id, { status: 'success', cache: 'none', source: 'provider', model: 'gpt-4o-mini', stream: true, tokens: streamUsage(streamed) });

    // Streamed without asking for usage: the gateway asks the provider itself.
    id = randomUUID();
    response = await ask({ model: 'gpt-4o-mini', stream: true, messages: prompt('Stream a limerick about caches') }, id);
    const unasked = await response.text();
    expect(unasked).toContain('data: [DONE]');
    expect(streamUsage(unasked)).toBeUndefined(); // not asked for, not sent
    expected.set(id, { status: 'success', cache: 'none', source: 'provider', model: 'gpt-4o-mini', stream: true });

    // Failed: the upstream answers 500 and gpt-4o-mini has no fallback.
    platform.upstream.setBehaviour({ status: 500 });
    id = randomUUID();
    response = await ask({ model: 'gpt-4o-mini', messages: prompt('This one fails') }, id);
    expect(response.status).toBeGreaterThanOrEqual(500);
    expected.set(id, { status: 'error', cache: 'none', source: 'none', model: 'gpt-4o-mini', stream: false });

    // Fallen over: gpt-4o fails upstream, mock-1 answers (fallback_map).
    id = randomUUID();
    response = await ask({ model: 'gpt-4o', messages: prompt('Fall over to the mock, please') }, id);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-llmgw-model')).toBe('mock-1');
    body = (await response.json()) as typeof body;
    expected.set(id, { status: 'success', cache: 'none', source: 'provider', model: 'mock-1', stream: false, fallbacks: 1, tokens: body.usage });
    platform.upstream.setBehaviour({ status: 200 });

    // Abandoned by the client after the first content chunk of a slow stream.
    platform.upstream.setBehaviour({ reply: 'one two three four five six seven eight nine ten eleven twelve', streamChunks: 12, chunkIntervalMs: 150 });
    id = randomUUID();
    const abort = new AbortController();
    response = await ask({ model: 'gpt-4o-mini', stream: true, messages: prompt('Stream slowly, I will hang up') }, id, abort.signal);
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    let seen = '';
    while (!seen.includes('"content":"one')) seen += new TextDecoder().decode((await reader.read()).value);
    abort.abort();
    await reader.cancel().catch(() => undefined);
    expected.set(id, { status: 'error', cache: 'none', source: 'estimated', model: 'gpt-4o-mini', stream: true });

    // Exactly one row per request, and nothing else under these ids.
    const ids = [...expected.keys()];
    let rows: UsageRow[] = [];
    await eventually(`${ids.length} requests are metered`, async () => {
      rows = (await platform.db.query<UsageRow>('SELECT * FROM usage_records WHERE request_id = ANY($1)', [ids])).rows;
      return rows.length >= ids.length;
    });
    // Late duplicates would show here: give the worker a moment more, then count again.
    await new Promise((resolve) => setTimeout(resolve, 500));
    rows = (await platform.db.query<UsageRow>('SELECT * FROM usage_records WHERE request_id = ANY($1)', [ids])).rows;
    expect(rows.map((row) => row.request_id).sort()).toEqual([...ids].sort());

    const byId = new Map(rows.map((row) => [row.request_id, row]));
    let billed = 0n;
    let priced = 0n;
    for (const [requestId, want] of expected) {
      const row = byId.get(requestId)!;
      const context = `${requestId} ${JSON.stringify(row)}`;
      expect({ context, status: row.status, cache: row.cache_result, source: row.usage_source, model: row.model, stream: row.stream }).toEqual({
        context,
        status: want.status,
        cache: want.cache,
        source: want.source,
        model: want.model,
        stream: want.stream,
      });
      if (want.fallbacks !== undefined) expect(row.fallback_count).toBe(want.fallbacks);
      if (want.tokens) expect([row.prompt_tokens, row.completion_tokens]).toEqual([want.tokens.prompt_tokens, want.tokens.completion_tokens]);
      const cost = BigInt(row.cost_nano_usd);
      if (want.cache === 'exact') {
        expect(cost).toBe(0n);
        const originalRow = byId.get(want.originalOf!)!;
        expect(BigInt(row.saved_cost_nano_usd)).toBe(BigInt(originalRow.cost_nano_usd));
        expect(BigInt(row.saved_cost_nano_usd)).toBeGreaterThan(0n);
      } else {
        expect(cost).toBe(expectedCost(row, prices));
        priced += expectedCost(row, prices);
      }
      billed += cost;
    }
    expect(billed).toBe(priced);
    expect(billed).toBeGreaterThan(0n);

    // The abandoned stream is billed for what was produced: some tokens, fewer than the full answer.
    const abandoned = byId.get(id)!;
    expect(abandoned.completion_tokens).toBeGreaterThan(0);
    expect(abandoned.completion_tokens).toBeLessThan(12);
    // The failed request costs nothing.
    const failed = rows.find((row) => row.status === 'error' && !row.stream)!;
    expect({ tokens: failed.prompt_tokens + failed.completion_tokens, cost: failed.cost_nano_usd }).toEqual({ tokens: 0, cost: '0' });
  });

});
