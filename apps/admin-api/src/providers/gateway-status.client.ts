import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AdminConfig } from '@llmgw/config';
import { GatewayError } from '@llmgw/contracts';

/**
 * Reads the router's live view (`GET /v1/router/status`) from a gateway over HTTP. The
 * gateway wants an API key with the admin scope; without one configured we say so plainly.
 */
@Injectable()
export class GatewayStatusClient {
  constructor(private readonly config: ConfigService<AdminConfig, true>) {}

  async routerStatus(): Promise<unknown> {
    const apiKey = this.config.get('GATEWAY_ADMIN_API_KEY', { infer: true });
    if (!apiKey)
      throw new GatewayError(
        'service_unavailable',
        'Provider status is not configured: set GATEWAY_ADMIN_API_KEY to an API key with the admin scope (created with scopes ["admin"]).',
        { code: 'gateway_key_not_configured', retryable: false },
      );
    const url = new URL('/v1/router/status', this.config.get('GATEWAY_URL', { infer: true }));
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { authorization: `Bearer ${apiKey}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.config.get('GATEWAY_STATUS_TIMEOUT_MS', { infer: true })),
      });
    } catch (error) {
      throw new GatewayError('upstream_error', `The gateway at ${url.origin} did not answer.`, { code: 'gateway_unreachable', cause: error });
    }
    const body = (await response.json().catch(() => null)) as unknown;
    if (response.ok) return body;
    const detail = (body as { error?: { message?: unknown } } | null)?.error?.message;
    throw new GatewayError(
      'upstream_error',
      `The gateway refused the status request (HTTP ${response.status})${typeof detail === 'string' ? `: ${detail}` : '.'}`,
      { code: response.status === 401 || response.status === 403 ? 'gateway_key_refused' : 'gateway_error' },
    );
  }
}
