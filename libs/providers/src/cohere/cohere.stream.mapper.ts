import type { ChatCompletionChunk } from '@llmgw/contracts';
import { invalidResponse } from '../openai/openai.errors';
import { cohereTokenUsage } from './cohere.chat.mapper';
import { cohereGenerationError } from './cohere.errors';
import { fromCohereFinishReason } from './cohere.finish-reason';
import { type CohereStreamEvent, cohereStreamEventSchema } from './cohere.wire.schema';

type Choice = ChatCompletionChunk['choices'][number];
type Delta = Choice['delta'];

/**
 * Cohere v2 stream events in, OpenAI chunks out: message-start gives the role, content-delta the
 * text, tool-call-start/-delta the tool-call deltas (Cohere's `index` is the tool call's),
 * message-end the finish chunk and then the usage chunk. Tool plans, citations and content-end
 * events carry nothing OpenAI has a place for. One instance per stream.
 */
export class CohereStreamMapper {
  private id = 'chatcmpl-cohere';
  private ended = false;
  private readonly thinkingBlocks = new Set<number>();

  constructor(
    private readonly model: string,
    private readonly created = Math.floor(Date.now() / 1000),
  ) {}

  get done(): boolean {
    return this.ended;
  }

  /** The chunks for one SSE `data` payload; an ERROR finish is thrown as a ProviderError. */
  map(data: string): ChatCompletionChunk[] {
    if (this.ended || data.trim() === '[DONE]') return [];
    const event = parse(data);
    const content = single(event.delta?.message?.content);
    const call = single(event.delta?.message?.tool_calls);
    switch (event.type) {
      case 'message-start':
        if (event.id) this.id = event.id;
        return [this.chunk({ role: 'assistant', content: '' })];
      case 'content-start':
        // Reasoning models stream 'thinking' blocks: not part of the OpenAI answer.
        if (content?.type === 'thinking') this.thinkingBlocks.add(event.index ?? 0);
        return content?.text ? this.content(event, content.text) : [];
      case 'content-delta':
        return content?.text ? this.content(event, content.text) : [];
      case 'tool-call-start': {
        const fn = { name: call?.function?.name ?? '', arguments: call?.function?.arguments ?? '' };
        return [
          this.chunk({
            tool_calls: [
              { index: event.index ?? 0, ...(call?.id ? { id: call.id } : {}), type: 'function', function: fn },
            ],
          }),
        ];
      }
      case 'tool-call-delta': {
        const args = call?.function?.arguments;
        return args ? [this.chunk({ tool_calls: [{ index: event.index ?? 0, function: { arguments: args } }] })] : [];
      }
      case 'message-end':
        return this.finish(event);
      default:
        return [];
    }
  }

  /** Call when the body ends: a stream without message-end was cut off. */
  end(): void {
    if (!this.ended) throw invalidResponse('cohere', 'stream ended before message-end');
  }

  private content(event: CohereStreamEvent, text: string): ChatCompletionChunk[] {
    return this.thinkingBlocks.has(event.index ?? 0) ? [] : [this.chunk({ content: text })];
  }

  private finish(event: CohereStreamEvent): ChatCompletionChunk[] {
    this.ended = true;
    const reason = fromCohereFinishReason(event.delta?.finish_reason ?? 'COMPLETE');
    if (reason === null) throw cohereGenerationError(event.delta?.error);
    const usage = cohereTokenUsage(event.delta?.usage);
    const finish = this.chunk({}, reason);
    return usage ? [finish, { ...this.chunk({}), choices: [], usage }] : [finish];
  }

  private chunk(delta: Delta, finishReason: Choice['finish_reason'] = null): ChatCompletionChunk {
    return {
      id: this.id,
      object: 'chat.completion.chunk',
      created: this.created,
      model: this.model,
      choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
    };
  }
}

/** The one object a content or tool-call event carries (message-start sends arrays instead). */
function single<T extends object>(value: T | unknown[] | undefined): T | undefined {
  return value === undefined || Array.isArray(value) ? undefined : (value as T);
}

function parse(data: string): CohereStreamEvent {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch (error) {
    throw invalidResponse('cohere', 'stream event is not JSON', error);
  }
  const parsed = cohereStreamEventSchema.safeParse(json);
  if (!parsed.success) throw invalidResponse('cohere', 'not a chat stream event', parsed.error);
  return parsed.data;
}
