import type { ChatCompletionChunk, ChatCompletionRequest, TokenUsage } from '@llmgw/contracts';
import type { StreamUsage } from '../provider-adapter';
import { countPromptTokens, countTextTokens } from '../token-counter';

/**
 * Watches the chunks relayed to the client. If the provider reports usage, that is the answer;
 * otherwise (no usage chunk, or the stream broke or was aborted first) it counts the request and
 * the text relayed so far with the tokenizer, so a partial stream is still metered.
 */
export class StreamUsageMeter {
  private readonly relayed: string[] = [];
  private reported: TokenUsage | null = null;

  constructor(private readonly request: Pick<ChatCompletionRequest, 'messages' | 'tools'>) {}

  observe(chunk: ChatCompletionChunk): void {
    if (chunk.usage) this.reported = chunk.usage;
    for (const choice of chunk.choices) {
      if (choice.delta.content) this.relayed.push(choice.delta.content);
      for (const call of choice.delta.tool_calls ?? []) {
        if (call.function?.name) this.relayed.push(call.function.name);
        if (call.function?.arguments) this.relayed.push(call.function.arguments);
      }
    }
  }

  usage(): StreamUsage {
    if (this.reported) {
      const { prompt_tokens, completion_tokens } = this.reported;
      return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens, source: 'provider' };
    }
    const prompt_tokens = countPromptTokens(this.request);
    const completion_tokens = countTextTokens(this.relayed.join(''));
    return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens, source: 'estimated' };
  }
}
