import { randomUUID } from 'node:crypto';

export interface ChatOutcome {
  requestId: string;
  status: number;
  headers: Headers;
  /** The whole body: JSON, or the SSE text as far as it came. */
  text: string;
  elapsedMs: number;
  /** Set when the body broke off (a reset) instead of ending. */
  broken: boolean;
}

export interface ChatOptions {
  stream?: boolean;
  /** A request that takes longer is a hang: it fails the check. */
  timeoutMs?: number;
  requestId?: string;
}

/**
 * One chat completion through the gateway, read to its end. A unique prompt per request keeps the
 * exact cache out of the way (every request must reach routing).
 */
export async function chat(gatewayUrl: string, apiKey: string, model: string, options: ChatOptions = {}): Promise<ChatOutcome> {
  const requestId = options.requestId ?? randomUUID();
  const started = performance.now();
  const body = { model, stream: options.stream === true, messages: [{ role: 'user', content: `chaos ${requestId}` }] };
  const response = await fetch(`${gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'x-request-id': requestId },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
  });
  let text = '';
  let broken = false;
  try {
    text = await response.text();
  } catch {
    broken = true;
  }
  return { requestId, status: response.status, headers: response.headers, text, elapsedMs: performance.now() - started, broken };
}

/** The `data:` payloads of an SSE body, in order. */
export function sseData(text: string): string[] {
  return text
    .split('\n\n')
    .filter((event) => event.startsWith('data: '))
    .map((event) => event.slice('data: '.length));
}

/** Whether an SSE body ended cleanly (`[DONE]` last) or with an OpenAI-shaped error event (and no `[DONE]`). */
export function streamEnding(text: string): 'done' | 'error' | 'neither' {
  const data = sseData(text);
  const last = data.at(-1);
  if (last === '[DONE]') return 'done';
  if (last === undefined || data.includes('[DONE]')) return 'neither';
  try {
    const parsed = JSON.parse(last) as { error?: { message?: unknown; type?: unknown } };
    return typeof parsed.error?.message === 'string' && typeof parsed.error.type === 'string' ? 'error' : 'neither';
  } catch {
    return 'neither';
  }
}
