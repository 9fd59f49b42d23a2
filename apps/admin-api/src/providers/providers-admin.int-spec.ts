import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RedisControlChannel } from '@llmgw/control-bus';
import { PROVIDERS_FILE_RELOAD_CHANNEL, ProviderHealthMonitor } from '@llmgw/providers';
import { eventually, type MockUpstream, startMockOpenAiUpstream, TEST_REDIS_URL } from '@llmgw/testing';
import { type AdminApiHarness, expectError, type Json, startAdminApi } from '../testing/admin-api.harness';

const KEY_A = 'sk-admin-test-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const KEY_B = 'sk-admin-test-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const priced = (price: string) => `providers:\n  openai:\n    models:\n      - id: gpt-4o-mini\n        input_cost_per_1k: "${price}"\n`;

describe('admin API: providers, operated (real Postgres and Redis, mock OpenAI upstream)', () => {
  let h: AdminApiHarness;
  let upstream: MockUpstream;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    upstream = await startMockOpenAiUpstream();
    dir = mkdtempSync(path.join(tmpdir(), 'llmgw-admin-file-'));
    file = path.join(dir, 'llm_gateway_config.yaml');
    writeFileSync(file, priced('0.0002'));
    h = await startAdminApi({
      OPENAI_API_KEY: `${KEY_A},${KEY_B}`,
      OPENAI_BASE_URL: upstream.baseUrl,
      LLM_GATEWAY_CONFIG: file,
      PROVIDERS_FILE_POLL_INTERVAL_MS: '0',
      HEALTH_CHECK_INTERVAL_SECONDS: '0',
      HEALTH_DOWN_AFTER_FAILURES: '2',
    });
  });
  afterEach(() => upstream.setBehaviour({ status: 200, latencyMs: 0 }));
  afterAll(async () => {
    await h?.close();
    await upstream?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists providers with health, models and keys in rotation, prefixes only, to a viewer', async () => {
    const response = await h.asViewer('/admin/providers');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(KEY_A);
    expect(text).not.toContain(KEY_B);
    const body = JSON.parse(text) as Json;
    const openai = body.providers.find((provider: Json) => provider.id === 'openai');
    expect(openai).toMatchObject({ available: true, health: { status: 'healthy' } });
    expect(openai.models).toContain('gpt-4o-mini');
    expect(openai.keys.map((key: Json) => [key.label, key.inRotation])).toEqual([
      ['#1 sk-admin-te…', true],
      ['#2 sk-admin-te…', true],
    ]);
    expect(body.providers.map((provider: Json) => provider.id)).toContain('mock');
    expect(body.providers_file).toMatchObject({ path: file, version: 1 });
  });

  it('tests one provider: latency and the answer, or the error; admin only', async () => {
    upstream.setBehaviour({ reply: 'pong' });
    const ok = await h.asAdmin('/admin/providers/openai/test', 'POST', {});
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini', ok: true, answer: 'pong', error: null, latencyMs: expect.any(Number) });
    const sent = upstream.requests.at(-1)!;
    expect(sent.body).toMatchObject({ model: 'gpt-4o-mini', max_tokens: 16 });

    upstream.setBehaviour({ status: 500 });
    const failed = (await (await h.asAdmin('/admin/providers/openai/test', 'POST', { model: 'gpt-4o' })).json()) as Json;
    expect(failed).toMatchObject({ ok: false, model: 'gpt-4o', answer: null, error: { type: 'upstream_error', upstreamStatus: 500 } });

    await expectError(await h.asViewer('/admin/providers/openai/test', 'POST', {}), 403, 'permission_error');
    await expectError(await h.asAdmin('/admin/providers/nope/test', 'POST', {}), 404, 'not_found_error');
    const wrongModel = await expectError(await h.asAdmin('/admin/providers/openai/test', 'POST', { model: 'mock-1' }), 400, 'invalid_request_error');
    expect(wrongModel.param).toBe('model');
  });

  it('answers registry queries: by capability and price, cheapest, fastest', async () => {
    const found = (await (await h.asViewer('/admin/providers/models?capability=code&max_cost_per_1k=0.01')).json()) as Json;
    expect(found.data.map((model: Json) => model.id)).toContain('gpt-4o');
    for (const model of found.data) expect(Number(model.pricing.blended_per_1k)).toBeLessThanOrEqual(0.01);
    const cheapest = (await (await h.asViewer('/admin/providers/models/cheapest?capability=function_calling')).json()) as Json;
    expect(cheapest.capabilities).toContain('tools');
    expect((await h.asViewer('/admin/providers/models/fastest?capability=streaming')).status).toBe(200);
    await expectError(await h.asViewer('/admin/providers/models?max_cost_per_1k=cheap'), 400, 'invalid_request_error');
  });

  it('shows a provider the monitor took down, its alerts, and brings it back', async () => {
    const monitor = h.api.app.get(ProviderHealthMonitor, { strict: false });
    upstream.setBehaviour({ status: 503 });
    await monitor.runOnce();
    await monitor.runOnce();
    const down = ((await (await h.asViewer('/admin/providers')).json()) as Json).providers.find((provider: Json) => provider.id === 'openai');
    expect(down).toMatchObject({ available: false, health: { status: 'down', consecutiveFailures: 2 } });
    const alerts = ((await (await h.asViewer('/admin/providers/alerts?limit=5')).json()) as Json).alerts;
    expect(alerts[0]).toMatchObject({ kind: 'provider_down', provider: 'openai', severity: 'critical' });

    upstream.setBehaviour({ status: 200 });
    await monitor.runOnce();
    await monitor.runOnce();
    const back = ((await (await h.asViewer('/admin/providers')).json()) as Json).providers.find((provider: Json) => provider.id === 'openai');
    // Back in routing; still degraded while the failed checks weigh in the window's error rate.
    expect(back).toMatchObject({ available: true, health: { status: 'degraded', reasons: ['error rate 50% > 10%'] } });
    expect(((await (await h.asViewer('/admin/providers/alerts')).json()) as Json).alerts[0]).toMatchObject({ kind: 'provider_recovered', provider: 'openai' });
    await expectError(await h.asViewer('/admin/providers/alerts?limit=0'), 400, 'invalid_request_error');
  });

  it('reloads the providers file on demand, tells every replica, and keeps the last good version when the new one is bad', async () => {
    const heard: string[] = [];
    const channel = new RedisControlChannel(TEST_REDIS_URL, PROVIDERS_FILE_RELOAD_CHANNEL);
    const unsubscribe = await channel.subscribe((message) => heard.push(message));
    const price = async () =>
      ((await (await h.asViewer('/admin/providers/models?capability=streaming')).json()) as Json).data.find((model: Json) => model.id === 'gpt-4o-mini').pricing.input_per_1k;
    try {
      expect(await price()).toBe('0.0002');
      writeFileSync(file, priced('0.0003'));
      const reloaded = await h.asAdmin('/admin/providers/config/reload', 'POST', {});
      expect(reloaded.status).toBe(200);
      expect(await reloaded.json()).toMatchObject({ status: 'reloaded', version: 2, broadcast: true });
      expect(await price()).toBe('0.0003');
      await eventually('the other replicas are told', () => heard.length > 0, 5_000);

      writeFileSync(file, 'providers:\n  openai:\n    models:\n      - id: gpt-4o-mini\n        input_cost_per_1k: lots\n');
      const rejected = (await (await h.asAdmin('/admin/providers/config/reload', 'POST', {})).json()) as Json;
      expect(rejected).toMatchObject({ status: 'rejected', version: 2, stats: { failures: 1 } });
      expect(rejected.problems.join('\n')).toContain('providers.openai.models[0].input_cost_per_1k');
      expect(await price()).toBe('0.0003');
      await expectError(await h.asViewer('/admin/providers/config/reload', 'POST', {}), 403, 'permission_error');
    } finally {
      await unsubscribe();
      await channel.close();
    }
  });
});
