import type { ChatCompletionChunk, FinishReason, TokenUsage } from '@llmgw/contracts';
import type { AnthropicStreamEvent } from './anthropic-message';
import { anthropicMessageId } from './anthropic-response.mapper';
import { toAnthropicStopReason } from './anthropic-stop-reason';

type Delta = ChatCompletionChunk['choices'][number]['delta'];
type ToolCallDelta = NonNullable<Delta['tool_calls']>[number];

/**
 * Turns one OpenAI chunk stream into Anthropic's event sequence: `message_start`, then one
 * `content_block_start`/`_delta`/`_stop` run per text or tool block (indexed in order), then
 * `message_delta` (stop reason, usage) and `message_stop`. Stateful, one instance per stream;
 * no I/O.
 */
export class AnthropicStreamMapper {
  private started = false;
  private nextIndex = 0;
  private open: { index: number; kind: 'text' | 'tool' } | null = null;
  /** OpenAI tool call index → Anthropic block index. */
  private readonly toolBlocks = new Map<number, number>();
  private finishReason: FinishReason | null = null;
  private usage: TokenUsage | null = null;

  /** @param fallbackId the message id when the stream ends before any chunk names one */
  constructor(
    private readonly model: string,
    private readonly fallbackId: string,
  ) {}

  map(chunk: ChatCompletionChunk): AnthropicStreamEvent[] {
    const events: AnthropicStreamEvent[] = [];
    if (chunk.usage) this.usage = chunk.usage;
    this.start(events, chunk);
    const choice = chunk.choices.find((candidate) => candidate.index === 0);
    if (!choice) return events;
    if (choice.delta.content) this.text(events, choice.delta.content);
    for (const call of choice.delta.tool_calls ?? []) this.toolCall(events, call);
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
    return events;
  }

  /** The normal end: closes the open block and reports the stop reason and usage. */
  finish(): AnthropicStreamEvent[] {
    const events: AnthropicStreamEvent[] = [];
    this.start(events);
    this.closeBlock(events);
    const usage = this.usage ? { output_tokens: this.usage.completion_tokens, input_tokens: this.usage.prompt_tokens } : { output_tokens: 0 };
    events.push({ type: 'message_delta', delta: { stop_reason: toAnthropicStopReason(this.finishReason), stop_sequence: null }, usage });
    events.push({ type: 'message_stop' });
    return events;
  }

  private start(events: AnthropicStreamEvent[], chunk?: ChatCompletionChunk): void {
    if (this.started) return;
    this.started = true;
    events.push({
      type: 'message_start',
      message: {
        id: chunk ? anthropicMessageId(chunk.id) : this.fallbackId,
        type: 'message',
        role: 'assistant',
        model: chunk?.model ?? this.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: chunk?.usage?.prompt_tokens ?? 0, output_tokens: 0 },
      },
    });
  }

  private text(events: AnthropicStreamEvent[], text: string): void {
    if (this.open?.kind !== 'text') {
      this.closeBlock(events);
      this.open = { index: this.nextIndex++, kind: 'text' };
      events.push({ type: 'content_block_start', index: this.open.index, content_block: { type: 'text', text: '' } });
    }
    events.push({ type: 'content_block_delta', index: this.open.index, delta: { type: 'text_delta', text } });
  }

  private toolCall(events: AnthropicStreamEvent[], call: ToolCallDelta): void {
    let index = this.toolBlocks.get(call.index);
    if (index === undefined) {
      this.closeBlock(events);
      index = this.nextIndex++;
      this.toolBlocks.set(call.index, index);
      this.open = { index, kind: 'tool' };
      events.push({
        type: 'content_block_start',
        index,
        content_block: { type: 'tool_use', id: call.id ?? `toolu_${index}`, name: call.function?.name ?? '', input: {} },
      });
    }
    // A provider interleaving parallel calls may add to an earlier block: its index keeps it apart.
    const partial = call.function?.arguments;
    if (partial) events.push({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: partial } });
  }

  private closeBlock(events: AnthropicStreamEvent[]): void {
    if (!this.open) return;
    events.push({ type: 'content_block_stop', index: this.open.index });
    this.open = null;
  }
}
