import { ProviderError } from '@llmgw/contracts';
import { httpErrorFromObject, type OpenAiErrorObject, redactSecrets, stringOrNull } from '../openai/openai.errors';

// How vendors say "the prompt is too long" when they have no code for it (DeepSeek, Together,
// OpenRouter, Mistral, vLLM, Ollama): the message is all there is.
const CONTEXT_LENGTH =
  /maximum context length|context length|context window|too many tokens|too large for model|prompt is too long|reduce the length|tokens \+ `?max_new_tokens`? must be/i;

/**
 * Maps an OpenAI-compatible vendor's error answer. Vendors bend OpenAI's `{"error": {...}}`:
 * a top-level `{message, type, code}` (Mistral), numeric or stringly codes (OpenRouter, Azure),
 * a message object (Mistral 422 validation details), 402 for an empty balance (DeepSeek,
 * OpenRouter). Normalised here, then mapped like OpenAI's. Pure.
 */
export function mapCompatibleHttpError(
  provider: string,
  status: number,
  bodyText: string,
  retryAfter: string | string[] | undefined,
  nowMs = Date.now(),
): ProviderError {
  const upstream = readVendorError(bodyText);
  const message = stringOrNull(upstream?.message);
  if (status === 402) {
    // Our account there is out of credit: waiting will not help, another provider will.
    const text = message ? redactSecrets(message) : 'payment required';
    return new ProviderError('upstream_error', `${provider}: ${text}`, provider, status, {
      code: 'insufficient_quota',
      retryable: false,
      metadata: { upstreamType: stringOrNull(upstream?.type) },
    });
  }
  const contextLength =
    status >= 400 && status < 500 && status !== 429 && message !== null && CONTEXT_LENGTH.test(message);
  if (contextLength) {
    const error = httpErrorFromObject(
      provider,
      400,
      { ...upstream, code: 'context_length_exceeded' },
      retryAfter,
      nowMs,
    );
    return new ProviderError('context_length_error', error.message, provider, status, {
      param: error.param ?? 'messages',
      code: 'context_length_exceeded',
      metadata: error.metadata,
    });
  }
  return httpErrorFromObject(provider, status, upstream, retryAfter, nowMs);
}

/** The error object of any of the shapes above, with codes as strings; undefined for non-JSON. */
export function readVendorError(bodyText: string): OpenAiErrorObject | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const nested = (parsed as { error?: unknown }).error;
  const source = (typeof nested === 'object' && nested !== null ? nested : parsed) as Record<string, unknown>;
  const rawMessage = typeof nested === 'string' ? nested : source.message;
  return {
    message: typeof rawMessage === 'string' ? rawMessage : rawMessage == null ? undefined : JSON.stringify(rawMessage),
    type: source.type,
    param: source.param,
    code: typeof source.code === 'number' ? String(source.code) : source.code,
  };
}
