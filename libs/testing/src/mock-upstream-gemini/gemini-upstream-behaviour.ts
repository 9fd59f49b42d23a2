import type { IncomingHttpHeaders } from 'node:http';
import { behaviourFromHeaders, type UpstreamBehaviour } from '../mock-upstream/upstream-behaviour';

export interface GeminiErrorOverride {
  message?: string;
  /** Google's canonical status, e.g. 'INVALID_ARGUMENT'. */
  status?: string;
  /** Sent as a google.rpc.ErrorInfo detail, e.g. 'API_KEY_INVALID'. */
  reason?: string;
}

export interface GeminiFunctionCall {
  name: string;
  args: Record<string, unknown>;
}

/** How the mock Gemini upstream answers. Set per server, or per request with `x-mock-*` headers. */
export interface GeminiUpstreamBehaviour {
  /** Delay before the status line. Header: x-mock-latency-ms. */
  latencyMs: number;
  /** 200, or an error status answered with Google's error body. Header: x-mock-status. */
  status: number;
  /** Overrides parts of the error body. Headers: x-mock-error-message, x-mock-error-status, x-mock-error-reason. */
  error: GeminiErrorOverride | null;
  /** Sent as `Retry-After` on errors. Header: x-mock-retry-after. */
  retryAfterSeconds: number | null;
  /** Sent as RetryInfo.retryDelay in a 429 body. Header: x-mock-retry-delay. */
  retryDelaySeconds: number | null;
  /** A raw body sent instead of the generated one (a stream sends it as its only write). Header: x-mock-body. */
  body: string | null;
  /** The model's text. Header: x-mock-reply. */
  reply: string;
  /** Answer with these function calls instead of text. Header: x-mock-function-calls (JSON array). */
  functionCalls: GeminiFunctionCall[] | null;
  /** Candidate.finishReason of the answer. Header: x-mock-finish-reason. */
  finishReason: string;
  /** Block the prompt: promptFeedback.blockReason and no candidates. Header: x-mock-block-reason. */
  blockReason: string | null;
  /** usageMetadata.thoughtsTokenCount, as thinking models report it (0: omitted). Header: x-mock-thoughts-tokens. */
  thoughtsTokens: number;
  /** Send usageMetadata at all. Header: x-mock-include-usage. */
  includeUsage: boolean;
  /** How many events a streamed reply is cut into. Header: x-mock-stream-chunks. */
  streamChunks: number;
  /** Pause between stream writes. Header: x-mock-chunk-interval-ms. */
  chunkIntervalMs: number;
  /** Destroy the socket after this many stream writes. Header: x-mock-fail-mid-stream. */
  failMidStream: number | null;
  /** Never answer (the request is still recorded). Header: x-mock-hang. */
  hang: boolean;
  /** Re-cut the SSE bytes into writes of this many bytes. Header: x-mock-write-bytes. */
  writeBytes: number | null;
}

export const DEFAULT_GEMINI_UPSTREAM_BEHAVIOUR: GeminiUpstreamBehaviour = {
  latencyMs: 0,
  status: 200,
  error: null,
  retryAfterSeconds: null,
  retryDelaySeconds: null,
  body: null,
  reply: 'Hello from the mock Gemini upstream. How can I help you today?',
  functionCalls: null,
  finishReason: 'STOP',
  blockReason: null,
  thoughtsTokens: 0,
  includeUsage: true,
  streamChunks: 4,
  chunkIntervalMs: 0,
  failMidStream: null,
  hang: false,
  writeBytes: null,
};

const SHARED_KEYS = [
  'latencyMs',
  'status',
  'retryAfterSeconds',
  'body',
  'reply',
  'streamChunks',
  'chunkIntervalMs',
  'includeUsage',
  'failMidStream',
  'hang',
  'writeBytes',
] as const satisfies ReadonlyArray<keyof GeminiUpstreamBehaviour & keyof UpstreamBehaviour>;

/** The `x-mock-*` request headers as a behaviour override (the common ones parsed as for the OpenAI mock). */
export function geminiBehaviourFromHeaders(headers: IncomingHttpHeaders): Partial<GeminiUpstreamBehaviour> {
  // Only the fields both mocks share: the OpenAI mock's own (error shape, tool calls…) do not apply.
  const openAi = behaviourFromHeaders(headers);
  const common: Partial<GeminiUpstreamBehaviour> = {};
  for (const key of SHARED_KEYS) if (openAi[key] !== undefined) Object.assign(common, { [key]: openAi[key] });
  const header = (name: string): string | undefined => {
    const value = headers[`x-mock-${name}`];
    return Array.isArray(value) ? value[0] : value;
  };
  const int = (name: string): number | undefined => {
    const value = header(name);
    return value === undefined || !/^\d+$/.test(value) ? undefined : Number(value);
  };
  const error: GeminiErrorOverride = {
    ...(header('error-message') ? { message: header('error-message') } : {}),
    ...(header('error-status') ? { status: header('error-status') } : {}),
    ...(header('error-reason') ? { reason: header('error-reason') } : {}),
  };
  const calls = header('function-calls');
  const override: Partial<GeminiUpstreamBehaviour> = {
    ...common,
    retryDelaySeconds: int('retry-delay'),
    finishReason: header('finish-reason'),
    blockReason: header('block-reason'),
    thoughtsTokens: int('thoughts-tokens'),
    functionCalls: calls ? (JSON.parse(calls) as GeminiFunctionCall[]) : undefined,
    error: Object.keys(error).length > 0 ? error : undefined,
  };
  return Object.fromEntries(Object.entries(override).filter(([, value]) => value !== undefined));
}
