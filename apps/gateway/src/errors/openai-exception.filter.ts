import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { GatewayError, type ErrorType } from '@llmgw/contracts';
import type { FastifyReply } from 'fastify';

const TYPE_BY_STATUS: Record<number, ErrorType> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  415: 'invalid_request_error',
  429: 'rate_limit_error',
};

/** Every error leaves the gateway in OpenAI's shape; internals never do. */
@Catch()
export class OpenAiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const error = toGatewayError(exception);
    if (error.status >= 500 && !(exception instanceof GatewayError)) {
      this.logger.error(`unhandled ${exception instanceof Error ? exception.name : typeof exception}`, exception instanceof Error ? exception.stack : undefined);
    }
    if (reply.sent || reply.raw.headersSent) return;
    if (error.retryAfterSeconds !== undefined) void reply.header('retry-after', String(Math.ceil(error.retryAfterSeconds)));
    void reply.status(error.status).send(error.toBody());
  }
}

function toGatewayError(exception: unknown): GatewayError {
  if (exception instanceof GatewayError) return exception;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const type = TYPE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'invalid_request_error');
    return new GatewayError(type, messageOf(exception), { cause: exception });
  }
  const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    // Fastify's own client errors: malformed JSON, body too large, bad content type.
    const type = TYPE_BY_STATUS[fastifyError.statusCode] ?? 'invalid_request_error';
    return new GatewayError(type, fastifyError.message ?? 'Invalid request', { code: fastifyError.code ?? null, cause: exception });
  }
  return new GatewayError('internal_error', 'The gateway failed to handle the request', { cause: exception });
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message;
}
