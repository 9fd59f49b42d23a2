import { ProviderError } from '@llmgw/contracts';
import { Pool, type Dispatcher } from 'undici';
import { CallDeadline } from '../call/call-deadline';
import { mapOpenAiTransportError } from '../openai/openai.errors';
import { collectRateLimitHeaders } from '../call/upstream-rate-limit-headers';
import type { ProviderCallContext } from '../provider-adapter';
import { type SseEvent, SseDecoder } from '../streaming/sse.decoder';

/** Turns a non-2xx answer into the provider's taxonomy error. */
export type HttpErrorMapper = (
  status: number,
  bodyText: string,
  retryAfter: string | string[] | undefined,
) => ProviderError;

export interface UpstreamPost {
  /** Path and query, e.g. '/v1/chat/completions' or '/openai/deployments/x/embeddings?api-version=…'. */
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

const CLOSE_GRACE_MS = 2_000;

/**
 * One keep-alive undici pool per upstream origin, and the two ways adapters talk to it: a JSON
 * answer, or an SSE stream. Both stop when the client goes away and time out per call (the
 * stream's timeout restarts on every piece of body, so long streams run as long as they flow).
 */
export class UpstreamClient {
  private readonly pool: Pool;

  constructor(
    private readonly provider: string,
    origin: string,
    private readonly mapHttpError: HttpErrorMapper,
    connections = 128,
  ) {
    this.pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  }

  /**
   * The 2xx body as text; anything else thrown as a ProviderError. The answer's allow-listed
   * rate-limit headers are appended to `rateLimitHeaders` when given.
   */
  postJson(post: UpstreamPost, ctx: ProviderCallContext, rateLimitHeaders?: string[]): Promise<string> {
    return this.json('POST', post, ctx, rateLimitHeaders);
  }

  /** A GET (e.g. the model list a health check reads): the 2xx body as text, else a ProviderError. */
  getJson(path: string, headers: Record<string, string>, ctx: ProviderCallContext): Promise<string> {
    return this.json('GET', { path, headers, body: undefined }, ctx);
  }

  private async json(method: 'GET' | 'POST', post: UpstreamPost, ctx: ProviderCallContext, rateLimitHeaders?: string[]): Promise<string> {
    // Not restarted: a plain answer must arrive, headers and body, within timeoutMs.
    const deadline = new CallDeadline(ctx);
    try {
      const response = await this.request(method, post, ctx, deadline);
      const text = await response.body.text();
      if (!isSuccess(response.statusCode)) throw this.httpError(response, text);
      if (rateLimitHeaders) collectRateLimitHeaders(response.headers, rateLimitHeaders);
      return text;
    } catch (error) {
      throw this.failure(error, deadline);
    } finally {
      deadline.dispose();
    }
  }

  /**
   * The SSE events of a 2xx stream. Keep iterating to the end (even past the provider's end
   * marker) so the connection goes back to the pool; stopping early closes the upstream socket.
   * The allow-listed rate-limit headers are appended to `rateLimitHeaders` (when given) as soon as
   * the 2xx status arrives, before the first event.
   */
  async *postSse(post: UpstreamPost, ctx: ProviderCallContext, rateLimitHeaders?: string[]): AsyncGenerator<SseEvent> {
    const deadline = new CallDeadline(ctx);
    let body: Dispatcher.ResponseData['body'] | undefined;
    let drained = false;
    try {
      const response = await this.request('POST', post, ctx, deadline);
      body = response.body;
      if (!isSuccess(response.statusCode)) throw this.httpError(response, await body.text());
      if (rateLimitHeaders) collectRateLimitHeaders(response.headers, rateLimitHeaders);
      const decoder = new SseDecoder();
      for await (const bytes of body) {
        // Idle means the provider sends nothing while we wait for it, not while our client reads.
        deadline.pause();
        yield* decoder.push(bytes as Buffer);
        deadline.restart();
      }
      drained = true;
      yield* decoder.end();
    } catch (error) {
      throw this.failure(error, deadline);
    } finally {
      deadline.dispose();
      // Stopped early (consumer broke off, error, abort): closing the body closes the upstream socket.
      if (body && !drained) body.destroy();
    }
  }

  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), CLOSE_GRACE_MS)));
    const outcome = await Promise.race([this.pool.close().then(() => 'closed' as const), graceOver]);
    clearTimeout(timer);
    if (outcome === 'late') await this.pool.destroy();
  }

  private request(
    method: 'GET' | 'POST',
    post: UpstreamPost,
    ctx: ProviderCallContext,
    deadline: CallDeadline,
  ): Promise<Dispatcher.ResponseData> {
    return this.pool.request({
      method,
      path: post.path,
      headers: post.headers,
      body: method === 'POST' ? JSON.stringify(post.body) : null,
      signal: deadline.signal,
      headersTimeout: ctx.timeoutMs,
      bodyTimeout: ctx.timeoutMs,
    });
  }

  private httpError(response: Dispatcher.ResponseData, text: string): ProviderError {
    return this.mapHttpError(response.statusCode, text, response.headers['retry-after']);
  }

  private failure(error: unknown, deadline: CallDeadline): ProviderError {
    return (
      deadline.abortFailure(this.provider, error) ??
      (error instanceof ProviderError ? error : mapOpenAiTransportError(this.provider, error))
    );
  }
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
