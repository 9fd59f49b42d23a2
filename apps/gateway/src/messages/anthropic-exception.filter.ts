import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { type ErrorType, GatewayError } from '@llmgw/contracts';
import { toAnthropicError } from '@llmgw/routing';
import type { FastifyReply } from 'fastify';

const TYPE_BY_STATUS: Record<number, ErrorType> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  503: 'service_unavailable',
};

/**
 * Errors on Anthropic-compatible routes in Anthropic's shape `{type:'error', error:{type, message}}`,
 * with our taxonomy's HTTP status (`GatewayExceptionFilter` picks it by route). Internals are
 * logged, never sent.
 */
@Catch()
export class AnthropicExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const error = this.toGatewayError(exception);
    if (reply.sent || reply.raw.headersSent) return;
    if (error.retryAfterSeconds !== undefined) void reply.header('retry-after', String(Math.ceil(error.retryAfterSeconds)));
    void reply.header('request-id', reply.request.id);
    void reply.status(error.status).send(toAnthropicError(error));
  }

  private toGatewayError(exception: unknown): GatewayError {
    if (exception instanceof GatewayError) return exception;
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      return new GatewayError(TYPE_BY_STATUS[exception.getStatus()] ?? 'invalid_request_error', exception.message, { cause: exception });
    }
    const fastifyError = exception as { statusCode?: unknown; message?: unknown };
    if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      // Fastify's own client errors: malformed JSON, body too large, unsupported content type.
      const type = TYPE_BY_STATUS[fastifyError.statusCode] ?? 'invalid_request_error';
      return new GatewayError(type, String(fastifyError.message ?? 'Invalid request'), { cause: exception });
    }
    this.logger.error(`unhandled ${exception instanceof Error ? exception.name : typeof exception}`, exception instanceof Error ? exception.stack : undefined);
    return new GatewayError('internal_error', 'The gateway failed to handle the request', { cause: exception });
  }
}
