import { trace } from '@opentelemetry/api';
import { tracingEnabled } from './tracing-state';

/** The active span's ids for log correlation; empty when tracing is off or no span is active. */
export function currentTraceIds(): { traceId?: string; spanId?: string } {
  if (!tracingEnabled()) return {};
  const context = trace.getActiveSpan()?.spanContext();
  return context ? { traceId: context.traceId, spanId: context.spanId } : {};
}
