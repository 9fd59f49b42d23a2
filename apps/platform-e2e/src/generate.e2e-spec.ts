import { randomUUID } from 'node:crypto';
import { eventually } from '@llmgw/testing';
import { startPlatform, type Platform } from './platform.fixture';

// gpt-4o is served by the OpenAI-speaking mock upstream; no retries or fallbacks, so an
// upstream failure reaches the rule-based last resort at once.
describe('task-aware generation and the specification routing fields', () => {
  let platform: Platform;

  beforeAll(async () => {
    platform = await startPlatform({ MAX_RETRIES: '0', MAX_FALLBACKS: '0', CIRCUIT_BREAKER_FAILURE_THRESHOLD: '100' });
  });

  afterEach(() => platform.upstream.setBehaviour({ status: 200 }));

  afterAll(async () => {
    await platform?.stop();
  });

  const post = (path: string, body: Record<string, unknown>, requestId = randomUUID()) =>
    fetch(`${platform.gateway.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify(body),
    });
  const lastUpstreamBody = () => platform.upstream.requests.at(-1)?.body as Record<string, unknown> & { messages: Array<{ role: string; content: string }> };

  it('classifies the intent, samples with the task\'s temperature, and answers with artifacts, cost and routing', async () => {
    const requestId = randomUUID();
    const response = await post('/v1/generate', { intent: 'Write a SQL query that counts orders per customer', sources: [{ name: 'orders' }], model: 'gpt-4o' }, requestId);
    expect(response.status).toBe(200);
    const generation = (await response.json()) as Record<string, unknown> & { artifacts: Array<{ language: string; content: string }>; usage: { total_tokens: number } };
    expect(generation).toMatchObject({ object: 'generation', task_type: 'sql_generation', mode: 'generate', generated_by: 'model', provider: 'openai', model: 'gpt-4o', cache: 'miss' });
    expect(generation.artifacts.length).toBeGreaterThan(0);
    expect(generation.usage.total_tokens).toBeGreaterThan(0);
    expect(BigInt(generation.cost_nano_usd as string)).toBeGreaterThan(0n);
    expect(generation.confidence).toBeGreaterThan(0.5);

    const sent = lastUpstreamBody();
    expect(sent.temperature).toBe(0.1); // SQL runs cold
    expect(sent.messages[0]?.role).toBe('system');
    expect(sent.messages[1]?.content).toContain('"name": "orders"');
    await eventually('the generation is metered as such', async () => {
      const { rows } = await platform.db.query('SELECT endpoint, task_type, cost_nano_usd FROM usage_records WHERE request_id = $1', [requestId]);
      return rows[0]?.endpoint === 'generate' && rows[0]?.task_type === 'sql_generation' && BigInt(rows[0].cost_nano_usd) === BigInt(generation.cost_nano_usd as string);
    });
  });

  it("uses an explicit mode's temperature", async () => {
    expect((await post('/v1/generate', { intent: 'Why does this loop never end? while True: pass', mode: 'debug', model: 'gpt-4o' })).status).toBe(200);
    expect(lastUpstreamBody().temperature).toBe(0.05);
  });

  it('answers from a template, labelled as such, when every provider fails; the failed call is still metered', async () => {
    platform.upstream.setBehaviour({ status: 500 });
    const requestId = randomUUID();
    const response = await post('/v1/generate', { intent: 'Write a SQL query listing customers', sources: ['customers'], model: 'gpt-4o' }, requestId);
    expect(response.status).toBe(200);
    const generation = (await response.json()) as { generated_by: string; confidence: number; provider: unknown; artifacts: Array<{ content: string }> };
    expect(generation.generated_by).toBe('rule_based_fallback');
    expect(generation.confidence).toBeLessThan(0.5);
    expect(generation.provider).toBeNull();
    expect(generation.artifacts[0]?.content).toContain('FROM customers');
    await eventually('the failed upstream call is metered', async () => {
      const { rows } = await platform.db.query("SELECT status FROM usage_records WHERE request_id = $1", [requestId]);
      return rows[0]?.status === 'error';
    });
  });

  it('refuses a malformed body with an OpenAI-shaped 400 naming the field', async () => {
    const response = await post('/v1/generate', { intent: '', mode: 'dance' });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { type: string; param: string } };
    expect(error.type).toBe('invalid_request_error');
    expect(['intent', 'mode']).toContain(error.param);
  });

  it('takes task_type, provider and enable_fallback on chat completions and never forwards them upstream', async () => {
    const requestId = randomUUID();
    const response = await post(
      '/v1/chat/completions',
      { model: 'gpt-4o', provider: 'openai', task_type: 'debugging', enable_fallback: false, messages: [{ role: 'user', content: 'hello there' }] },
      requestId,
    );
    expect(response.status).toBe(200);
    const sent = lastUpstreamBody();
    for (const field of ['provider', 'task_type', 'enable_fallback']) expect(sent).not.toHaveProperty(field);
    await eventually('the task type from the body is metered', async () => {
      const { rows } = await platform.db.query('SELECT task_type FROM usage_records WHERE request_id = $1', [requestId]);
      return rows[0]?.task_type === 'debugging';
    });
    const mismatch = await post('/v1/chat/completions', { model: 'gpt-4o', provider: 'mock', messages: [{ role: 'user', content: 'hi' }] });
    expect(mismatch.status).toBe(400);
  });
});
