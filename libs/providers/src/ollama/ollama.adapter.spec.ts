import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startMockOpenAiUpstream, type MockUpstream } from '@llmgw/testing';
import { ctx, fullRequest } from '../openai-compatible/recorded-call.testing';
import { OllamaAdapter } from './ollama.adapter';
import { OLLAMA_MODELS } from './ollama.models';

describe('OllamaAdapter on the wire', () => {
  let upstream: MockUpstream;
  let adapter: OllamaAdapter;

  beforeAll(async () => {
    upstream = await startMockOpenAiUpstream();
    // OLLAMA_BASE_URL is a bare origin: the OpenAI-compatible API is under /v1.
    adapter = new OllamaAdapter({ baseUrl: upstream.baseUrl.replace(/\/v1$/, '') });
  });

  afterAll(async () => {
    await adapter.close();
    await upstream.close();
  });

  it('calls /v1/chat/completions without credentials, and costs nothing', async () => {
    await adapter.chat(fullRequest, OLLAMA_MODELS[0]!, ctx());
    const sent = upstream.requests.at(-1)!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers).not.toHaveProperty('authorization');
    expect(OLLAMA_MODELS.every((model) => model.inputNanoUsdPerMTok === 0 && model.outputNanoUsdPerMTok === 0)).toBe(
      true,
    );
  });

  it('maps a model that was never pulled (404) to model_not_found', async () => {
    upstream.setBehaviour({
      status: 404,
      body: readFileSync(path.join(__dirname, '__fixtures__', 'error-404.json'), 'utf8'),
    });
    await expect(adapter.chat(fullRequest, OLLAMA_MODELS[0]!, ctx())).rejects.toMatchObject({
      code: 'model_not_found',
      retryable: false,
    });
    upstream.setBehaviour({ status: 200, body: null });
  });
});
