import type { ChatCompletionRequest } from '@llmgw/contracts';
import { DEFAULT_UPSTREAM_BEHAVIOUR, startMockOpenAiUpstream, type MockUpstream } from '@llmgw/testing';
import { OpenAiAdapter } from '../openai/openai.adapter';
import { OPENAI_MODELS } from '../openai/openai.models';
import type { ModelEntry } from '../registry/model-entry';
import { MODELS } from '../registry/models.data';
import { collect, ctx } from './recorded-call.testing';

// What OpenAI sends on every answer, and what must never leave the gateway.
const RATE_LIMITS = {
  'x-ratelimit-limit-requests': '5000',
  'x-ratelimit-limit-tokens': '160000',
  'x-ratelimit-remaining-requests': '4999',
  'x-ratelimit-remaining-tokens': '159976',
  'x-ratelimit-reset-requests': '12ms',
  'x-ratelimit-reset-tokens': '9ms',
};
const OTHERS = { 'set-cookie': '__cf_bm=secret; path=/', 'openai-organization': 'org-hidden', 'x-request-id': 'req_up_1' };

const pairs = (headers: readonly string[]): Record<string, string> => {
  const record: Record<string, string> = {};
  for (let index = 0; index < headers.length; index += 2) record[headers[index]!] = headers[index + 1]!;
  return record;
};

describe('OpenAI-compatible adapters capture the upstream rate-limit headers', () => {
  const chatModel = MODELS.find((entry) => entry.id === 'gpt-4o-mini') as ModelEntry;
  const embeddingModel = OPENAI_MODELS.find((entry) => entry.capabilities.embeddings) as ModelEntry;
  const request: ChatCompletionRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] };
  let upstream: MockUpstream;
  let adapter: OpenAiAdapter;

  beforeAll(async () => {
    upstream = await startMockOpenAiUpstream({ behaviour: { responseHeaders: { ...RATE_LIMITS, ...OTHERS } } });
    adapter = new OpenAiAdapter({ baseUrl: upstream.baseUrl, apiKey: 'sk-test' });
  });

  afterAll(async () => {
    await adapter.close();
    await upstream.close();
  });

  it('on a plain completion, and nothing but them', async () => {
    const result = await adapter.chat(request, chatModel, ctx());
    expect(pairs(result.rateLimitHeaders ?? [])).toEqual(RATE_LIMITS);
  });

  it('on a stream, by the time the first chunk is read', async () => {
    const stream = adapter.chatStream({ ...request, stream: true }, chatModel, ctx());
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    expect(pairs(stream.rateLimitHeaders())).toEqual(RATE_LIMITS);
    await iterator.return?.();
  });

  it('on embeddings', async () => {
    const result = await adapter.embed!({ model: embeddingModel.id, input: 'Embed me' }, embeddingModel, ctx());
    expect(pairs(result.rateLimitHeaders ?? [])).toEqual(RATE_LIMITS);
  });

  it('reports none when the upstream sends none', async () => {
    upstream.setBehaviour(DEFAULT_UPSTREAM_BEHAVIOUR);
    try {
      expect((await adapter.chat(request, chatModel, ctx())).rateLimitHeaders).toEqual([]);
      const stream = adapter.chatStream({ ...request, stream: true }, chatModel, ctx());
      await collect(stream);
      expect(stream.rateLimitHeaders()).toEqual([]);
    } finally {
      upstream.setBehaviour({ responseHeaders: { ...RATE_LIMITS, ...OTHERS } });
    }
  });
});
