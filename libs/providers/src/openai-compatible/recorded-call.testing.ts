import type { ChatCompletionChunk, ChatCompletionRequest } from '@llmgw/contracts';
import type { ProviderCallContext } from '../provider-adapter';

// Small helpers the vendors' quirk specs share.
export const ctx = (requestId = 'req-quirk-1'): ProviderCallContext => ({
  signal: new AbortController().signal,
  timeoutMs: 5_000,
  requestId,
});

/** A request that uses every field vendors disagree about. */
export const fullRequest: ChatCompletionRequest = {
  model: 'any',
  messages: [{ role: 'user', content: 'Say hello' }],
  temperature: 0.2,
  top_p: 0.9,
  max_completion_tokens: 64,
  stop: ['END'],
  seed: 42,
  user: 'user-7',
  metadata: { team: 'a' },
  response_format: { type: 'json_object' },
};

export async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}
