import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatCompletionRequest } from '@llmgw/contracts';
import { startMockOpenAiUpstream, type MockUpstream } from '@llmgw/testing';
import { OpenAiAdapter } from '../openai/openai.adapter';
import type { ModelEntry } from '../registry/model-entry';
import { MODELS } from '../registry/models.data';

// The idle timeout is the provider's silence; a client that reads slowly must not trip it.
describe('a streamed call whose consumer is slower than the idle timeout', () => {
  const model = MODELS.find((entry) => entry.id === 'gpt-4o-mini') as ModelEntry;
  const request: ChatCompletionRequest = { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'Hello there' }] };
  let upstream: MockUpstream;
  let adapter: OpenAiAdapter;

  beforeAll(async () => {
    upstream = await startMockOpenAiUpstream({ behaviour: { streamChunks: 4, chunkIntervalMs: 0 } });
    adapter = new OpenAiAdapter({ baseUrl: upstream.baseUrl, apiKey: 'sk-test' });
  });

  afterAll(async () => {
    await adapter.close();
    await upstream.close();
  });

  it('keeps reading: the consumer’s pauses do not count as the provider being idle', async () => {
    const stream = adapter.chatStream(request, model, { signal: new AbortController().signal, timeoutMs: 150, requestId: 'req-slow-reader' });
    let content = '';
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta.content ?? '';
      await sleep(300); // twice the idle timeout, after every chunk
    }
    expect(content.length).toBeGreaterThan(0);
    expect(stream.usage().completion_tokens).toBeGreaterThan(0);
  });
});
