import type { ChatCompletionChunk, FinishReason, TokenUsage } from '@llmgw/contracts';
import { answerText, geminiTokenUsage, parseGeminiResponse, toolCallsOf } from './gemini.response.mapper';
import { mapGeminiErrorObject } from './gemini.errors';
import { geminiFinishReason } from './gemini.finish-reason';

type Delta = ChatCompletionChunk['choices'][number]['delta'];

export interface GeminiStreamContext {
  provider: string;
  upstreamModel: string;
  nowSeconds: number;
  fallbackId: string;
}

/**
 * Turns the `data:` payloads of `streamGenerateContent?alt=sse` (each a whole
 * GenerateContentResponse holding only the new parts) into OpenAI chunks: the role first, text
 * deltas, each function call as one complete tool-call delta, one finish chunk, and at the end a
 * usage chunk (`choices: []`) from the last usageMetadata seen. No I/O: state is only what it has
 * read. Error events and blocked prompts are thrown as ProviderErrors.
 */
export class GeminiStreamMapper {
  private id: string | undefined;
  private model: string;
  private started = false;
  private toolCalls = 0;
  private finish: FinishReason | null = null;
  private usage: TokenUsage | null = null;

  constructor(private readonly ctx: GeminiStreamContext) {
    this.model = ctx.upstreamModel;
  }

  /** True once the finish chunk has been produced. */
  get finished(): boolean {
    return this.finish !== null;
  }

  push(data: string): ChatCompletionChunk[] {
    const upstreamError = errorObjectOf(data);
    if (upstreamError) throw mapGeminiErrorObject(this.ctx.provider, upstreamError);
    const wire = parseGeminiResponse(this.ctx.provider, data);
    this.id ??= `chatcmpl-${wire.responseId ?? this.ctx.fallbackId}`;
    if (wire.modelVersion) this.model = wire.modelVersion;
    const usage = geminiTokenUsage(wire.usageMetadata);
    if (usage) this.usage = usage;

    const chunks: ChatCompletionChunk[] = [];
    if (!this.started) {
      this.started = true;
      chunks.push(this.chunk({ role: 'assistant', content: '' }, null));
    }
    // Anything after the finish (Gemini may send a last usage-only event) only updates usage.
    const candidate = this.finished ? undefined : wire.candidates?.[0];
    if (!candidate) return chunks;
    const parts = candidate.content?.parts ?? [];
    const text = answerText(parts);
    if (text !== '') chunks.push(this.chunk({ content: text }, null));
    const calls = toolCallsOf(parts, this.toolCalls);
    if (calls.length > 0) {
      chunks.push(
        this.chunk({ tool_calls: calls.map((call, offset) => ({ index: this.toolCalls + offset, ...call })) }, null),
      );
      this.toolCalls += calls.length;
    }
    if (candidate.finishReason) {
      this.finish = geminiFinishReason(candidate.finishReason, this.toolCalls > 0);
      chunks.push(this.chunk({}, this.finish));
    }
    return chunks;
  }

  /** At the end of the body: the usage chunk, when the answer finished and Gemini counted it. */
  end(): ChatCompletionChunk[] {
    if (!this.finished || !this.usage) return [];
    return [{ ...this.base(), choices: [], usage: this.usage }];
  }

  private chunk(delta: Delta, finishReason: FinishReason | null): ChatCompletionChunk {
    return { ...this.base(), choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }] };
  }

  private base(): Pick<ChatCompletionChunk, 'id' | 'object' | 'created' | 'model'> {
    return {
      id: this.id ?? `chatcmpl-${this.ctx.fallbackId}`,
      object: 'chat.completion.chunk',
      created: this.ctx.nowSeconds,
      model: this.model,
    };
  }
}

function errorObjectOf(data: string): Record<string, unknown> | null {
  // Cheap pre-check: ordinary events never start with an error key.
  if (!data.includes('"error"')) return null;
  try {
    const json: unknown = JSON.parse(data);
    const error = (json as { error?: unknown } | null)?.error;
    return typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
