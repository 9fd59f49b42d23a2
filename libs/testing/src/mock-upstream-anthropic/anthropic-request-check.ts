import type { IncomingHttpHeaders } from 'node:http';

export interface AnthropicRequestProblem {
  status: number;
  type: string;
  message: string;
}

// The Messages API's request fields: anything else is refused, as Anthropic does.
const KNOWN_FIELDS = new Set([
  'model',
  'messages',
  'max_tokens',
  'system',
  'temperature',
  'top_p',
  'top_k',
  'stop_sequences',
  'stream',
  'tools',
  'tool_choice',
  'metadata',
  'thinking',
  'service_tier',
  'container',
  'mcp_servers',
  'context_management',
]);

/**
 * The checks Anthropic makes before answering, with its messages, so an adapter that sends
 * what Anthropic would refuse fails its tests here too. Null when the request is acceptable.
 */
export function checkAnthropicRequest(headers: IncomingHttpHeaders, body: unknown): AnthropicRequestProblem | null {
  const invalid = (message: string) => ({ status: 400, type: 'invalid_request_error', message });
  if (!headers['x-api-key'])
    return { status: 401, type: 'authentication_error', message: 'x-api-key header is required' };
  if (headers['anthropic-version'] !== '2023-06-01') return invalid('anthropic-version: header is required');
  if (typeof body !== 'object' || body === null) return invalid('Request body must be a JSON object');
  const request = body as Record<string, unknown>;
  const extra = Object.keys(request).find((field) => !KNOWN_FIELDS.has(field));
  if (extra) return invalid(`${extra}: Extra inputs are not permitted`);
  if (typeof request['model'] !== 'string') return invalid('model: Field required');
  if (typeof request['max_tokens'] !== 'number') return invalid('max_tokens: Field required');
  const temperature = request['temperature'];
  if (typeof temperature === 'number' && (temperature < 0 || temperature > 1)) {
    return invalid('temperature: Input should be less than or equal to 1');
  }
  if (temperature !== undefined && request['top_p'] !== undefined) {
    return invalid('`temperature` and `top_p` cannot both be specified for this model. Please use only one.');
  }
  const messages = request['messages'];
  if (!Array.isArray(messages) || messages.length === 0) return invalid('messages: Field required');
  for (const [index, message] of messages.entries()) {
    const role = (message as { role?: unknown })?.role;
    if (role === 'system') {
      return invalid(
        'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.',
      );
    }
    if (role !== 'user' && role !== 'assistant')
      return invalid(`messages.${index}.role: Input should be 'user' or 'assistant'`);
    const content = (message as { content?: unknown }).content;
    if (content === '' || (Array.isArray(content) && content.length === 0)) {
      return invalid(`messages.${index}: all messages must have non-empty content`);
    }
  }
  return null;
}
