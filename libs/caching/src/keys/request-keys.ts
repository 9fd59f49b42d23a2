import type { ChatCompletionRequest, ChatMessage } from '@llmgw/contracts';
import { canonicalJson, sha256 } from './canonical-json';

/**
 * Fields that never change the answer: transport (stream), attribution (user, metadata) and our
 * own cache controls. Everything else, vendor extensions included, is part of the key: an
 * unknown field costs at worst a missed hit, never a wrong one.
 */
const TRANSPORT_FIELDS = ['stream', 'stream_options', 'user', 'metadata', 'cache'] as const;

/** Sampling knobs the semantic cache tolerates (bounded by the temperature ceiling instead). */
const SAMPLING_FIELDS = ['temperature', 'top_p', 'seed'] as const;

/** Version of the key layout: bump it when the canonical form changes, so old entries miss. */
const KEY_VERSION = 'v1';

export interface KeyedRequest {
  request: ChatCompletionRequest;
  /** Routing hints that change which model answers a route (e.g. task type, strategy). */
  routeKey?: string;
  /** Replaces `request.model`: an answer from a fallback is keyed by the model that gave it. */
  model?: string;
}

/** The exact-cache key: a hash of every answer-changing part of the request. */
export function exactCacheKey({ request, routeKey, model }: KeyedRequest): string {
  const body = answerRelevant(request, TRANSPORT_FIELDS);
  if (model) body['model'] = model;
  if (body['n'] === 1) delete body['n'];
  return sha256(canonicalJson({ v: KEY_VERSION, route: routeKey ?? null, body }));
}

/**
 * The semantic partition: requests whose answers are interchangeable when their last user
 * prompts mean the same thing (same model or route, system prompt, history, tools, format).
 * `embedderId` keeps vectors of different models apart: their similarities do not compare.
 */
export function semanticPartitionKey({ request, routeKey, model }: KeyedRequest, embedderId: string): string {
  const body = answerRelevant(request, [...TRANSPORT_FIELDS, ...SAMPLING_FIELDS]);
  if (model) body['model'] = model;
  if (body['n'] === 1) delete body['n'];
  body['messages'] = request.messages.slice(0, -1);
  return sha256(canonicalJson({ v: KEY_VERSION, route: routeKey ?? null, embedder: embedderId, body }));
}

/**
 * The text the semantic cache embeds: the last message when it is a plain-text user message,
 * whitespace collapsed. Null (no semantic caching) for images, tool results or assistant turns.
 */
export function semanticPromptOf(request: ChatCompletionRequest): string | null {
  const last = request.messages.at(-1);
  if (!last || last.role !== 'user') return null;
  const text = textOf(last);
  if (text === null) return null;
  const normalised = text.replace(/\s+/g, ' ').trim();
  return normalised.length > 0 ? normalised : null;
}

/** A short description of the prompt for invalidation patterns: the last user text. */
export function promptSummaryOf(request: ChatCompletionRequest, maxLength = 2_000): string {
  for (let i = request.messages.length - 1; i >= 0; i -= 1) {
    const message = request.messages[i];
    if (message?.role === 'user') return (textOf(message) ?? '').slice(0, maxLength);
  }
  return '';
}

function textOf(message: ChatMessage): string | null {
  const content = message.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return null;
  const parts: string[] = [];
  for (const part of content) {
    if (part.type !== 'text') return null;
    parts.push(part.text);
  }
  return parts.join('\n');
}

function answerRelevant(request: ChatCompletionRequest, excluded: readonly string[]): Record<string, unknown> {
  const body: Record<string, unknown> = { ...request };
  for (const field of excluded) delete body[field];
  return body;
}
