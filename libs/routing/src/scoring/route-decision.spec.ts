import { GatewayError, type ChatCompletionRequest } from '@llmgw/contracts';
import { modelFixture } from './model-entry.fixture';
import { decideRoute } from './route-decision';

const request: ChatCompletionRequest = { model: 'auto', messages: [{ role: 'user', content: 'Write a SQL query that counts orders per customer, grouped by month' }], max_tokens: 500 };
const coder = modelFixture('coder', { profile: { strengths: { sql_generation: 0.95 } } });
const candidates = [
  modelFixture('plain', { profile: { strengths: { sql_generation: 0.6 } } }),
  coder,
  modelFixture('mid', { profile: { strengths: { sql_generation: 0.8 } } }),
  modelFixture('low', { profile: { strengths: { sql_generation: 0.5 } } }),
  modelFixture('lowest', { profile: { strengths: { sql_generation: 0.4 } } }),
];

describe('decideRoute', () => {
  it('classifies, picks the best, ranks up to three fallbacks and explains itself', () => {
    const decision = decideRoute({ request, candidates });
    expect(decision.taskType).toBe('sql_generation');
    expect(decision.chosen.id).toBe('coder');
    expect(decision.fallbacks.map((model) => model.id)).toEqual(['mid', 'plain', 'low']);
    expect(decision.reasoning).toContain('balanced chose coder');
    expect(decision.reasoning).toContain('winning on strength');
    expect(decision.estimatedCostNanoUsd).toBeGreaterThan(0);
    expect(decision.estimatedLatencyMs).toBe(2_000);
    expect(decision.dropped).toEqual([]);
  });

  it('applies the policy, reports the drops, and honours the strategy and task hint', () => {
    const decision = decideRoute({
      request,
      candidates,
      strategy: 'priority',
      taskHint: { header: 'explanation' },
      policy: { allowedModels: ['coder', 'mid', 'plain'], openCircuits: new Set(['openai/mid']), priorities: { openai: 1 } },
    });
    expect(decision.taskType).toBe('explanation');
    expect(decision.confidence).toBe(1);
    expect(decision.dropped.map((drop) => [drop.model, drop.reason])).toEqual([['mid', 'circuit_open'], ['low', 'not_allowed'], ['lowest', 'not_allowed']]);
    expect([decision.chosen, ...decision.fallbacks].map((model) => model.id).sort()).toEqual(['coder', 'plain']);
    expect(decision.reasoning).toContain('dropped mid (circuit open for openai/mid)');
  });

  it('answers context_length_error naming the sizes when no context window fits, invalid_request_error for other reasons', () => {
    const huge = { ...request, max_tokens: 200_000 };
    expect(() => decideRoute({ request: huge, candidates: [modelFixture('a', { maxOutputTokens: 300_000 })] })).toThrow(
      expect.objectContaining({ type: 'context_length_error', param: 'messages', message: expect.stringContaining('a: context window 100000 <') }),
    );
    const blind = modelFixture('blind', { capabilities: { streaming: true, tools: true, jsonMode: true, vision: false, embeddings: false } });
    expect(() => decideRoute({ request, candidates: [blind], extraFeatures: ['vision'] })).toThrow(
      expect.objectContaining({ type: 'invalid_request_error', param: 'model', code: 'no_eligible_model' }),
    );
  });

  it('answers service_unavailable when only open circuits stand in the way, budget_exceeded when only budget does', () => {
    expect(() => decideRoute({ request, candidates: [coder], policy: { openCircuits: new Set(['openai']) } })).toThrow(
      expect.objectContaining({ type: 'service_unavailable', retryable: true }),
    );
    expect(() => decideRoute({ request, candidates: [coder], policy: { remainingBudgetNanoUsd: 0 } })).toThrow(
      expect.objectContaining({ type: 'budget_exceeded', message: expect.stringContaining('coder: estimated $') }),
    );
    expect(() => decideRoute({ request, candidates: [] })).toThrow(expect.objectContaining({ type: 'service_unavailable' }));
  });

  it('rejects an unknown strategy before anything else', () => {
    expect(() => decideRoute({ request, candidates, strategy: 'nope' })).toThrow(GatewayError);
  });
});
