import { startMockOpenAiUpstream, type MockUpstream } from '@llmgw/testing';
import { countTextTokens } from '../token-counter';
import { ctx, fullRequest } from '../openai-compatible/recorded-call.testing';
import { TogetherAdapter } from './together.adapter';
import { TOGETHER_DEFAULT_MODEL, TOGETHER_MODELS } from './together.models';

const modelNamed = (id: string) => TOGETHER_MODELS.find((entry) => entry.id === id)!;

describe('TogetherAdapter on the wire', () => {
  let upstream: MockUpstream;
  let adapter: TogetherAdapter;

  beforeAll(async () => {
    upstream = await startMockOpenAiUpstream();
    adapter = new TogetherAdapter({ baseUrl: upstream.baseUrl, apiKey: 'together-key' });
  });

  afterAll(async () => {
    await adapter.close();
    await upstream.close();
  });

  it('sends the Qwen3-Coder upstream name, keeps seed, drops stream_options', async () => {
    const stream = adapter.chatStream(fullRequest, modelNamed('together/qwen3-coder-480b'), ctx());
    for await (const _chunk of stream) void _chunk;
    const body = upstream.requests.at(-1)!.body as Record<string, unknown>;
    expect(body).toMatchObject({ model: TOGETHER_DEFAULT_MODEL, seed: 42, max_tokens: 64, stream: true });
    expect(body).not.toHaveProperty('stream_options');
  });

  it('counts embedding usage with the tokenizer when Together sends none', async () => {
    const embedding = modelNamed('together/bge-base-en-v1.5');
    const vector = [0.1, 0.2];
    upstream.setBehaviour({
      body: JSON.stringify({
        object: 'list',
        model: embedding.upstreamModel,
        data: [{ object: 'embedding', index: 0, embedding: vector }],
      }),
    });
    const { embeddings: list } = await adapter.embed!({ model: embedding.id, input: 'Embed this sentence' }, embedding, ctx());
    upstream.setBehaviour({ body: null });
    expect(list.data).toEqual([{ object: 'embedding', index: 0, embedding: vector }]);
    expect(list.usage.prompt_tokens).toBe(countTextTokens('Embed this sentence'));
    expect(upstream.requests.at(-1)!.body).toEqual({ model: 'BAAI/bge-base-en-v1.5', input: 'Embed this sentence' });
  });
});
