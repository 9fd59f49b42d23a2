import { randomUUID } from 'node:crypto';
import { splitInto } from '../mock-upstream/mock-server';
import type { UpstreamBehaviour } from '../mock-upstream/upstream-behaviour';
import { countWords, mockUsage, mockVector, replyText } from '../mock-upstream/upstream-replies';

export interface CohereChatBody {
  model?: unknown;
  messages?: Array<{ content?: unknown }>;
  stream?: unknown;
}

// Cohere bills fewer tokens than the model sees (its prompt template is free): `tokens` counts
// the template too, `billed_units` does not. The mock bills the same words as the OpenAI mock.
const TEMPLATE_TOKENS = 60;
export const MOCK_COHERE_TOOL_CALL_ID = 'get_weather_mock0001';

export function cohereUsage(body: CohereChatBody, behaviour: UpstreamBehaviour) {
  const { prompt_tokens, completion_tokens } = mockUsage(body, replyText(behaviour));
  return {
    billed_units: { input_tokens: prompt_tokens, output_tokens: completion_tokens },
    tokens: { input_tokens: prompt_tokens + TEMPLATE_TOKENS, output_tokens: completion_tokens },
  };
}

/** `POST /v2/chat` without streaming. */
export function cohereChatBody(body: CohereChatBody, behaviour: UpstreamBehaviour): object {
  const call = behaviour.toolCall;
  return {
    id: randomUUID(),
    message: call
      ? {
          role: 'assistant',
          tool_plan: `I will call ${call.name}.`,
          tool_calls: [{ id: MOCK_COHERE_TOOL_CALL_ID, type: 'function', function: call }],
        }
      : { role: 'assistant', content: [{ type: 'text', text: behaviour.reply }] },
    finish_reason: call ? 'TOOL_CALL' : 'COMPLETE',
    usage: cohereUsage(body, behaviour),
  };
}

/** `POST /v2/chat` with `stream: true`: named SSE events, ending with message-end. */
export function cohereStreamEvents(body: CohereChatBody, behaviour: UpstreamBehaviour): string[] {
  const events: object[] = [
    {
      id: randomUUID(),
      type: 'message-start',
      delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } },
    },
  ];
  const call = behaviour.toolCall;
  if (call) {
    for (const piece of splitInto(`I will call ${call.name}.`, 2)) {
      events.push({ type: 'tool-plan-delta', delta: { message: { tool_plan: piece } } });
    }
    const toolCall = { id: MOCK_COHERE_TOOL_CALL_ID, type: 'function', function: { name: call.name, arguments: '' } };
    events.push({ type: 'tool-call-start', index: 0, delta: { message: { tool_calls: toolCall } } });
    for (const piece of splitInto(call.arguments, behaviour.streamChunks)) {
      events.push({
        type: 'tool-call-delta',
        index: 0,
        delta: { message: { tool_calls: { function: { arguments: piece } } } },
      });
    }
    events.push({ type: 'tool-call-end', index: 0 });
  } else {
    events.push({ type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } });
    for (const piece of splitInto(behaviour.reply, behaviour.streamChunks)) {
      events.push({ type: 'content-delta', index: 0, delta: { message: { content: { text: piece } } } });
    }
    events.push({ type: 'content-end', index: 0 });
  }
  events.push({
    type: 'message-end',
    delta: { finish_reason: call ? 'TOOL_CALL' : 'COMPLETE', usage: cohereUsage(body, behaviour) },
  });
  return events.map((event) => `event: ${(event as { type: string }).type}\ndata: ${JSON.stringify(event)}\n\n`);
}

export interface CohereEmbedBody {
  texts?: unknown;
}

/** `POST /v2/embed` with `embedding_types: ['float']`. */
export function cohereEmbedBody(body: CohereEmbedBody, behaviour: UpstreamBehaviour): object {
  const texts = Array.isArray(body.texts) ? body.texts.map(String) : [];
  return {
    id: randomUUID(),
    texts,
    embeddings: { float: texts.map((text) => mockVector(text, behaviour.embeddingDimensions)) },
    meta: {
      api_version: { version: '2' },
      billed_units: { input_tokens: texts.reduce((sum, text) => sum + countWords(text), 0) },
    },
    response_type: 'embeddings_by_type',
  };
}

const MESSAGES: Record<number, string> = {
  400: 'invalid request: message must be at least 1 token long or tool results must be specified.',
  401: 'invalid api token',
  402: 'Please add or update your payment method at https://dashboard.cohere.com/billing?tab=payment to continue',
  404: "model 'command-x' not found, make sure the correct model ID was used and that you have access to the model.",
  429: "You are using a Trial key, which is limited to 20 API calls / minute. You can continue to use the Trial key for free or upgrade to a Production key with higher rate limits at 'https://dashboard.cohere.com/api-keys'.",
  499: 'request cancelled by the client',
  500: 'internal server error, this has been reported to our developers',
  503: 'service unavailable',
};

/** Cohere's error body: an id and a message (x-mock-error-message overrides the message). */
export function cohereErrorBody(status: number, behaviour: UpstreamBehaviour): object {
  const fallback = status >= 500 ? MESSAGES[500]! : MESSAGES[400]!;
  return { id: randomUUID(), message: behaviour.error?.message ?? MESSAGES[status] ?? fallback };
}
