import type { ChatCompletionRequest } from '@llmgw/contracts';
import { filterCandidates } from './candidate-filter';
import { modelFixture } from './model-entry.fixture';
import { estimateCostNanoUsd, requestNeedsOf } from './request-needs';

const base: ChatCompletionRequest = { model: 'auto', messages: [{ role: 'user', content: 'hello there' }] };
const noFeatures = { streaming: false, tools: false, jsonMode: false, vision: false, embeddings: false };

describe('filterCandidates', () => {
  it('keeps every model when the request needs nothing special and no policy applies', () => {
    const models = [modelFixture('a'), modelFixture('b')];
    expect(filterCandidates(models, requestNeedsOf(base))).toEqual({ eligible: models, dropped: [] });
  });

  it('drops a model whose window cannot hold the prompt plus max_tokens, and keeps one that can', () => {
    const needs = requestNeedsOf({ ...base, max_tokens: 4_000 });
    const small = modelFixture('small', { contextWindow: 4_000 });
    const big = modelFixture('big', { contextWindow: 4_000 + needs.promptTokens });
    const result = filterCandidates([small, big], needs);
    expect(result.eligible.map((model) => model.id)).toEqual(['big']);
    expect(result.dropped).toEqual([{ model: 'small', reason: 'context_window', detail: `context window 4000 < ${4_000 + needs.promptTokens} tokens needed` }]);
  });

  it('counts the model default max_tokens in the window when the request sets none', () => {
    const needs = requestNeedsOf(base);
    const tight = modelFixture('tight', { contextWindow: needs.promptTokens + 100, defaultMaxTokens: 200 });
    expect(filterCandidates([tight], needs).dropped[0]?.reason).toBe('context_window');
  });

  it.each([
    ['tools', { tools: [{ type: 'function' as const, function: { name: 'lookup' } }] }],
    ['jsonMode', { response_format: { type: 'json_object' as const } }],
    ['streaming', { stream: true }],
    ['vision', { messages: [{ role: 'user' as const, content: [{ type: 'image_url' as const, image_url: { url: 'https://x/y.png' } }] }] }],
  ])('drops a model lacking %s when the request needs it', (feature, extra) => {
    const needs = requestNeedsOf({ ...base, ...extra });
    const result = filterCandidates([modelFixture('plain', { capabilities: noFeatures }), modelFixture('full')], needs);
    expect(result.eligible.map((model) => model.id)).toEqual(['full']);
    expect(result.dropped).toEqual([{ model: 'plain', reason: 'missing_feature', detail: `lacks ${feature}` }]);
  });

  it('drops a model whose answer cap is below max_tokens (and embedding-only models)', () => {
    const needs = requestNeedsOf({ ...base, max_tokens: 9_000 });
    const embedder = modelFixture('embed', { maxOutputTokens: 0 });
    const dropped = filterCandidates([modelFixture('a'), embedder], needs).dropped;
    expect(dropped.map((drop) => [drop.model, drop.reason])).toEqual([['a', 'output_limit'], ['embed', 'output_limit']]);
    expect(filterCandidates([embedder], requestNeedsOf(base)).dropped[0]?.reason).toBe('output_limit');
  });

  it('honours the allow-list; absent or "*" means every model', () => {
    const models = [modelFixture('a'), modelFixture('b')];
    const needs = requestNeedsOf(base);
    expect(filterCandidates(models, needs, { allowedModels: ['b'] }).dropped).toEqual([{ model: 'a', reason: 'not_allowed', detail: "not in the API key's allowed models" }]);
    expect(filterCandidates(models, needs, { allowedModels: ['*'] }).eligible).toHaveLength(2);
    expect(filterCandidates(models, needs, { allowedModels: [] }).eligible).toHaveLength(0);
  });

  it('drops models behind an open circuit, by provider/model or by whole provider', () => {
    const models = [modelFixture('a'), modelFixture('b', { provider: 'mistral' }), modelFixture('c')];
    const result = filterCandidates(models, requestNeedsOf(base), { openCircuits: new Set(['openai/a', 'mistral']) });
    expect(result.eligible.map((model) => model.id)).toEqual(['c']);
    expect(result.dropped.map((drop) => drop.reason)).toEqual(['circuit_open', 'circuit_open']);
  });

  it('drops a model whose estimated cost exceeds the remaining budget, and keeps a free one', () => {
    const needs = requestNeedsOf({ ...base, max_tokens: 1_000 });
    const paid = modelFixture('paid');
    const free = modelFixture('free', { provider: 'ollama', inputNanoUsdPerMTok: 0, outputNanoUsdPerMTok: 0 });
    const cost = estimateCostNanoUsd(paid, needs);
    expect(filterCandidates([paid, free], needs, { remainingBudgetNanoUsd: cost }).dropped).toEqual([]);
    const result = filterCandidates([paid, free], needs, { remainingBudgetNanoUsd: cost - 1 });
    expect(result.eligible.map((model) => model.id)).toEqual(['free']);
    expect(result.dropped[0]).toMatchObject({ model: 'paid', reason: 'over_budget' });
  });
});

describe('estimateCostNanoUsd', () => {
  it('prices prompt and completion tokens per million, rounding up, exactly for large numbers', () => {
    const needs = { promptTokens: 1_000, requestedMaxTokens: 500, requiredFeatures: [] };
    // 1000 × 1e9 / 1e6 + 500 × 2e9 / 1e6 = 1e6 + 1e6
    expect(estimateCostNanoUsd(modelFixture('m'), needs)).toBe(2_000_000);
    expect(estimateCostNanoUsd(modelFixture('m', { inputNanoUsdPerMTok: 1, outputNanoUsdPerMTok: 0 }), needs)).toBe(1);
    const huge = modelFixture('m', { inputNanoUsdPerMTok: 9_000_000_000_000, outputNanoUsdPerMTok: 0 });
    expect(estimateCostNanoUsd(huge, { ...needs, promptTokens: 2_000_000 })).toBe(18_000_000_000_000);
  });
});
