import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { OpenAiExceptionFilter } from '@llmgw/observability';
import type { FastifyRequest } from 'fastify';
import { AnthropicExceptionFilter } from '../messages/anthropic-exception.filter';

const ANTHROPIC_ROUTES = /^\/v1\/messages(?:[/?]|$)/;

/**
 * Errors in the shape of the API the caller speaks: Anthropic's on Anthropic-compatible routes,
 * OpenAI's everywhere else. App-wide, because errors raised before a route runs (malformed
 * JSON, body too large) only reach global filters.
 */
@Catch()
export class GatewayExceptionFilter implements ExceptionFilter {
  private readonly openAi = new OpenAiExceptionFilter('gateway');
  private readonly anthropic = new AnthropicExceptionFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const filter = ANTHROPIC_ROUTES.test(request.url) ? this.anthropic : this.openAi;
    filter.catch(exception, host);
  }
}
