import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiKeyGuard } from './api-key.guard';

/**
 * Anthropic clients send the key as `x-api-key`; on Anthropic-compatible routes it is accepted
 * as well as `Authorization: Bearer`, and wins when both are present (as at Anthropic).
 */
@Injectable()
export class XApiKeyGuard extends ApiKeyGuard {
  protected override credentialsOf(request: FastifyRequest): string | undefined {
    const key = request.headers['x-api-key'];
    return typeof key === 'string' && key.length > 0 ? `Bearer ${key}` : super.credentialsOf(request);
  }
}
