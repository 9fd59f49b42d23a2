import type { ChatCompletionRequest } from '@llmgw/contracts';
import { type MockAnthropicUpstream, startMockAnthropicUpstream } from '@llmgw/testing';
import type { ProviderCallContext } from '../provider-adapter';
import { AnthropicAdapter } from './anthropic.adapter';
import { ANTHROPIC_MODELS } from './anthropic.models';

// Anthropic's rate-limit family as its API sends it, next to headers that must stay upstream.
const RATE_LIMITS = {
  'anthropic-ratelimit-requests-limit': '1000',
  'anthropic-ratelimit-requests-remaining': '999',
  'anthropic-ratelimit-requests-reset': '2025-08-21T12:40:59Z',
  'anthropic-ratelimit-tokens-limit': '96000',
  'anthropic-ratelimit-tokens-remaining': '96000',
  'anthropic-ratelimit-input-tokens-remaining': '80000',
  'anthropic-ratelimit-output-tokens-reset': '2025-08-21T12:41:00Z',
  'retry-after': '2',
};
const OTHERS = { 'anthropic-organization-id': '36562039-org', 'set-cookie': '_cfuvid=secret; path=/', 'cf-ray': '972a33bb3977d246-FRA' };

const model = ANTHROPIC_MODELS.find((entry) => entry.id === 'claude-haiku-4-5')!;
const request: ChatCompletionRequest = { model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'Hello' }] };
const ctx = (): ProviderCallContext => ({ signal: new AbortController().signal, timeoutMs: 2_000, requestId: 'req-rl' });
const pairs = (headers: readonly string[]): Record<string, string> => {
  const record: Record<string, string> = {};
  for (let index = 0; index < headers.length; index += 2) record[headers[index]!] = headers[index + 1]!;
  return record;
};

describe('AnthropicAdapter captures the upstream rate-limit headers', () => {
  let upstream: MockAnthropicUpstream;
  let adapter: AnthropicAdapter;

  beforeAll(async () => {
    upstream = await startMockAnthropicUpstream({ behaviour: { responseHeaders: { ...RATE_LIMITS, ...OTHERS } } });
    adapter = new AnthropicAdapter({ baseUrl: upstream.baseUrl, apiKey: 'sk-ant-test' });
  });

  afterAll(async () => {
    await adapter.close();
    await upstream.close();
  });

  it('on a plain message, and nothing but them (no request-id, organisation or cookie)', async () => {
    const result = await adapter.chat(request, model, ctx());
    expect(pairs(result.rateLimitHeaders ?? [])).toEqual(RATE_LIMITS);
  });

  it('on a stream, by the time the first chunk is read', async () => {
    const stream = adapter.chatStream({ ...request, stream: true }, model, ctx());
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    expect(pairs(stream.rateLimitHeaders())).toEqual(RATE_LIMITS);
    await iterator.return?.();
  });
});
