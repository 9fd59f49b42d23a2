import type { ChatCompletionRequest, ChatMessage, ToolCall } from '@llmgw/contracts';

type O200k = typeof import('gpt-tokenizer/cjs/encoding/o200k_base');

// The o200k tables cost ~70 MB of RSS: loaded on the first count, so a gateway whose providers
// report usage and whose admission uses the byte bound below never loads them.
let o200k: O200k | null = null;
function tokenizer(): O200k {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose (memory)
  o200k ??= require('gpt-tokenizer/cjs/encoding/o200k_base') as O200k;
  return o200k;
}
const encode: O200k['encode'] = (text, options) => tokenizer().encode(text, options);
const decode: O200k['decode'] = (tokens) => tokenizer().decode(tokens);

// OpenAI's documented chat overhead (cookbook "How to count tokens with tiktoken"): every
// message costs 3 tokens of framing, a `name` 1 more, and the reply is primed with 3.
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING = 3;
// OpenAI bills a low-detail image at 85 tokens; we cannot see high-detail tiles, so this is a floor.
const TOKENS_PER_IMAGE = 85;

// User text may contain strings like "<|endoftext|>": count them as text, never refuse them.
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

// BPE merges inside one pre-token are quadratic in its length: 50 KB of one unbroken "word"
// takes seconds and blocks the event loop (a denial of service in one request). Runs longer than
// this are encoded in pieces: exact for ordinary text, at most one token more per piece otherwise.
const LONGEST_PIECE = 256;
const LONG_RUN = /\S{257,}/g;

export function countTextTokens(text: string): number {
  return text.length === 0 ? 0 : encodeLinear(text).length;
}

/** The text cut to at most `maxTokens` tokens (whole tokens, so it may end mid-word). */
export function truncateToTokens(text: string, maxTokens: number): string {
  const tokens = encodeLinear(text);
  return tokens.length <= maxTokens ? text : decode(tokens.slice(0, maxTokens));
}

/** `encode`, with long unbroken runs split into pieces (never inside a surrogate pair). */
function encodeLinear(text: string): number[] {
  let last = 0;
  const tokens: number[] = [];
  for (const run of text.matchAll(LONG_RUN)) {
    const start = run.index;
    if (start > last) tokens.push(...encode(text.slice(last, start), AS_PLAIN_TEXT));
    const end = start + run[0].length;
    for (let cut = start; cut < end; ) {
      let next = Math.min(end, cut + LONGEST_PIECE);
      if (next < end && isLowSurrogate(text.charCodeAt(next))) next -= 1;
      tokens.push(...encode(text.slice(cut, next), AS_PLAIN_TEXT));
      cut = next;
    }
    last = end;
  }
  if (last < text.length) tokens.push(...encode(last === 0 ? text : text.slice(last), AS_PLAIN_TEXT));
  return tokens;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Prompt tokens of a chat request, counted the way OpenAI documents it for o200k models. */
export function countPromptTokens(request: Pick<ChatCompletionRequest, 'messages' | 'tools'>): number {
  let total = REPLY_PRIMING;
  for (const message of request.messages) total += countMessageTokens(message);
  // Tool definitions are rendered into the prompt in an undocumented format: their JSON is close.
  if (request.tools && request.tools.length > 0) total += countTextTokens(JSON.stringify(request.tools));
  return total;
}

/**
 * A bound no tokenizer can exceed, from lengths alone (no BPE, no tables): every o200k token
 * holds at least one UTF-8 byte, and the framing is what `countPromptTokens` adds. For
 * reservations (rate limits, budgets), which are settled to the real usage afterwards.
 */
export function promptTokenUpperBound(request: Pick<ChatCompletionRequest, 'messages' | 'tools'>): number {
  let total = REPLY_PRIMING;
  for (const message of request.messages) {
    total += TOKENS_PER_MESSAGE + message.role.length;
    if ('name' in message && message.name) total += TOKENS_PER_NAME + Buffer.byteLength(message.name);
    const content = message.content;
    if (typeof content === 'string') total += Buffer.byteLength(content);
    else if (content) for (const part of content) total += part.type === 'text' ? Buffer.byteLength(part.text) : TOKENS_PER_IMAGE;
    if (message.role === 'assistant' && message.tool_calls) {
      for (const call of message.tool_calls) total += Buffer.byteLength(call.function.name) + Buffer.byteLength(call.function.arguments);
    }
  }
  if (request.tools && request.tools.length > 0) total += Buffer.byteLength(JSON.stringify(request.tools));
  return total;
}

/** Completion tokens of an answer: its text plus any tool calls it makes. */
export function countCompletionTokens(content: string | null | undefined, toolCalls: readonly ToolCall[] = []): number {
  return countTextTokens(content ?? '') + toolCalls.reduce((sum, call) => sum + countToolCallTokens(call), 0);
}

function countMessageTokens(message: ChatMessage): number {
  let total = TOKENS_PER_MESSAGE + countTextTokens(message.role);
  if ('name' in message && message.name) total += TOKENS_PER_NAME + countTextTokens(message.name);
  total += countContentTokens(message.content);
  if (message.role === 'assistant' && message.tool_calls) {
    total += message.tool_calls.reduce((sum, call) => sum + countToolCallTokens(call), 0);
  }
  return total;
}

type MessageContent = ChatMessage['content'];

function countContentTokens(content: MessageContent): number {
  if (content === null || content === undefined) return 0;
  if (typeof content === 'string') return countTextTokens(content);
  return content.reduce((sum, part) => sum + (part.type === 'text' ? countTextTokens(part.text) : TOKENS_PER_IMAGE), 0);
}

function countToolCallTokens(call: Pick<ToolCall, 'function'>): number {
  return countTextTokens(call.function.name) + countTextTokens(call.function.arguments);
}
