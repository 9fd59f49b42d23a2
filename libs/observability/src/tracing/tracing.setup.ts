import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanExporter, TraceIdRatioBasedSampler, ParentBasedSampler } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
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
  const exporter = options.exporter ?? new OTLPTraceExporter({ url: `${options.endpoint!.replace(/\/+$/, '')}/v1/traces` });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      'service.name': options.serviceName,
      ...(options.serviceVersion ? { 'service.version': options.serviceVersion } : {}),
    }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.sampleRatio ?? 1) }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  // Registers the async-hooks context manager and W3C trace-context propagation.
  provider.register();
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
