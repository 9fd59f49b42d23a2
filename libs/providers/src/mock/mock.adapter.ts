import { randomUUID } from 'node:crypto';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  EmbeddingRequest,
  TokenUsage,
} from '@llmgw/contracts';
import { abortableSleep } from '../call/abortable-sleep';
import { CallDeadline } from '../call/call-deadline';
import { callCancelled } from '../call/call-failures';
import type { ProviderAdapter, ProviderCallContext, ProviderChatResult, ProviderEmbeddingResult, ProviderStream } from '../provider-adapter';
import type { ModelEntry } from '../registry/model-entry';
import { MeteredStream } from '../streaming/metered-stream';
import { StreamUsageMeter } from '../streaming/stream-usage.meter';
import { countCompletionTokens, countPromptTokens } from '../token-counter';
import { mockChunks } from './mock.chunks';
import { mockEmbeddings } from './mock.embeddings';
import { mockReply, type MockReply } from './mock.reply';

export interface MockAdapterOptions {
  /** Fixed delay before the answer (or the first chunk), e.g. to exercise timeouts. */
  latencyMs: number;
}

/**
 * An in-process model: deterministic replies, exact token counts (it counts with the same
 * tokenizer, so its usage is 'provider' usage), no network. Used in development and tests.
 */
export class MockAdapter implements ProviderAdapter {
  readonly id = 'mock';

  constructor(private readonly options: MockAdapterOptions = { latencyMs: 0 }) {}

  async chat(request: ChatCompletionRequest, model: ModelEntry, ctx: ProviderCallContext): Promise<ProviderChatResult> {
    await this.wait(ctx);
    const reply = mockReply(request, model);
    const completion: ChatCompletion = {
      id: `chatcmpl-mock-${randomUUID()}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: model.id,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: reply.content,
            refusal: null,
            ...(reply.toolCalls.length > 0 ? { tool_calls: reply.toolCalls } : {}),
          },
          finish_reason: reply.finishReason,
          logprobs: null,
        },
      ],
      usage: usageOf(request, reply),
    };
    return { completion, usageSource: 'provider' };
  }

  chatStream(request: ChatCompletionRequest, model: ModelEntry, ctx: ProviderCallContext): ProviderStream {
    return new MeteredStream(this.chunks(request, model, ctx), new StreamUsageMeter(request));
  }

  async embed(request: EmbeddingRequest, model: ModelEntry, ctx: ProviderCallContext): Promise<ProviderEmbeddingResult> {
    await this.wait(ctx);
    return { embeddings: mockEmbeddings(request, model.id) };
  }

  /** In-process: always answers. */
  checkHealth(_signal: AbortSignal): Promise<void> {
    return Promise.resolve();
  }

  async close(): Promise<void> {
    // Nothing pooled.
  }

  private async *chunks(
    request: ChatCompletionRequest,
    model: ModelEntry,
    ctx: ProviderCallContext,
  ): AsyncGenerator<ChatCompletionChunk> {
    await this.wait(ctx);
    const reply = mockReply(request, model);
    const meta = { id: `chatcmpl-mock-${randomUUID()}`, created: Math.floor(Date.now() / 1000), model: model.id };
    for (const chunk of mockChunks(reply, usageOf(request, reply), meta)) {
      // The client may have gone while the previous chunk was being relayed.
      if (ctx.signal.aborted) throw callCancelled(this.id, ctx.signal.reason);
      yield chunk;
    }
  }

  private async wait(ctx: ProviderCallContext): Promise<void> {
    const deadline = new CallDeadline(ctx);
    try {
      await abortableSleep(this.options.latencyMs, deadline.signal);
    } catch (error) {
      throw deadline.abortFailure(this.id, error) ?? error;
    } finally {
      deadline.dispose();
    }
  }
}

function usageOf(request: ChatCompletionRequest, reply: MockReply): TokenUsage {
  const prompt_tokens = countPromptTokens(request);
  const completion_tokens = countCompletionTokens(reply.content, reply.toolCalls);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}
