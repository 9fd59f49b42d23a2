import { z } from 'zod';
import { bool } from '../env.fields';

/**
 * Observability (issue 8), read by every app: log format and OpenTelemetry tracing. The OTEL_*
 * names are the OpenTelemetry standard ones, so collectors' docs apply as written.
 */
export const observabilityEnvShape = {
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  // Every line logged while serving a request carries its id (the access line always does). Off by
  // default: on Node 20 the async context behind it costs about a fifth of the gateway's CPU per request.
  LOG_REQUEST_CONTEXT: bool(false),
  // Tracing is off unless an OTLP/HTTP endpoint is set (spans go to <endpoint>/v1/traces).
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
};
