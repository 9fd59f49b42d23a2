import { GatewayError, type ErrorType } from '@llmgw/contracts';

/** One try of one candidate, as reported in the result and in the final error's metadata. */
export interface AttemptRecord {
  key: string;
  /** Absent when the attempt succeeded. */
  error?: ErrorType;
  durationMs: number;
  /** The breaker refused the candidate: no call was made. */
  circuitOpen?: true;
}

/** Unknown throwables are gateway bugs: typed internal_error (never retried), cause kept. */
export function asGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  return new GatewayError('internal_error', 'The provider call failed unexpectedly', { cause: error });
}

/** Failures that say the candidate is unhealthy; client-caused ones (400, 401...) say it answered. */
export function countsAgainstBreaker(error: GatewayError): boolean {
  return error.retryable || error.type === 'internal_error' || error.status >= 500;
}

/** 'openai:gpt-4o: rate_limit_error, azure:gpt-4o: circuit_open'. */
export function describeAttempts(attempts: AttemptRecord[]): string {
  return attempts.map((a) => `${a.key}: ${a.circuitOpen ? 'circuit_open' : (a.error ?? 'ok')}`).join(', ');
}
