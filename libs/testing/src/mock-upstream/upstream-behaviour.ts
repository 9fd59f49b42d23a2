import type { IncomingHttpHeaders } from 'node:http';

export interface UpstreamErrorOverride {
  message?: string;
  type?: string;
  param?: string | null;
  code?: string | null;
}

/** How the mock upstream answers. Set per server, or per request with `x-mock-*` headers. */
export interface UpstreamBehaviour {
  /** Delay before the status line. Header: x-mock-latency-ms. */
  latencyMs: number;
  /** 200, or an error status answered with OpenAI's error body. Header: x-mock-status. */
  status: number;
  /** Overrides parts of the default error body for `status`. Headers: x-mock-error-code, x-mock-error-message. */
  error: UpstreamErrorOverride | null;
  /** Sent as `Retry-After` on errors. Header: x-mock-retry-after. */
  retryAfterSeconds: number | null;
  /** A raw body sent instead of the generated one, e.g. malformed JSON. Header: x-mock-body. */
  body: string | null;
  /** The assistant's text. Header: x-mock-reply. */
  reply: string;
  /** How many content chunks a streamed reply is cut into. Header: x-mock-stream-chunks. */
  streamChunks: number;
  /** Pause between stream writes. Header: x-mock-chunk-interval-ms. */
  chunkIntervalMs: number;
  /** Send the usage chunk, but only when the request has `stream_options.include_usage`. Header: x-mock-include-usage. */
  includeUsage: boolean;
  /** Destroy the socket after this many stream writes. Header: x-mock-fail-mid-stream. */
  failMidStream: number | null;
  /** Never answer (the request is still recorded). Header: x-mock-hang. */
  hang: boolean;
  /**
   * Re-cut the SSE bytes into writes of this many bytes, ignoring event boundaries: events split
   * across writes and several events in one write. Header: x-mock-write-bytes.
   */
  writeBytes: number | null;
  /** Answer with this tool call instead of text (plain and streamed). Header: x-mock-tool-call (JSON). */
  toolCall: { name: string; arguments: string } | null;
  /**
   * Usage a vendor sends in streams without being asked (Mistral, Together, OpenRouter): none, a last
   * `choices: []` chunk, or `usage` on the finish chunk itself. Header: x-mock-usage-unasked.
   */
  usageUnasked: 'none' | 'separate-chunk' | 'on-finish-chunk';
  /** Request fields the vendor refuses with a 400 (e.g. 'seed', 'stream_options'). Header: x-mock-reject-params (comma list). */
  rejectParams: string[];
  /** Length of each embedding vector. Header: x-mock-embedding-dimensions. */
  embeddingDimensions: number;
  /** Extra headers on every answer (e.g. a provider's rate-limit headers). Server-wide only. */
  responseHeaders: Record<string, string>;
}

export const DEFAULT_UPSTREAM_BEHAVIOUR: UpstreamBehaviour = {
  latencyMs: 0,
  status: 200,
  error: null,
  retryAfterSeconds: null,
  body: null,
  reply: 'Hello from the mock upstream. How can I help you today?',
  streamChunks: 4,
  chunkIntervalMs: 0,
  includeUsage: true,
  failMidStream: null,
  hang: false,
  writeBytes: null,
  toolCall: null,
  usageUnasked: 'none',
  rejectParams: [],
  embeddingDimensions: 8,
  responseHeaders: {},
};

const USAGE_UNASKED = new Set<UpstreamBehaviour['usageUnasked']>(['none', 'separate-chunk', 'on-finish-chunk']);

/** The `x-mock-*` request headers as a behaviour override. */
export function behaviourFromHeaders(headers: IncomingHttpHeaders): Partial<UpstreamBehaviour> {
  const header = (name: string): string | undefined => {
    const value = headers[`x-mock-${name}`];
    return Array.isArray(value) ? value[0] : value;
  };
  const int = (name: string): number | undefined => {
    const value = header(name);
    return value === undefined || !/^\d+$/.test(value) ? undefined : Number(value);
  };
  const flag = (name: string): boolean | undefined => {
    const value = header(name);
    return value === undefined ? undefined : value === 'true' || value === '1';
  };
  const toolCall = header('tool-call');
  const usageUnasked = header('usage-unasked') as UpstreamBehaviour['usageUnasked'] | undefined;
  const rejectParams = header('reject-params');
  const errorCode = header('error-code');
  const errorMessage = header('error-message');
  const override: Partial<UpstreamBehaviour> = {
    latencyMs: int('latency-ms'),
    status: int('status'),
    retryAfterSeconds: int('retry-after'),
    body: header('body'),
    reply: header('reply'),
    streamChunks: int('stream-chunks'),
    chunkIntervalMs: int('chunk-interval-ms'),
    includeUsage: flag('include-usage'),
    failMidStream: int('fail-mid-stream'),
    hang: flag('hang'),
    writeBytes: int('write-bytes'),
    toolCall: toolCall ? parseToolCall(toolCall) : undefined,
    usageUnasked: usageUnasked && USAGE_UNASKED.has(usageUnasked) ? usageUnasked : undefined,
    rejectParams: rejectParams?.split(',').map((name) => name.trim()),
    embeddingDimensions: int('embedding-dimensions'),
    error: errorCode || errorMessage ? { code: errorCode, message: errorMessage } : undefined,
  };
  return Object.fromEntries(Object.entries(override).filter(([, value]) => value !== undefined));
}

function parseToolCall(header: string): UpstreamBehaviour['toolCall'] | undefined {
  try {
    const parsed = JSON.parse(header) as { name?: unknown; arguments?: unknown };
    if (typeof parsed.name !== 'string') return undefined;
    return { name: parsed.name, arguments: typeof parsed.arguments === 'string' ? parsed.arguments : '{}' };
  } catch {
    return undefined;
  }
}
