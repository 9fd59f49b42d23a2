import { ProviderError, type ChatCompletionChunk, type ChatCompletionRequest } from '@llmgw/contracts';
import { openAiSchemaErrors, startMockOpenAiUpstream, type UpstreamBehaviour } from '@llmgw/testing';
import type { ProviderAdapter, ProviderCallContext } from './provider-adapter';
import type { ModelEntry } from './registry/model-entry';
import { MODELS } from './registry/models.data';

// One suite, every adapter: what the gateway relies on, whoever the provider is. HTTP adapters
// run against the mock upstream speaking their wire format, never against live keys.
export interface ConformanceSubject {
  adapter: ProviderAdapter;
  model: ModelEntry;
  teardown(): Promise<void>;
}

/** A seeded model by id, for a subject's `model`. */
export const modelNamed = (id: string): ModelEntry => MODELS.find((entry) => entry.id === id)!;

const request: ChatCompletionRequest = { model: 'any', messages: [{ role: 'user', content: 'Conformance check' }] };
const ctx = (signal = new AbortController().signal): ProviderCallContext => ({
  signal,
  timeoutMs: 5_000,
  requestId: 'conf-1',
});

/** Runs the shared suite against one adapter; call it from the adapter's own spec file. */
export function describeAdapterConformance(name: string, setup: () => Promise<ConformanceSubject>): void {
  describe(`${name} adapter conformance`, () => {
    let subject: ConformanceSubject;

    beforeAll(async () => {
      subject = await setup();
    });

    afterAll(async () => {
      await subject.teardown();
    });

    it('answers a chat completion that matches OpenAI’s schema, with consistent usage', async () => {
      const { completion, usageSource } = await subject.adapter.chat(request, subject.model, ctx());
      expect(openAiSchemaErrors('CreateChatCompletionResponse', completion)).toEqual([]);
      expect(['provider', 'estimated']).toContain(usageSource);
      const { prompt_tokens, completion_tokens, total_tokens } = completion.usage;
      expect(prompt_tokens).toBeGreaterThan(0);
      expect(completion_tokens).toBeGreaterThan(0);
      expect(total_tokens).toBe(prompt_tokens + completion_tokens);
    });

    it('streams role first, one finish, and a last usage chunk that usage() reports', async () => {
      const stream = subject.adapter.chatStream(request, subject.model, ctx());
      const chunks: ChatCompletionChunk[] = [];
      for await (const chunk of stream) chunks.push(chunk);
      expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
      expect(chunks.filter((chunk) => chunk.choices.some((choice) => choice.finish_reason !== null))).toHaveLength(1);
      const last = chunks.at(-1)!;
      expect(last.choices).toEqual([]);
      expect(stream.usage()).toEqual({ ...last.usage, source: 'provider' });
      expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    });

    it('refuses to call when the client has already gone, with a non-retryable ProviderError', async () => {
      const controller = new AbortController();
      controller.abort();
      const failure = subject.adapter.chat(request, subject.model, ctx(controller.signal));
      await expect(failure).rejects.toBeInstanceOf(ProviderError);
      await expect(failure).rejects.toMatchObject({
        provider: subject.adapter.id,
        code: 'request_cancelled',
        retryable: false,
      });
    });
  });
}

/** The usual subject: an adapter talking to the OpenAI-compatible mock upstream. */
export function onMockOpenAiUpstream(
  makeAdapter: (baseUrl: string) => ProviderAdapter,
  model: ModelEntry,
  behaviour: Partial<UpstreamBehaviour> = {},
): () => Promise<ConformanceSubject> {
  return async () => {
    const upstream = await startMockOpenAiUpstream({ behaviour });
    const adapter = makeAdapter(upstream.baseUrl);
    return {
      adapter,
      model,
      teardown: async () => {
        await adapter.close();
        await upstream.close();
      },
    };
  };
}
