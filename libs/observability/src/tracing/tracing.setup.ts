import { context, propagation, trace } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { setTracingEnabled, tracingEnabled } from './tracing-state';

export interface TracingOptions {
  /** OTLP/HTTP base endpoint (`http://collector:4318`); spans go to `<endpoint>/v1/traces`. Unset: tracing off. */
  endpoint: string | undefined;
  serviceName: string;
  serviceVersion?: string;
  /** Fraction of root traces kept (0..1); a sampled parent is always followed. */
  sampleRatio?: number;
  /** Tests pass an in-memory exporter. */
  exporter?: SpanExporter;
}

export interface TracingHandle {
  /** Exports the finished spans buffered so far. */
  forceFlush(): Promise<void>;
  /** Exports what is buffered and stops tracing; call on shutdown. */
  shutdown(): Promise<void>;
}

const DISABLED: TracingHandle = { forceFlush: async () => undefined, shutdown: async () => undefined };

/** Sets up the process's tracer provider when an endpoint (or exporter) is given; else a no-op. */
export function setupTracing(options: TracingOptions): TracingHandle {
  // Standalone mode boots three apps in one process: the first one's provider serves them all.
  if ((!options.endpoint && !options.exporter) || tracingEnabled()) return DISABLED;
  // The SDK and the OTLP exporter (~0.1 s of module loading) are loaded only when tracing is on.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose (start-up time)
  const { startTracerProvider } = require('./tracer-provider') as typeof import('./tracer-provider');
  const provider = startTracerProvider(options);
  setTracingEnabled(true);
  return {
    forceFlush: () => provider.forceFlush(),
    async shutdown() {
      setTracingEnabled(false);
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
