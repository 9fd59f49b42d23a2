import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Histogram, Registry } from 'prom-client';
import { type MockUpstream, startMockOpenAiUpstream } from '@llmgw/testing';
import { MockAdapter } from '../mock/mock.adapter';
import { OpenAiAdapter } from '../openai/openai.adapter';
import { ProvidersOpsMetrics } from '../ops/providers-ops.metrics';
import { ProviderRegistry } from '../provider-registry';
import { ModelRegistry } from '../registry/model-registry';
import { MODELS } from '../registry/models.data';
import { AlertWebhookSink } from './alert-webhook.sink';
import type { ProviderAlert } from './provider-alert';
import { ProviderHealthMonitor, type ProviderHealthMonitorOptions } from './provider-health.monitor';
import { ProviderHealthService } from './provider-health.service';
import { prometheusTrafficSource, type ProviderTrafficTotals } from './provider-traffic';

/** A real HTTP server standing for the alert webhook; answers `failFirst` requests with 500. */
async function startWebhook(failFirst = 0) {
  const received: Array<ProviderAlert & { type: string }> = [];
  let calls = 0;
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      calls += 1;
      if (calls <= failFirst) return void response.writeHead(500).end();
      received.push(JSON.parse(body));
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, calls: () => calls, close: () => new Promise((resolve) => server.close(resolve)) };
}

const OPTIONS: ProviderHealthMonitorOptions = {
  intervalMs: 0,
  checkTimeoutMs: 2_000,
  windowMs: 300_000,
  downAfterFailures: 2,
  upAfterSuccesses: 2,
  degradedErrorRate: 0.1,
  degradedLatencyMs: 5_000,
  costAlertNanoUsdPerHour: 100_000_000_000,
};

