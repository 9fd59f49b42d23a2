import { createAppLogger } from './logging/app-logger';
import type { LogMasker } from './logging/log-masker';
import type { PinoLoggerService } from './logging/pino-logger.service';
import { setupTracing, type TracingHandle } from './tracing/tracing.setup';

/** The configuration keys every app's schema has (libs/config `observabilityEnvShape` + LOG_LEVEL). */
export interface ObservabilityConfig {
  LOG_LEVEL: string;
  LOG_FORMAT: 'json' | 'pretty';
  LOG_REQUEST_CONTEXT: boolean;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  OTEL_SERVICE_NAME?: string | undefined;
  OTEL_TRACES_SAMPLER_ARG: number;
}

export interface AppObservability {
  logger: PinoLoggerService;
  tracing: TracingHandle;
}

/**
 * What an app's bootstrap sets up before Nest starts: its logger (JSON through pino, masked when
 * a masker is given) and tracing (only when an OTLP endpoint is configured).
 */
export function startAppObservability(appName: string, config: ObservabilityConfig, options: { mask?: LogMasker } = {}): AppObservability {
  const logger = createAppLogger(appName, config.LOG_LEVEL, {
    format: config.LOG_FORMAT,
    mask: options.mask,
    requestContext: config.LOG_REQUEST_CONTEXT,
    traceIds: config.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined,
  });
  const tracing = setupTracing({
    endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
    serviceName: config.OTEL_SERVICE_NAME ?? appName,
    sampleRatio: config.OTEL_TRACES_SAMPLER_ARG,
  });
  return { logger, tracing };
}
