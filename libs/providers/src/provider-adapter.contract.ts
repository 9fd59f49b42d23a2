import { ProviderError, type ChatCompletionChunk, type ChatCompletionRequest } from '@llmgw/contracts';
import { eventually, openAiSchemaErrors, startMockOpenAiUpstream, type UpstreamBehaviour } from '@llmgw/testing';
import type { ProviderAdapter, ProviderCallContext } from './provider-adapter';
import type { ModelEntry } from './registry/model-entry';
import { countTextTokens } from './token-counter';
import { MODELS } from './registry/models.data';

// One suite, every adapter: what the gateway relies on, whoever the provider is. HTTP adapters
// run against the mock upstream speaking their wire format, never against live keys.
export interface ConformanceSubject {
  adapter: ProviderAdapter;
  model: ModelEntry;
  teardown(): Promise<void>;
  /** The mock upstream of an HTTP adapter: enables the transport checks (timeouts, aborts). */
  upstream?: ScriptableUpstream;
}

/** What every mock upstream lets a test script, whatever wire format it speaks. */
export interface ScriptableUpstream {
  setBehaviour(behaviour: Partial<Pick<UpstreamBehaviour, 'latencyMs' | 'chunkIntervalMs' | 'reply' | 'streamChunks'>>): void;
  requests: ReadonlyArray<{ closedByClient: boolean }>;
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
export function describeAdapterConformance(
  name: string,
  setup: () => Promise<ConformanceSubject>,
  options: { overHttp: boolean } = { overHttp: true },
): void {
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

    // Transport checks, last: they leave the upstream scripted (only latency and pacing are reset).
    if (!options.overHttp) return;
    describe('over HTTP', () => {
      const upstream = (): ScriptableUpstream => {
        if (!subject.upstream) throw new Error(`${name}: an HTTP subject must expose its mock upstream`);
        return subject.upstream;
      };
      const call = (overrides: Partial<ProviderCallContext>) => ({ ...ctx(), ...overrides });
      const drain = async (stream: AsyncIterable<ChatCompletionChunk>) => {
        for await (const _chunk of stream) void _chunk;
      };

      afterEach(() => upstream().setBehaviour({ latencyMs: 0, chunkIntervalMs: 0 }));

      it('times out waiting for headers, and between stream chunks', async () => {
        upstream().setBehaviour({ latencyMs: 1_000 });
        await expect(subject.adapter.chat(request, subject.model, call({ timeoutMs: 100 }))).rejects.toMatchObject({ type: 'timeout_error' });
        upstream().setBehaviour({ latencyMs: 0, chunkIntervalMs: 400 });
        await expect(drain(subject.adapter.chatStream(request, subject.model, call({ timeoutMs: 150 })))).rejects.toMatchObject({
          type: 'timeout_error',
        });
      });

      it('aborts the upstream request when the client aborts mid-stream, and meters what was relayed', async () => {
        upstream().setBehaviour({ reply: 'one two three four five six seven eight nine ten', streamChunks: 10, chunkIntervalMs: 50 });
        const controller = new AbortController();
        const stream = subject.adapter.chatStream(request, subject.model, call({ signal: controller.signal }));
        const seen: ChatCompletionChunk[] = [];
        await expect(
          (async () => {
            for await (const chunk of stream) {
              seen.push(chunk);
              if (seen.length === 3) controller.abort();
            }
          })(),
        ).rejects.toMatchObject({ code: 'request_cancelled', retryable: false });
        const sent = upstream().requests.at(-1)!;
        await eventually('the upstream sees the client go', () => sent.closedByClient, 2_000);
        const relayed = seen.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
        expect(stream.usage()).toMatchObject({ source: 'estimated', completion_tokens: countTextTokens(relayed) });
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
      upstream,
      teardown: async () => {
        await adapter.close();
        await upstream.close();
      },
    };
  };
}