describe('ProviderHealthMonitor against a mock OpenAI upstream and a real webhook', () => {
  let upstream: MockUpstream;
  let openai: OpenAiAdapter;
  let webhook: Awaited<ReturnType<typeof startWebhook>>;

  beforeAll(async () => {
    upstream = await startMockOpenAiUpstream();
    openai = new OpenAiAdapter({ baseUrl: upstream.baseUrl, apiKey: 'sk-monitor-secret' });
  });
  beforeEach(async () => {
    webhook = await startWebhook(1);
    upstream.setBehaviour({ status: 200, latencyMs: 0 });
  });
  afterEach(() => webhook.close());
  afterAll(async () => {
    await openai.close();
    await upstream.close();
  });

  const build = (options: Partial<ProviderHealthMonitorOptions> = {}, totals: () => Record<string, ProviderTrafficTotals> = () => ({})) => {
    const registry = new Registry();
    const metrics = new ProvidersOpsMetrics(registry);
    const adapters = [openai, new MockAdapter()];
    const monitor = new ProviderHealthMonitor(
      adapters,
      new ProviderHealthService(adapters),
      { totals: async () => totals() },
      { ...OPTIONS, ...options },
      [new AlertWebhookSink({ url: webhook.url, timeoutMs: 1_000, attempts: 3, backoffMs: 10 })],
      metrics,
    );
    const providers = new ProviderRegistry(adapters, new ModelRegistry(MODELS, ['openai', 'mock']), {}, monitor);
    const gauge = async (provider: string) => (await metrics.health.get()).values.find((value) => value.labels.provider === provider)?.value;
    return { monitor, providers, gauge, metrics };
  };

  it('takes a failing provider out of routing after consecutive failures and brings it back, alerting each time', async () => {
    const { monitor, providers, gauge, metrics } = build();
    await monitor.runOnce();
    expect(monitor.state('openai')).toMatchObject({ status: 'healthy', available: true });

    upstream.setBehaviour({ status: 503 });
    await monitor.runOnce();
    expect(monitor.state('openai')).toMatchObject({ status: 'degraded', available: true, consecutiveFailures: 1 });
    await monitor.runOnce();
    expect(monitor.state('openai')).toMatchObject({ status: 'down', available: false, score: 0 });
    expect(monitor.state('openai')?.lastError).toMatch(/^service_unavailable: /);
    expect(await gauge('openai')).toBe(2);
    expect(providers.isAvailable('openai')).toBe(false);
    expect(providers.listModels().some((model) => model.provider === 'openai')).toBe(false);
    expect(providers.catalogue().some((model) => model.provider === 'openai')).toBe(true);
    expect(providers.resolve('gpt-4o-mini').adapter.id).toBe('openai'); // an explicit ask still resolves

    upstream.setBehaviour({ status: 200 });
    await monitor.runOnce();
    expect(monitor.state('openai')).toMatchObject({ status: 'down', reasons: expect.arrayContaining(['recovering: 1/2 good checks']) });
    await monitor.runOnce();
    expect(monitor.state('openai')?.available).toBe(true);
    expect(providers.listModels().some((model) => model.provider === 'openai')).toBe(true);

    await monitor.drainAlerts();
    expect(monitor.alerts().map((alert) => alert.kind)).toEqual(['provider_recovered', 'provider_down', 'provider_degraded']);
    // The first delivery got a 500 and was retried (so it may arrive last): every alert arrived, none twice.
    expect(webhook.received.map((alert) => `${alert.type}:${alert.kind}:${alert.provider}`).sort()).toEqual([
      'provider_alert:provider_degraded:openai',
      'provider_alert:provider_down:openai',
      'provider_alert:provider_recovered:openai',
    ]);
    expect(webhook.calls()).toBe(4);
    expect(JSON.stringify(webhook.received)).not.toContain('monitor-secret');
    expect((await metrics.alerts.get()).values.find((value) => value.labels.kind === 'provider_down')?.value).toBe(1);
  });

  it('keeps every provider routable when every one of them is down', async () => {
    const { monitor } = build({ downAfterFailures: 1 });
    const broken = new OpenAiAdapter({ baseUrl: upstream.baseUrl, apiKey: 'k' });
    const alone = new ProviderHealthMonitor([broken], new ProviderHealthService([broken]), { totals: async () => ({}) }, { ...OPTIONS, downAfterFailures: 1 });
    upstream.setBehaviour({ status: 503 });
    await Promise.all([monitor.runOnce(), alone.runOnce()]);
    expect(monitor.state('openai')?.available).toBe(false); // the mock provider still serves
    expect(alone.state('openai')).toMatchObject({ status: 'down', available: true });
    await broken.close();
  });

  it('is degraded by slow answers and by the error rate of real traffic', async () => {
    upstream.setBehaviour({ latencyMs: 120 });
    const slow = build({ degradedLatencyMs: 100 });
    await slow.monitor.runOnce();
    expect(slow.monitor.state('openai')).toMatchObject({ status: 'degraded', reasons: [expect.stringMatching(/^latency \d+ ms > 100 ms$/)] });
    upstream.setBehaviour({ latencyMs: 0 });

    let traffic: ProviderTrafficTotals = { requests: 0, errors: 0, durationSeconds: 0, durationCount: 0, costUsd: 0 };
    const erring = build({}, () => ({ openai: traffic }));
    await erring.monitor.runOnce();
    traffic = { requests: 100, errors: 20, durationSeconds: 50, durationCount: 100, costUsd: 0 };
    await erring.monitor.runOnce();
    expect(erring.monitor.state('openai')).toMatchObject({ status: 'degraded', reasons: ['error rate 19.6% > 10%'] });
    expect(erring.monitor.state('openai')?.window).toMatchObject({ requests: 100, errors: 20, latencyMs: 500 });
  });

  it('alerts once when a provider spends more than the hourly threshold, again only after it fell below', async () => {
    let costUsd = 0;
    const { monitor } = build({}, () => ({ openai: { requests: 1, errors: 0, durationSeconds: 1, durationCount: 1, costUsd } }));
    await monitor.runOnce();
    costUsd = 100.5;
    await monitor.runOnce();
    costUsd = 140;
    await monitor.runOnce();
    const costAlerts = monitor.alerts().filter((alert) => alert.kind === 'provider_cost');
    expect(costAlerts).toHaveLength(1);
    expect(costAlerts[0]).toMatchObject({ provider: 'openai', message: 'openai spent $100.50 in the last hour (alert above $100.00)' });
    await monitor.drainAlerts();
    expect(webhook.received.filter((alert) => alert.kind === 'provider_cost')).toHaveLength(1);
  });
});

describe('prometheusTrafficSource', () => {
  it('reads requests, provider-side errors, latency and cost per provider from the gateway series', async () => {
    const registry = new Registry();
    const requests = new Counter({ name: 'llm_gateway_requests_total', help: 'h', labelNames: ['provider', 'model', 'status', 'stream'], registers: [registry] });
    const duration = new Histogram({ name: 'llm_gateway_request_duration_seconds', help: 'h', labelNames: ['provider', 'model', 'stream'], registers: [registry] });
    const cost = new Counter({ name: 'llm_gateway_cost_usd_total', help: 'h', labelNames: ['provider', 'model'], registers: [registry] });
    requests.inc({ provider: 'openai', model: 'a', status: 'success', stream: 'false' }, 7);
    requests.inc({ provider: 'openai', model: 'b', status: 'upstream_error', stream: 'true' }, 2);
    requests.inc({ provider: 'openai', model: 'b', status: 'invalid_request_error', stream: 'false' }, 1); // the caller's fault
    duration.observe({ provider: 'openai', model: 'a', stream: 'false' }, 1.5);
    duration.observe({ provider: 'openai', model: 'b', stream: 'true' }, 0.5);
    cost.inc({ provider: 'openai', model: 'a' }, 0.25);
    expect(await prometheusTrafficSource(registry).totals()).toEqual({
      openai: { requests: 10, errors: 2, durationSeconds: 2, durationCount: 2, costUsd: 0.25 },
    });
    expect(await prometheusTrafficSource(new Registry()).totals()).toEqual({});
  });
});
