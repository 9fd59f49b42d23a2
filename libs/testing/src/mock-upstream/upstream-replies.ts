import { randomUUID } from 'node:crypto';
import type { UpstreamBehaviour } from './upstream-behaviour';

export interface UpstreamChatBody {
  model?: unknown;
  messages?: Array<{ content?: unknown }>;
  stream?: unknown;
  stream_options?: { include_usage?: unknown } | null;
}

/**
 * The mock's token count, simple on purpose so tests can predict it: prompt tokens are the
 * whitespace-separated words of all text contents plus 3 per message; completion tokens are
 * the words of the reply.
 */
export function mockUsage(body: UpstreamChatBody, reply: string) {
  const prompt_tokens = (body.messages ?? []).reduce(
    (sum, message) => sum + 3 + countWords(textOf(message.content)),
    0,
  );
  const completion_tokens = countWords(reply);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part: { text?: unknown }) => (typeof part?.text === 'string' ? part.text : '')).join(' ');
}

const modelOf = (body: UpstreamChatBody) => (typeof body.model === 'string' ? body.model : 'gpt-4o-mini');

export function completionBody(body: UpstreamChatBody, behaviour: UpstreamBehaviour): object {
  return {
    id: `chatcmpl-${randomUUID()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: modelOf(body),
    system_fingerprint: 'fp_mock',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: behaviour.reply, refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: mockUsage(body, behaviour.reply),
  };
}

/** The SSE events of a streamed reply, `data: [DONE]` included, each ending in a blank line. */
export function streamEvents(body: UpstreamChatBody, behaviour: UpstreamBehaviour): string[] {
  const wantsUsage = behaviour.includeUsage && body.stream_options?.include_usage === true;
  const base = {
    id: `chatcmpl-${randomUUID()}`,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: modelOf(body),
  };
  // With include_usage, OpenAI sends `usage: null` on every chunk but the last.
  const chunk = (delta: object, finishReason: string | null) => ({
    ...base,
    system_fingerprint: 'fp_mock',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(wantsUsage ? { usage: null } : {}),
  });
  const chunks: object[] = [chunk({ role: 'assistant', content: '', refusal: null }, null)];
  for (const piece of splitInto(behaviour.reply, behaviour.streamChunks)) chunks.push(chunk({ content: piece }, null));
  chunks.push(chunk({}, 'stop'));
  if (wantsUsage)
    chunks.push({ ...base, system_fingerprint: 'fp_mock', choices: [], usage: mockUsage(body, behaviour.reply) });
  return [...chunks.map((data) => `data: ${JSON.stringify(data)}\n\n`), 'data: [DONE]\n\n'];
}

/** `count` consecutive pieces of `text` (by characters), joining back to it exactly. */
function splitInto(text: string, count: number): string[] {
  const pieces = Math.max(1, Math.min(count, text.length));
  const size = Math.ceil(text.length / pieces);
  const result: string[] = [];
  for (let start = 0; start < text.length; start += size) result.push(text.slice(start, start + size));
  return result;
}

const DEFAULT_ERRORS: Record<number, { message: string; type: string; code: string | null }> = {
  400: { message: "Invalid value for 'messages'.", type: 'invalid_request_error', code: 'invalid_value' },
  401: {
    message:
      'Incorrect API key provided: sk-mock*****1234. You can find your API key at https://platform.openai.com/account/api-keys.',
    type: 'invalid_request_error',
    code: 'invalid_api_key',
  },
  403: {
    message: 'Country, region, or territory not supported',
    type: 'request_forbidden',
    code: 'unsupported_country_region_territory',
  },
  404: {
    message: 'The model does not exist or you do not have access to it.',
    type: 'invalid_request_error',
    code: 'model_not_found',
  },
  429: {
    message: 'Rate limit reached for requests. Please try again in 1s.',
    type: 'requests',
    code: 'rate_limit_exceeded',
  },
  500: {
    message: 'The server had an error while processing your request. Sorry about that!',
    type: 'server_error',
    code: null,
  },
  503: { message: 'The server is overloaded or not ready yet.', type: 'server_error', code: null },
};

/** OpenAI's error body for `status`, with the behaviour's overrides applied. */
export function errorBody(status: number, behaviour: UpstreamBehaviour): object {
  const fallback = status >= 500 ? DEFAULT_ERRORS[500]! : DEFAULT_ERRORS[400]!;
  const base = DEFAULT_ERRORS[status] ?? fallback;
  return { error: { message: base.message, type: base.type, param: null, code: base.code, ...behaviour.error } };
}

export function modelsBody(): object {
  const created = 1_715_367_049;
  const data = ['gpt-4o-mini', 'gpt-4o', 'gpt-4-turbo'].map((id) => ({
    id,
    object: 'model',
    created,
    owned_by: 'system',
  }));
  return { object: 'list', data };
}
