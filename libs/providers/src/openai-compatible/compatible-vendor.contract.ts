import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChatCompletionChunk, ChatCompletionRequest } from '@llmgw/contracts';
import {
  DEFAULT_UPSTREAM_BEHAVIOUR,
  openAiSchemaErrors,
  type MockUpstream,
  type UpstreamBehaviour,
} from '@llmgw/testing';
import type { ProviderAdapter, ProviderCallContext } from '../provider-adapter';
import type { ModelEntry } from '../registry/model-entry';

// What every OpenAI-compatible vendor must do on top of the shared conformance suite, run against
// the OpenAI-compatible mock upstream set up with the vendor's quirks.
export interface CompatibleVendorSubject {
  adapter: ProviderAdapter;
  upstream: MockUpstream;
  chatModel: ModelEntry;
  embeddingModel?: ModelEntry;
  /** The vendor's habits, restored before each test (usage sent unasked, refused params). */
  behaviour?: Partial<UpstreamBehaviour>;
  /** The vendor's own error bodies by status, and for a too-long prompt; the mock's OpenAI bodies otherwise. */
  errorBodies?: { [status: number]: string; contextLength?: string };
}

/** A vendor's `__fixtures__/error-<status>.json` and `error-400-context-length.json`, those that exist. */
export function errorBodiesFrom(fixturesDir: string): NonNullable<CompatibleVendorSubject['errorBodies']> {
  const read = (name: string) => {
    const file = path.join(fixturesDir, name);
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  };
  const bodies: NonNullable<CompatibleVendorSubject['errorBodies']> = {};
  for (const status of [400, 401, 429, 500, 503]) {
    const body = read(`error-${status}.json`);
    if (body) bodies[status] = body;
  }
  const contextLength = read('error-400-context-length.json');
  if (contextLength) bodies.contextLength = contextLength;
  return bodies;
}

const request: ChatCompletionRequest = {
  model: 'any',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'Weather in Paris?' },
  ],
  tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
};
const ctx = (): ProviderCallContext => ({
  signal: new AbortController().signal,
  timeoutMs: 5_000,
  requestId: 'vendor-1',
});
const toolCall = { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' };

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

export function describeCompatibleVendor(name: string, setup: () => Promise<CompatibleVendorSubject>): void {
  describe(`${name} as an OpenAI-compatible vendor`, () => {
    let subject: CompatibleVendorSubject;

    beforeAll(async () => {
      subject = await setup();
    });

    afterAll(async () => {
      await subject.adapter.close();
      await subject.upstream.close();
    });

    beforeEach(() => subject.upstream.setBehaviour({ ...DEFAULT_UPSTREAM_BEHAVIOUR, ...subject.behaviour }));

    it('relays a tool call with finish_reason tool_calls', async () => {
      subject.upstream.setBehaviour({ toolCall });
      const { completion } = await subject.adapter.chat(request, subject.chatModel, ctx());
      expect(openAiSchemaErrors('CreateChatCompletionResponse', completion)).toEqual([]);
      expect(completion.choices[0]).toMatchObject({
        finish_reason: 'tool_calls',
        message: { tool_calls: [{ type: 'function', function: toolCall }] },
      });
      expect(subject.upstream.requests.at(-1)!.body).toMatchObject({ tools: request.tools });
    });

    it('streams a tool call in argument deltas, then one finish and the usage chunk', async () => {
      subject.upstream.setBehaviour({ toolCall, streamChunks: 4 });
      const stream = subject.adapter.chatStream(request, subject.chatModel, ctx());
      const chunks = await collect(stream);
      const calls = chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []));
      expect(calls[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'get_weather' } });
      expect(calls.map((call) => call.function?.arguments ?? '').join('')).toBe(toolCall.arguments);
      const finishes = chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason)).filter(Boolean);
      expect(finishes).toEqual(['tool_calls']);
      expect(chunks.at(-1)!.choices).toEqual([]);
      expect(stream.usage().source).toBe('provider');
      for (const chunk of chunks) expect(openAiSchemaErrors('CreateChatCompletionStreamResponse', chunk)).toEqual([]);
    });

    it('embeds in OpenAI’s shape with the provider’s usage, when the vendor has embeddings', async () => {
      const { embeddingModel } = subject;
      if (!embeddingModel) {
        expect(subject.adapter.embed).toBeUndefined();
        return;
      }
      const { embeddings: list } = await subject.adapter.embed!(
        { model: embeddingModel.id, input: ['two words', 'three more words'] },
        embeddingModel,
        ctx(),
      );
      expect(openAiSchemaErrors('CreateEmbeddingResponse', list)).toEqual([]);
      expect(list.data.map((item) => item.index)).toEqual([0, 1]);
      expect(list.usage).toEqual({ prompt_tokens: 5, total_tokens: 5 });
      expect(subject.upstream.requests.at(-1)!.path).toMatch(/\/embeddings$/);
    });

    it.each([
      [400, 'invalid_request_error', false],
      [401, 'authentication_error', false],
      [429, 'rate_limit_error', true],
      [500, 'upstream_error', true],
      [503, 'service_unavailable', true],
    ])('maps HTTP %i to %s', async (status, type, retryable) => {
      const body = subject.errorBodies?.[status];
      subject.upstream.setBehaviour({
        status,
        retryAfterSeconds: status === 429 ? 3 : null,
        ...(body ? { body } : {}),
      });
      await expect(subject.adapter.chat(request, subject.chatModel, ctx())).rejects.toMatchObject({
        type,
        retryable,
        upstreamStatus: status,
        provider: subject.adapter.id,
        ...(status === 429 ? { retryAfterSeconds: 3 } : {}),
      });
    });

    it('maps a too-long prompt to context_length_error', async () => {
      const body =
        subject.errorBodies?.contextLength ??
        JSON.stringify({
          error: {
            message: "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens.",
            type: 'invalid_request_error',
            param: 'messages',
            code: 'context_length_exceeded',
          },
        });
      subject.upstream.setBehaviour({ status: 400, body });
      await expect(subject.adapter.chat(request, subject.chatModel, ctx())).rejects.toMatchObject({
        type: 'context_length_error',
        retryable: false,
      });
    });
  });
}
