import { randomUUID } from 'node:crypto';
import { splitInto } from './mock-server';
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

// Azure sends no model in the body (the deployment is in the path): the caller passes a fallback.
const modelOf = (body: UpstreamChatBody, fallback = 'gpt-4o-mini') =>
  typeof body.model === 'string' ? body.model : fallback;

/** What the reply says and is metered as: the text, or the tool call's name and arguments. */
export const replyText = (behaviour: UpstreamBehaviour): string =>
  behaviour.toolCall ? `${behaviour.toolCall.name} ${behaviour.toolCall.arguments}` : behaviour.reply;

export const MOCK_TOOL_CALL_ID = 'call_mock_0001';

export function completionBody(body: UpstreamChatBody, behaviour: UpstreamBehaviour, fallbackModel?: string): object {
  const call = behaviour.toolCall;
  return {
    id: `chatcmpl-${randomUUID()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: modelOf(body, fallbackModel),
    system_fingerprint: 'fp_mock',
    choices: [
      {
        index: 0,
        message: call
          ? {
              role: 'assistant',
              content: null,
              refusal: null,
              tool_calls: [{ id: MOCK_TOOL_CALL_ID, type: 'function', function: call }],
            }
          : { role: 'assistant', content: behaviour.reply, refusal: null },
        logprobs: null,
        finish_reason: call ? 'tool_calls' : 'stop',
      },
    ],
    usage: mockUsage(body, replyText(behaviour)),
  };
}

/** The SSE events of a streamed reply, `data: [DONE]` included, each ending in a blank line. */
export function streamEvents(body: UpstreamChatBody, behaviour: UpstreamBehaviour, fallbackModel?: string): string[] {
  const asked = behaviour.includeUsage && body.stream_options?.include_usage === true;
  const usageStyle = asked ? 'separate-chunk' : behaviour.usageUnasked;
  const usage = mockUsage(body, replyText(behaviour));
  const base = {
    id: `chatcmpl-${randomUUID()}`,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: modelOf(body, fallbackModel),
  };
  // With include_usage, OpenAI sends `usage: null` on every chunk but the last.
  const chunk = (delta: object, finishReason: string | null) => ({
    ...base,
    system_fingerprint: 'fp_mock',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(asked ? { usage: null } : {}),
  });
  const chunks: object[] = [];
  const call = behaviour.toolCall;
  if (call) {
    const [first = '', ...rest] = splitInto(call.arguments, behaviour.streamChunks);
    const head = { index: 0, id: MOCK_TOOL_CALL_ID, type: 'function', function: { name: call.name, arguments: first } };
    chunks.push(chunk({ role: 'assistant', content: null, tool_calls: [head] }, null));
    for (const piece of rest) chunks.push(chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] }, null));
  } else {
    chunks.push(chunk({ role: 'assistant', content: '', refusal: null }, null));
    for (const piece of splitInto(behaviour.reply, behaviour.streamChunks))
      chunks.push(chunk({ content: piece }, null));
  }
  const finish = chunk({}, call ? 'tool_calls' : 'stop');
  chunks.push(usageStyle === 'on-finish-chunk' ? { ...finish, usage } : finish);
  if (usageStyle === 'separate-chunk') chunks.push({ ...base, system_fingerprint: 'fp_mock', choices: [], usage });
  return [...chunks.map((data) => `data: ${JSON.stringify(data)}\n\n`), 'data: [DONE]\n\n'];
}

interface UpstreamEmbeddingBody {
  model?: unknown;
  input?: unknown;
}

/** OpenAI's embeddings answer: one deterministic vector per input, usage counted in words. */
export function embeddingsBody(body: UpstreamEmbeddingBody, behaviour: UpstreamBehaviour, fallbackModel?: string) {
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  const texts = inputs.map((input) => (typeof input === 'string' ? input : JSON.stringify(input ?? '')));
  const prompt_tokens = texts.reduce((sum, text) => sum + countWords(text), 0);
  return {
    object: 'list',
    data: texts.map((text, index) => ({
      object: 'embedding',
      index,
      embedding: mockVector(text, behaviour.embeddingDimensions),
    })),
    model: typeof body.model === 'string' ? body.model : (fallbackModel ?? 'text-embedding-3-small'),
    usage: { prompt_tokens, total_tokens: prompt_tokens },
  };
}

/** A unit-ish vector that depends on the text only, so tests can compare two calls. */
export function mockVector(text: string, dimensions: number): number[] {
  const vector: number[] = [];
  for (let i = 0; i < dimensions; i++) {
    const code = text.charCodeAt(i % Math.max(1, text.length)) || 0;
    vector.push(Number((((code * (i + 7)) % 200) / 100 - 1).toFixed(4)));
  }
  return vector;
}

/** The 400 OpenAI answers for a field it does not know (what refusing vendors answer, in OpenAI's shape). */
export function refusedParamBody(param: string): object {
  return {
    error: {
      message: `Unrecognized request argument supplied: ${param}`,
      type: 'invalid_request_error',
      param,
      code: 'unknown_parameter',
    },
  };
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
