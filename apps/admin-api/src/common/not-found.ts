import { GatewayError } from '@llmgw/contracts';

/** The 404 every resource answers for an unknown (or malformed) id. */
export function notFound(resource: 'API key' | 'team' | 'admin user', code: string): GatewayError {
  return new GatewayError('not_found_error', `No ${resource} has this id.`, { param: 'id', code });
}
