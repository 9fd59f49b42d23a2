import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startMockOpenAiUpstream, type MockUpstream } from '@llmgw/testing';
import { ctx, fullRequest } from '../openai-compatible/recorded-call.testing';
import { OpenRouterAdapter } from './openrouter.adapter';
import { OPENROUTER_MODELS } from './openrouter.models';

const model = OPENROUTER_MODELS[0]!;

describe('OpenRouterAdapter on the wire', () => {
  let upstream: MockUpstream;

  beforeAll(async () => {
    upstream = await startMockOpenAiUpstream({ behaviour: { usageUnasked: 'separate-chunk' } });
  });

  afterAll(() => upstream.close());

  it('sends attribution headers when configured, asks usage its own way, and uses the /api/v1 prefix', async () => {
    const baseUrl = upstream.baseUrl.replace(/\/v1$/, '/api/v1');
    const adapter = new OpenRouterAdapter({
      baseUrl,
      apiKey: 'sk-or-1',
      referer: 'https://llmgw.example',
      title: 'llmgw',
    });
    try {
      const stream = adapter.chatStream(fullRequest, model, ctx());
      for await (const _chunk of stream) void _chunk;
      const sent = upstream.requests.at(-1)!;
      expect(sent.path).toBe('/api/v1/chat/completions');
      expect(sent.headers).toMatchObject({ 'http-referer': 'https://llmgw.example', 'x-title': 'llmgw' });
      expect(sent.body).toMatchObject({ model: 'openai/gpt-4o-mini', usage: { include: true } });
      expect(sent.body).not.toHaveProperty('stream_options');
      expect(stream.usage().source).toBe('provider');
    } finally {
      await adapter.close();
    }
  });

  it('omits attribution headers that are not configured; maps 402 (no credits) as non-retryable', async () => {
    const adapter = new OpenRouterAdapter({ baseUrl: upstream.baseUrl, apiKey: 'sk-or-1' });
    try {
      upstream.setBehaviour({
        status: 402,
        body: readFileSync(path.join(__dirname, '__fixtures__', 'error-402.json'), 'utf8'),
      });
      await expect(adapter.chat(fullRequest, model, ctx())).rejects.toMatchObject({
        code: 'insufficient_quota',
        retryable: false,
      });
      expect(upstream.requests.at(-1)!.headers).not.toHaveProperty('x-title');
    } finally {
      upstream.setBehaviour({ status: 200, body: null });
      await adapter.close();
    }
  });
});
