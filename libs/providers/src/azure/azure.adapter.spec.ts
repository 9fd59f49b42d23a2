import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startMockOpenAiUpstream, type MockUpstream } from '@llmgw/testing';
import { collect, ctx, fullRequest } from '../openai-compatible/recorded-call.testing';
import { AzureOpenAiAdapter } from './azure.adapter';
import { AZURE_MODELS } from './azure.models';

const fixture = (name: string) => readFileSync(path.join(__dirname, '__fixtures__', name), 'utf8');
const chatModel = { ...AZURE_MODELS[0]!, upstreamModel: 'my-4o-mini' };

describe('AzureOpenAiAdapter on the wire', () => {
  let upstream: MockUpstream;
  let adapter: AzureOpenAiAdapter;

  beforeAll(async () => {
    upstream = await startMockOpenAiUpstream();
    adapter = new AzureOpenAiAdapter({ endpoint: upstream.baseUrl.replace(/\/v1$/, ''), apiKey: 'azure-key' });
  });

  afterAll(async () => {
    await adapter.close();
    await upstream.close();
  });

  afterEach(() => upstream.setBehaviour({ status: 200, body: null }));

  it('calls the deployment with the default api-version and the api-key header, no model in the body', async () => {
    const { completion } = await adapter.chat(fullRequest, chatModel, ctx());
    const sent = upstream.requests.at(-1)!;
    expect(sent.path).toBe('/openai/deployments/my-4o-mini/chat/completions');
    expect(sent.query).toBe('api-version=2024-10-21');
    expect(sent.headers['api-key']).toBe('azure-key');
    expect(sent.headers).not.toHaveProperty('authorization');
    expect(sent.body).not.toHaveProperty('model');
    expect(completion.model).toBe('my-4o-mini');
  });

  it('honours a configured api-version, for embeddings too', async () => {
    const pinned = new AzureOpenAiAdapter({
      endpoint: upstream.baseUrl.replace(/\/v1$/, ''),
      apiKey: 'azure-key',
      apiVersion: '2025-01-01-preview',
    });
    try {
      const embedding = AZURE_MODELS.find((model) => model.capabilities.embeddings)!;
      await pinned.embed!({ model: embedding.id, input: 'hello' }, embedding, ctx());
      const sent = upstream.requests.at(-1)!;
      expect(sent.path).toBe('/openai/deployments/text-embedding-3-small/embeddings');
      expect(sent.query).toBe('api-version=2025-01-01-preview');
    } finally {
      await pinned.close();
    }
  });

  it('skips the prompt-filter chunk Azure streams first (no choices, empty id)', async () => {
    upstream.setBehaviour({ body: fixture('chat-stream-content-filter.sse.txt') });
    const stream = adapter.chatStream(fullRequest, chatModel, ctx());
    const chunks = await collect(stream);
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    expect(new Set(chunks.map((chunk) => chunk.id))).toEqual(new Set(['chatcmpl-AzureMock0001']));
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 9, completion_tokens: 4 } });
  });

  it('maps Azure’s content filter, missing deployment and stringly 429', async () => {
    upstream.setBehaviour({ status: 400, body: fixture('error-400-content-filter.json') });
    await expect(adapter.chat(fullRequest, chatModel, ctx())).rejects.toMatchObject({ type: 'content_filter' });
    upstream.setBehaviour({ status: 404, body: fixture('error-404.json') });
    await expect(adapter.chat(fullRequest, chatModel, ctx())).rejects.toMatchObject({ code: 'model_not_found' });
    upstream.setBehaviour({ status: 429, body: fixture('error-429.json'), retryAfterSeconds: 3 });
    await expect(adapter.chat(fullRequest, chatModel, ctx())).rejects.toMatchObject({
      type: 'rate_limit_error',
      retryAfterSeconds: 3,
    });
  });
});
