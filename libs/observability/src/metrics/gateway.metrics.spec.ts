import { Registry } from 'prom-client';
import { createGatewayMetrics } from './gateway-metrics.factory';
import { GATEWAY_METRIC_NAMES } from './gateway-metric.definitions';

async function exposition(registry: Registry): Promise<string> {
  return registry.metrics();
}

describe('GatewayMetrics', () => {
  let registry: Registry;
  beforeEach(() => {
    registry = new Registry();
  });

  it('creates the bounded series at zero on construction', async () => {
    createGatewayMetrics(registry);
    const text = await exposition(registry);
    expect(text).toContain('llm_gateway_cache_requests_total{result="semantic_hit"} 0');
    expect(text).toContain('llm_gateway_rate_limited_total{scope="team"} 0');
    expect(text).toContain('llm_gateway_errors_total{type="timeout_error"} 0');
    expect(text).toContain('llm_gateway_guardrail_actions_total{category="pii",action="block"} 0');
  });

  it('seeds every catalogue model with closed breakers and empty histograms', async () => {
    const metrics = createGatewayMetrics(registry);
    metrics.setBreakerState('openai', 'gpt-4o', 'open');
    metrics.seedModels([{ provider: 'openai', id: 'gpt-4o' }, { provider: 'mock', id: 'mock-1' }]);
    const text = await exposition(registry);
    expect(text).toContain('llm_gateway_circuit_breaker_state{provider="mock",model="mock-1"} 0');
    // A breaker that already reported is not reset by seeding.
    expect(text).toContain('llm_gateway_circuit_breaker_state{provider="openai",model="gpt-4o"} 2');
    expect(text).toContain('llm_gateway_time_to_first_token_seconds_count{provider="mock",model="mock-1"} 0');
    expect(text).toContain('llm_gateway_fallbacks_total{provider="mock",model="mock-1"} 0');
  });

  it('records a finished request: count, latency, ttft, tokens, cost, error type and fallbacks', async () => {
    const metrics = createGatewayMetrics(registry);
    metrics.observe({
      provider: 'openai', model: 'gpt-4o', status: 'success', stream: true, durationMs: 1500, timeToFirstTokenMs: 200,
      promptTokens: 10, completionTokens: 5, costNanoUsd: 2_500_000_000, fallbacks: [{ provider: 'anthropic', model: 'claude' }],
    });
    metrics.observe({ provider: null, model: 'unknown', status: 'timeout_error', stream: false, durationMs: 10, promptTokens: 0, completionTokens: 0, costNanoUsd: 0 });
    const text = await exposition(registry);
    expect(text).toContain('llm_gateway_requests_total{provider="openai",model="gpt-4o",status="success",stream="true"} 1');
    expect(text).toContain('llm_gateway_request_duration_seconds_sum{provider="openai",model="gpt-4o",stream="true"} 1.5');
    expect(text).toContain('llm_gateway_time_to_first_token_seconds_sum{provider="openai",model="gpt-4o"} 0.2');
    expect(text).toContain('llm_gateway_tokens_total{provider="openai",model="gpt-4o",type="completion"} 5');
    expect(text).toContain('llm_gateway_cost_usd_total{provider="openai",model="gpt-4o"} 2.5');
    expect(text).toContain('llm_gateway_fallbacks_total{provider="anthropic",model="claude"} 1');
    expect(text).toContain('llm_gateway_errors_total{type="timeout_error"} 1');
    expect(text).toContain('llm_gateway_requests_total{provider="none",model="unknown",status="timeout_error",stream="false"} 1');
  });

  it('normalises cache results, counts savings on hits only, and bounds guardrail labels', async () => {
    const metrics = createGatewayMetrics(registry);
    metrics.recordCache('semantic-hit', 1_000_000_000);
    metrics.recordCache('miss', 5);
    metrics.recordCache('bogus');
    metrics.recordGuardrailAction('pii.email:redact');
    metrics.recordGuardrailAction('whatever.thing:explode');
    metrics.recordRateLimited('key');
    const text = await exposition(registry);
    expect(text).toContain('llm_gateway_cache_requests_total{result="semantic_hit"} 1');
    expect(text).toContain('llm_gateway_cache_requests_total{result="miss"} 2');
    expect(text).toContain('llm_gateway_cache_saved_usd_total{result="semantic_hit"} 1');
    expect(text).not.toContain('llm_gateway_cache_saved_usd_total{result="miss"}');
    expect(text).toContain('llm_gateway_guardrail_actions_total{category="pii",action="redact"} 1');
    expect(text).toContain('llm_gateway_guardrail_actions_total{category="other",action="other"} 1');
    expect(text).toContain('llm_gateway_rate_limited_total{scope="key"} 1');
  });

  it('names every metric in the llm_gateway_ family with Prometheus suffix rules', () => {
    for (const name of Object.values(GATEWAY_METRIC_NAMES)) {
      expect(name).toMatch(/^llm_gateway_[a-z_]+$/);
      if (name.endsWith('_total')) expect(name).not.toMatch(/_seconds_total$/);
    }
    expect(GATEWAY_METRIC_NAMES.duration.endsWith('_seconds')).toBe(true);
  });
});
