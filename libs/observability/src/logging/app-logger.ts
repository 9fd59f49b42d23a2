import { type DestinationStream, pino } from 'pino';
import { currentTraceIds } from '../tracing/trace-context';
import { identityMasker, type LogMasker } from './log-masker';
import { PinoLoggerService } from './pino-logger.service';
import { prettyStream } from './pretty-stream';
import { currentRequestContext } from './request-context';

export interface AppLoggerOptions {
  /** `json` (default, one object a line for log shippers) or `pretty` (for a terminal). */
  format?: 'json' | 'pretty';
  /** Masks PII and secrets in every message and string field (the guardrails' `maskSensitive`). */
  mask?: LogMasker;
  /** Where lines go; stdout by default (asynchronous, flushed on exit). */
  destination?: DestinationStream;
  /** Adds the request id of the async context (LOG_REQUEST_CONTEXT) to every line. */
  requestContext?: boolean;
  /** Adds the active span's ids (tracing configured). */
  traceIds?: boolean;
}

const PINO_LEVELS: Record<string, string> = { debug: 'debug', info: 'info', warn: 'warn', error: 'error' };
// Lines are written in batches of about this size, not a write(2) per line (a per-request cost
// in the gateway's profile), and at least this often; pino flushes what is left when the process exits.
const LOG_BUFFER_BYTES = 4096;
const LOG_FLUSH_INTERVAL_MS = 200;

function bufferedStdout(): DestinationStream {
  const stream = pino.destination({ fd: 1, sync: false, minLength: LOG_BUFFER_BYTES });
  const timer = setInterval(() => {
    try {
      stream.flush();
    } catch {
      clearInterval(timer); // destroyed: the process is ending
    }
  }, LOG_FLUSH_INTERVAL_MS).unref();
  return stream;
}

/** The fields merged into every line, or none: pino skips a merge per line when there is no mixin. */
function mixinFor({ requestContext = false, traceIds = false }: AppLoggerOptions): (() => object) | undefined {
  if (requestContext && traceIds) return () => ({ ...currentRequestContext(), ...currentTraceIds() });
  if (requestContext) return () => currentRequestContext() ?? {};
  if (traceIds) return currentTraceIds;
  return undefined;
}

/** The app's Nest logger: structured JSON through pino, with request and trace ids on each line. */
export function createAppLogger(appName: string, level: string, options: AppLoggerOptions = {}): PinoLoggerService {
  const destination = options.destination ?? (options.format === 'pretty' ? prettyStream() : bufferedStdout());
  const mixin = mixinFor(options);
  const logger = pino(
    {
      level: PINO_LEVELS[level] ?? 'info',
      base: { app: appName },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.epochTime,
      formatters: { level: (label, number) => ({ level: number, severity: label }) },
      ...(mixin ? { mixin } : {}),
    },
    destination,
  );
  return new PinoLoggerService(logger, options.mask ?? identityMasker);
}
