import { type MockUpstream, startMockAnthropicUpstream, startMockOpenAiUpstream, type MockAnthropicUpstream } from '@llmgw/testing';
import { AnthropicAdapter } from '../anthropic/anthropic.adapter';
import { MockAdapter } from '../mock/mock.adapter';
import { OpenAiAdapter } from '../openai/openai.adapter';
import { anyProviderUp, ProviderHealthService } from './provider-health.service';

describe('ProviderHealthService with real adapters against mock upstreams', () => {
  let openAiUpstream: MockUpstream;
  let anthropicUpstream: MockAnthropicUpstream;
  let openai: OpenAiAdapter;
  let anthropic: AnthropicAdapter;
  const modelReads = (upstream: { requests: Array<{ method: string }> }) =>
    upstream.requests.filter((request) => request.method === 'GET').length;

  beforeAll(async () => {
    [openAiUpstream, anthropicUpstream] = await Promise.all([startMockOpenAiUpstream(), startMockAnthropicUpstream()]);
    openai = new OpenAiAdapter({ baseUrl: openAiUpstream.baseUrl, apiKey: 'sk-health-secret' });
    anthropic = new AnthropicAdapter({ baseUrl: anthropicUpstream.baseUrl, apiKey: 'sk-ant-health-secret' });
  });
  afterEach(() => {
    openAiUpstream.setBehaviour({ status: 200, latencyMs: 0 });
    anthropicUpstream.setBehaviour({ status: 200, latencyMs: 0 });
  });
  afterAll(async () => {
    await Promise.all([openai.close(), anthropic.close()]);
    await Promise.all([openAiUpstream.close(), anthropicUpstream.close()]);
  });

  it('reports every provider up with latency and time of the check', async () => {
    const report = await new ProviderHealthService([new MockAdapter(), openai, anthropic]).check();
    expect(Object.keys(report).sort()).toEqual(['anthropic', 'mock', 'openai']);
    for (const health of Object.values(report)) {
      expect(health).toMatchObject({ status: 'up' });
      expect(health.error).toBeUndefined();
      expect(health.latencyMs).toBeGreaterThanOrEqual(0);
      expect(Date.parse(health.checkedAt)).not.toBeNaN();
    }
    expect(anyProviderUp(report)).toBe(true);
  });

  it('serves the cached report within the TTL and checks again after it', async () => {
    const service = new ProviderHealthService([openai], { cacheTtlMs: 300 });
    const before = modelReads(openAiUpstream);
    await Promise.all([service.check(), service.check()]);
    await service.check();
    expect(modelReads(openAiUpstream) - before).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 350));
    await service.check();
    expect(modelReads(openAiUpstream) - before).toBe(2);
  });

  it('counts a provider slower than the timeout as down, without waiting for it', async () => {
    openAiUpstream.setBehaviour({ latencyMs: 600 });
    const started = Date.now();
    const report = await new ProviderHealthService([openai, new MockAdapter()], { timeoutMs: 150 }).check();
    expect(Date.now() - started).toBeLessThan(500);
    expect(report.openai).toMatchObject({ status: 'down', error: 'timeout_error: no answer within 150 ms' });
    expect(report.mock?.status).toBe('up');
  });

  it('one provider down: reported with its error type, the gateway can still serve', async () => {
    anthropicUpstream.setBehaviour({ status: 401 });
    const report = await new ProviderHealthService([openai, anthropic]).check();
    expect(report.openai?.status).toBe('up');
    expect(report.anthropic).toMatchObject({ status: 'down' });
    expect(report.anthropic?.error).toMatch(/^authentication_error: /);
    expect(JSON.stringify(report)).not.toContain('health-secret');
    expect(anyProviderUp(report)).toBe(true);
  });

  it('every provider down: nothing can serve', async () => {
    openAiUpstream.setBehaviour({ status: 503 });
    anthropicUpstream.setBehaviour({ status: 401 });
    const report = await new ProviderHealthService([openai, anthropic]).check();
    expect(report.openai?.status).toBe('down');
    expect(report.openai?.error).toMatch(/^service_unavailable: openai: /);
    expect(report.anthropic?.status).toBe('down');
    expect(anyProviderUp(report)).toBe(false);
  });
});
