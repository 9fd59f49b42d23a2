import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { type ErrorType, GatewayError } from '@llmgw/contracts';
import type { FastifyReply } from 'fastify';

const TYPE_BY_STATUS: Record<number, ErrorType> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  415: 'invalid_request_error',
  429: 'rate_limit_error',
  503: 'service_unavailable',
};

/**
 * Every error leaves an app in OpenAI's shape `{"error":{message,type,param,code}}`; internals
 * (stack traces, driver messages) never do: they are logged, and the caller gets a plain 500.
 */
@Catch()
export class OpenAiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly appName: string) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const error = this.toGatewayError(exception);
    if (error.type === 'internal_error' && !(exception instanceof GatewayError)) {
      this.logger.error(`unhandled ${exception instanceof Error ? exception.name : typeof exception}`, exception instanceof Error ? exception.stack : undefined);
    }
    if (reply.sent || reply.raw.headersSent) return;
    if (error.retryAfterSeconds !== undefined) void reply.header('retry-after', String(Math.ceil(error.retryAfterSeconds)));
    // Explicitly JSON: a route that declared another type (a CSV report) must still fail in JSON,
    // or Fastify refuses to serialise the body and the caller gets a 500 (found by the chaos suite).
    void reply.status(error.status).header('content-type', 'application/json; charset=utf-8').send(error.toBody());
  }

  private toGatewayError(exception: unknown): GatewayError {
    if (exception instanceof GatewayError) return exception;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const type = TYPE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'invalid_request_error');
      return new GatewayError(type, type === 'internal_error' ? this.internalMessage() : messageOf(exception), { cause: exception });
    }
    const fastifyError = exception as { statusCode?: unknown; code?: unknown; message?: unknown };
    if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      // Fastify's own client errors: malformed JSON, body too large, unsupported content type.
      return new GatewayError(TYPE_BY_STATUS[fastifyError.statusCode] ?? 'invalid_request_error', String(fastifyError.message ?? 'Invalid request'), {
        code: typeof fastifyError.code === 'string' ? fastifyError.code : null,
        cause: exception,
      });
    }
    return new GatewayError('internal_error', this.internalMessage(), { cause: exception });
  }

  private internalMessage(): string {
    return `The ${this.appName} failed to handle the request`;
  }
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message;
}
