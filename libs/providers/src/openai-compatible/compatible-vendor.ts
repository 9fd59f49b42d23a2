import type { ModelEntry } from '../registry/model-entry';
import { mapCompatibleHttpError } from './openai-compatible.errors';
import type { OpenAiCompatibleProfile } from './openai-compatible.profile';

/** The few facts that describe most OpenAI-compatible vendors. */
export interface CompatibleVendorSpec {
  id: string;
  /** e.g. 'https://api.mistral.ai/v1'; a bare origin means the usual '/v1' prefix. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`; omitted (local servers) sends no credentials. */
  apiKey?: string | undefined;
  connections?: number | undefined;
  /** Extra headers; undefined values are left out. */
  headers?: Readonly<Record<string, string | undefined>>;
  /** Chat request fields the vendor refuses or ignores badly: dropped before sending. */
  unsupportedParams?: readonly string[];
  /** Chat request fields the vendor spells differently, e.g. { seed: 'random_seed' }. */
  renamedParams?: Readonly<Record<string, string>>;
  /** Whether the vendor serves `POST {prefix}/embeddings`. */
  embeddings?: boolean;
  unsupportedEmbeddingParams?: readonly string[];
}

/** Splits a base URL into the pool origin and the path prefix of the API ('/v1', '/api/v1', …). */
export function splitBaseUrl(baseUrl: string): { origin: string; prefix: string } {
  const url = new URL(baseUrl);
  const trimmed = url.pathname.replace(/\/+$/, '');
  return { origin: url.origin, prefix: trimmed === '' ? '/v1' : trimmed };
}

/** A profile from a spec: a vendor is its spec plus, rarely, an overridden hook or two. */
export function compatibleProfile(spec: CompatibleVendorSpec): OpenAiCompatibleProfile {
  const { origin, prefix } = splitBaseUrl(spec.baseUrl);
  const extraHeaders = definedOnly(spec.headers ?? {});
  const profile: OpenAiCompatibleProfile = {
    id: spec.id,
    origin,
    ...(spec.connections !== undefined ? { connections: spec.connections } : {}),
    chatPath: () => `${prefix}/chat/completions`,
    modelsPath: () => `${prefix}/models`,
    headers: () => ({
      ...(spec.apiKey ? { authorization: `Bearer ${spec.apiKey}` } : {}),
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...extraHeaders,
    }),
    chatBody: (body) => adjustBody(body, spec.unsupportedParams ?? [], spec.renamedParams ?? {}),
    embeddingBody: (body) => adjustBody(body, spec.unsupportedEmbeddingParams ?? [], {}),
    httpError: (status, text, retryAfter) => mapCompatibleHttpError(spec.id, status, text, retryAfter),
  };
  if (spec.embeddings) profile.embeddingsPath = (_model: ModelEntry) => `${prefix}/embeddings`;
  return profile;
}

/** Renames, then drops, top-level fields. Pure: returns a new object. */
export function adjustBody(
  body: Record<string, unknown>,
  unsupported: readonly string[],
  renamed: Readonly<Record<string, string>>,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const target = renamed[key] ?? key;
    // The vendor's own spelling, if the client sent it too, wins over the renamed OpenAI one.
    if (target !== key && target in body) continue;
    result[target] = value;
  }
  for (const key of unsupported) delete result[key];
  return result;
}

function definedOnly(headers: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
}
