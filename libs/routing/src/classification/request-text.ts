import type { ChatCompletionRequest, ChatMessage } from '@llmgw/contracts';

/** A piece of the prompt the classifier reads, with how much it counts. */
export interface WeightedText {
  source: 'last user message' | 'earlier user message' | 'system prompt';
  text: string;
  weight: number;
}

// The last user turn says what is asked now; earlier turns and the system prompt set context.
const LAST_USER_WEIGHT = 3;
const EARLIER_USER_WEIGHT = 1;
const SYSTEM_WEIGHT = 0.5;

/** The user and system text of a request, weighted; assistant and tool turns are ignored. */
export function weightedTextOf(request: Pick<ChatCompletionRequest, 'messages'>): WeightedText[] {
  const users = request.messages.filter((message) => message.role === 'user');
  const last = users.at(-1);
  const texts: WeightedText[] = [];
  for (const message of request.messages) {
    const text = textOf(message);
    if (text.length === 0) continue;
    if (message.role === 'system' || message.role === 'developer') texts.push({ source: 'system prompt', text, weight: SYSTEM_WEIGHT });
    else if (message === last) texts.push({ source: 'last user message', text, weight: LAST_USER_WEIGHT });
    else if (message.role === 'user') texts.push({ source: 'earlier user message', text, weight: EARLIER_USER_WEIGHT });
  }
  return texts;
}

function textOf(message: ChatMessage): string {
  const content = message.content;
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => (part.type === 'text' ? part.text : '')).join('\n');
}
