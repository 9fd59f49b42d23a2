import { openAiSchemaErrors } from '@llmgw/testing';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** A request that takes longer is a hang: the check fails. */
  timeoutMs?: number;
}

/** One HTTP exchange read to the end, failing loudly on a hang or a dropped connection. */
export async function send(url: string, options: SendOptions = {}): Promise<Answer> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  try {
    const response = await fetch(url, {
      method: options.method ?? 'GET',
      headers: options.headers,
      body: options.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  } catch (error) {
    throw new Error(`${options.method ?? 'GET'} ${url} failed (hang over ${timeoutMs} ms or dropped connection)`, { cause: error });
  }
}

/** The error body shape an endpoint documents: OpenAI's everywhere, Anthropic's on /v1/messages. */
export type ErrorShape = 'openai' | 'anthropic';

/**
 * What a bad input must get: an answer below 500, and when it is refused, a 4xx whose body is the
 * documented error shape. Returns a description of what is wrong, or null.
 */
export function refusalProblem(answer: Answer, shape: ErrorShape = 'openai'): string | null {
  if (answer.status >= 500) return `answered ${answer.status}: ${answer.text.slice(0, 300)}`;
  if (answer.status < 400) return null;
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return `answered ${answer.status} with a body that is not JSON: ${answer.text.slice(0, 300)}`;
  }
  if (shape === 'anthropic') {
    const error = (body as { type?: unknown; error?: { type?: unknown; message?: unknown } }).error;
    const ok = (body as { type?: unknown }).type === 'error' && typeof error?.type === 'string' && typeof error.message === 'string';
    return ok ? null : `answered ${answer.status} outside Anthropic's error shape: ${answer.text.slice(0, 300)}`;
  }
  const errors = openAiSchemaErrors('ErrorResponse', body);
  return errors.length === 0 ? null : `answered ${answer.status} outside the OpenAI error shape (${errors.join('; ')}): ${answer.text.slice(0, 300)}`;
}
