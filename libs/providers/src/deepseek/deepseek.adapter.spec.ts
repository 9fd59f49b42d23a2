import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startMockOpenAiUpstream, type MockUpstream } from '@llmgw/testing';
import { ctx, fullRequest } from '../openai-compatible/recorded-call.testing';
import { DeepSeekAdapter } from './deepseek.adapter';
import { DEEPSEEK_MODELS } from './deepseek.models';

const modelNamed = (id: string) => DEEPSEEK_MODELS.find((entry) => entry.id === id)!;

describe('DeepSeekAdapter on the wire', () => {
  let upstream: MockUpstream;
  let adapter: DeepSeekAdapter;

  beforeAll(async () => {
    upstream = await startMockOpenAiUpstream();
    adapter = new DeepSeekAdapter({ baseUrl: upstream.baseUrl, apiKey: 'sk-ds' });
  });

  afterAll(async () => {
    await adapter.close();
    await upstream.close();
  });

  it('drops seed and user, keeps stream_options, and sends deepseek-coder as deepseek-chat', async () => {
    const stream = adapter.chatStream(fullRequest, modelNamed('deepseek-coder'), ctx());
    for await (const _chunk of stream) void _chunk;
    const body = upstream.requests.at(-1)!.body as Record<string, unknown>;
    expect(body).toMatchObject({ model: 'deepseek-chat', max_tokens: 64, stream_options: { include_usage: true } });
    expect(body).not.toHaveProperty('seed');
    expect(body).not.toHaveProperty('user');
    expect(stream.usage().source).toBe('provider');
  });

  it('drops logprobs for deepseek-reasoner only', async () => {
    await adapter.chat({ ...fullRequest, logprobs: true }, modelNamed('deepseek-reasoner'), ctx());
    expect(upstream.requests.at(-1)!.body).not.toHaveProperty('logprobs');
    await adapter.chat({ ...fullRequest, logprobs: true }, modelNamed('deepseek-chat'), ctx());
    expect(upstream.requests.at(-1)!.body).toHaveProperty('logprobs', true);
  });

  it('maps 402 Insufficient Balance to a non-retryable insufficient_quota', async () => {
    const body = readFileSync(path.join(__dirname, '__fixtures__', 'error-402.json'), 'utf8');
    upstream.setBehaviour({ status: 402, body });
    await expect(adapter.chat(fullRequest, modelNamed('deepseek-chat'), ctx())).rejects.toMatchObject({
      type: 'upstream_error',
      code: 'insufficient_quota',
      retryable: false,
      upstreamStatus: 402,
    });
    upstream.setBehaviour({ status: 200, body: null });
  });
});
