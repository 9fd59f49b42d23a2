import type { IncomingHttpHeaders } from 'node:http';
import { DEFAULT_UPSTREAM_BEHAVIOUR, type UpstreamBehaviour } from '../mock-upstream/upstream-behaviour';

/** The knobs only the Anthropic mock has. */
export interface AnthropicOnlyBehaviour {
  /** Overrides the stop_reason. Header: x-mock-stop-reason. */
  stopReason: string | null;
  /** Send `event: error` of this Anthropic error type after the first content delta. Header: x-mock-stream-error. */
  streamError: string | null;
  /** Reported as usage.cache_creation_input_tokens. Header: x-mock-cache-creation-tokens. */
  cacheCreationInputTokens: number;
  /** Reported as usage.cache_read_input_tokens. Header: x-mock-cache-read-tokens. */
  cacheReadInputTokens: number;
}

/**
 * How the mock Anthropic upstream answers: the shared mock knobs (latency, status, Retry-After,
 * raw body, reply, toolCall, pacing, faults; `error.type` or `error.code` is Anthropic's error
 * type, header x-mock-error-code) plus Anthropic's own. Set per server or per request (`x-mock-*`).
 */
export type AnthropicUpstreamBehaviour = UpstreamBehaviour & AnthropicOnlyBehaviour;

const ANTHROPIC_ONLY_DEFAULTS: AnthropicOnlyBehaviour = {
  stopReason: null,
  streamError: null,
  cacheCreationInputTokens: 0,
  cacheReadInputTokens: 0,
};

export const DEFAULT_ANTHROPIC_UPSTREAM_BEHAVIOUR: AnthropicUpstreamBehaviour = {
  ...DEFAULT_UPSTREAM_BEHAVIOUR,
  ...ANTHROPIC_ONLY_DEFAULTS,
  reply: 'Hello from the mock Anthropic upstream. How can I help?',
};

/** The Anthropic-only fields of a behaviour (the shared server keeps the others). */
export function anthropicOnly(behaviour: Partial<AnthropicUpstreamBehaviour>): Partial<AnthropicOnlyBehaviour> {
  const picked = (Object.keys(ANTHROPIC_ONLY_DEFAULTS) as Array<keyof AnthropicOnlyBehaviour>).map((key) => [
    key,
    behaviour[key],
  ]);
  return Object.fromEntries(picked.filter(([, value]) => value !== undefined));
}

/** The Anthropic-only `x-mock-*` request headers as a behaviour override. */
export function anthropicBehaviourFromHeaders(headers: IncomingHttpHeaders): Partial<AnthropicOnlyBehaviour> {
  const header = (name: string): string | undefined => {
    const value = headers[`x-mock-${name}`];
    return Array.isArray(value) ? value[0] : value;
  };
  const int = (name: string): number | undefined => {
    const value = header(name);
    return value === undefined || !/^\d+$/.test(value) ? undefined : Number(value);
  };
  return anthropicOnly({
    stopReason: header('stop-reason'),
    streamError: header('stream-error'),
    cacheCreationInputTokens: int('cache-creation-tokens'),
    cacheReadInputTokens: int('cache-read-tokens'),
  });
}
