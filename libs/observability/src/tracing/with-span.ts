import { type Attributes, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { tracingEnabled } from './tracing-state';

const TRACER_NAME = 'llmgw';

export interface SpanOptions {
  attributes?: Attributes;
  /** `client` for upstream calls, `server` for incoming requests; `internal` by default. */
  kind?: 'internal' | 'client' | 'server';
}

const KINDS = { internal: SpanKind.INTERNAL, client: SpanKind.CLIENT, server: SpanKind.SERVER } as const;

/**
 * Runs `fn` inside a span named `name` (a pipeline stage, an upstream attempt). The span ends
 * when the returned promise settles and records an exception as an error status. With tracing
 * off this is a direct call. Pass attributes with bounded, non-sensitive values only.
 */
export async function withSpan<T>(name: string, options: SpanOptions, fn: (span: SpanHandle) => Promise<T>): Promise<T> {
  if (!tracingEnabled()) return fn(NOOP_HANDLE);
  return trace.getTracer(TRACER_NAME).startActiveSpan(name, { kind: KINDS[options.kind ?? 'internal'], attributes: options.attributes }, async (span) => {
    try {
      return await fn({ setAttributes: (attributes) => void span.setAttributes(attributes) });
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** What `fn` may do to its span: add attributes learnt on the way (provider chosen, tokens). */
export interface SpanHandle {
  setAttributes(attributes: Attributes): void;
}

const NOOP_HANDLE: SpanHandle = { setAttributes: () => undefined };
