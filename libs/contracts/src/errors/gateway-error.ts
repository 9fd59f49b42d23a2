import { ERROR_TYPES, type ErrorType } from './error-type';

export interface GatewayErrorOptions {
  param?: string | null;
  code?: string | null;
  cause?: unknown;
  metadata?: Record<string, unknown>;
  /** Overrides the taxonomy's default, e.g. a provider 500 that is not worth retrying. */
  retryable?: boolean;
  /** Seconds the caller should wait, from an upstream `Retry-After` or our own limiter. */
  retryAfterSeconds?: number;
}

/** Base of every error our libs raise; app filters turn it into the OpenAI error body. */
export class GatewayError extends Error {
  readonly param: string | null;
  readonly code: string | null;
  readonly metadata: Record<string, unknown>;
  readonly retryable: boolean;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly type: ErrorType,
    message: string,
    options: GatewayErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'GatewayError';
    this.param = options.param ?? null;
    this.code = options.code ?? null;
    this.metadata = options.metadata ?? {};
    this.retryable = options.retryable ?? ERROR_TYPES[type].retryable;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return ERROR_TYPES[this.type].status;
  }

  toBody(): OpenAiErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** A provider call that failed: carries who failed and how, for routing and metering. */
export class ProviderError extends GatewayError {
  constructor(
    type: ErrorType,
    message: string,
    readonly provider: string,
    readonly upstreamStatus: number | null,
    options: GatewayErrorOptions = {},
  ) {
    super(type, message, options);
    this.name = 'ProviderError';
  }
}
