import type { ChatCompletionChunk } from '@llmgw/contracts';
import { invalidResponse } from '../openai/openai.errors';
import { fromOpenAiStreamData, STREAM_DONE } from '../openai/openai.stream.mapper';

/**
 * Turns an OpenAI-compatible stream into the chunks the gateway relays, whatever the vendor's
 * habits: usage is always the last chunk with `choices: []` (Mistral and Together put it on the
 * finish chunk; OpenAI sends it separately), and chunks with nothing to relay (Azure's
 * prompt-filter chunk with no choices and an empty id) are dropped.
 */
export class ChunkRelay {
  private ended = false;
  private finished = false;
  private usageChunk: ChatCompletionChunk | null = null;

  constructor(private readonly provider: string) {}

  /** True once `[DONE]` arrived: later events are read (to drain the body) but ignored. */
  get done(): boolean {
    return this.ended;
  }

  /** The chunks to relay for one SSE `data` payload (upstream error events are thrown). */
  push(data: string): ChatCompletionChunk[] {
    if (this.ended) return [];
    const chunk = fromOpenAiStreamData(this.provider, data);
    if (chunk === STREAM_DONE) {
      this.ended = true;
      return [];
    }
    const { usage, ...rest } = chunk;
    if (usage) {
      this.finished = true;
      this.usageChunk = { ...rest, choices: [], usage };
    }
    if (rest.choices.length === 0) return [];
    this.finished ||= rest.choices.some((choice) => choice.finish_reason !== null);
    return [rest];
  }

  /** Call when the body ends: the held usage chunk, or an error if the answer never finished. */
  end(): ChatCompletionChunk[] {
    if (!this.ended && !this.finished)
      throw invalidResponse(this.provider, 'stream ended before the answer was complete');
    return this.usageChunk ? [this.usageChunk] : [];
  }
}
