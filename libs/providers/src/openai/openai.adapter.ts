import { type ChatCompletionChunk, type ChatCompletionRequest, ProviderError } from '@llmgw/contracts';
import { Pool, type Dispatcher } from 'undici';
import { CallDeadline } from '../call/call-deadline';
import type { ProviderAdapter, ProviderCallContext, ProviderChatResult, ProviderStream } from '../provider-adapter';
import type { ModelEntry } from '../registry/model-entry';
import { MeteredStream } from '../streaming/metered-stream';
import { SseDecoder } from '../streaming/sse.decoder';
import { StreamUsageMeter } from '../streaming/stream-usage.meter';
import { type OpenAiApiOptions, type OpenAiEndpoint, openAiEndpoint, openAiHeaders } from './openai.api';
import { fromOpenAiChatCompletion, toOpenAiChatBody } from './openai.chat.mapper';
import { invalidResponse, mapOpenAiHttpError, mapOpenAiTransportError } from './openai.errors';
import { fromOpenAiStreamData, STREAM_DONE } from './openai.stream.mapper';

export interface OpenAiAdapterOptions extends OpenAiApiOptions {
  /** Adapter id; OpenAI-compatible vendors reuse this adapter under their own id. */
  id?: string;
  /** Upper bound of pooled keep-alive connections to the upstream. */
  connections?: number;
}

const CLOSE_GRACE_MS = 2_000;

/** OpenAI (and OpenAI-compatible) chat over one keep-alive undici pool per base URL. */
export class OpenAiAdapter implements ProviderAdapter {
  readonly id: string;
  private readonly endpoint: OpenAiEndpoint;
  private readonly pool: Pool;

  constructor(private readonly options: OpenAiAdapterOptions) {
    this.id = options.id ?? 'openai';
    this.endpoint = openAiEndpoint(options.baseUrl);
    this.pool = new Pool(this.endpoint.origin, {
      connections: options.connections ?? 128,
      pipelining: 1,
      keepAliveTimeout: 30_000,
    });
  }

  async chat(request: ChatCompletionRequest, model: ModelEntry, ctx: ProviderCallContext): Promise<ProviderChatResult> {
    // Not restarted: a plain answer must arrive, headers and body, within timeoutMs.
    const deadline = new CallDeadline(ctx);
    try {
      const response = await this.post(toOpenAiChatBody(request, model, false), ctx, deadline);
      const text = await response.body.text();
      if (!isSuccess(response.statusCode)) throw this.httpError(response, text);
      return fromOpenAiChatCompletion(this.id, text, request);
    } catch (error) {
      throw this.failure(error, deadline);
    } finally {
      deadline.dispose();
    }
  }

  chatStream(request: ChatCompletionRequest, model: ModelEntry, ctx: ProviderCallContext): ProviderStream {
    return new MeteredStream(this.streamChunks(request, model, ctx), new StreamUsageMeter(request));
  }

  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), CLOSE_GRACE_MS)));
    const outcome = await Promise.race([this.pool.close().then(() => 'closed' as const), graceOver]);
    clearTimeout(timer);
    if (outcome === 'late') await this.pool.destroy();
  }

  private async *streamChunks(
    request: ChatCompletionRequest,
    model: ModelEntry,
    ctx: ProviderCallContext,
  ): AsyncGenerator<ChatCompletionChunk> {
    // Restarted on every piece of body: an idle timeout, so long streams may run as long as they flow.
    const deadline = new CallDeadline(ctx);
    let body: Dispatcher.ResponseData['body'] | undefined;
    let drained = false;
    try {
      const response = await this.post(toOpenAiChatBody(request, model, true), ctx, deadline);
      body = response.body;
      if (!isSuccess(response.statusCode)) throw this.httpError(response, await body.text());
      const decoder = new SseDecoder();
      let done = false;
      let finished = false;
      for await (const bytes of body) {
        deadline.restart();
        // After [DONE] keep reading to the end of the body, so the connection goes back to the pool.
        for (const event of done ? [] : decoder.push(bytes as Buffer)) {
          const chunk = fromOpenAiStreamData(this.id, event.data);
          if (chunk === STREAM_DONE) {
            done = true;
            break;
          }
          finished ||= chunk.usage != null || chunk.choices.some((choice) => choice.finish_reason !== null);
          yield chunk;
        }
      }
      drained = true;
      for (const event of done ? [] : decoder.end()) {
        const chunk = fromOpenAiStreamData(this.id, event.data);
        if (chunk === STREAM_DONE) break;
        finished ||= chunk.usage != null || chunk.choices.some((choice) => choice.finish_reason !== null);
        yield chunk;
      }
      if (!done && !finished) throw invalidResponse(this.id, 'stream ended before the answer was complete');
    } catch (error) {
      throw this.failure(error, deadline);
    } finally {
      deadline.dispose();
      // Stopped early (consumer broke off, error, abort): closing the body closes the upstream socket.
      if (body && !drained) body.destroy();
    }
  }

  private post(
    payload: Record<string, unknown>,
    ctx: ProviderCallContext,
    deadline: CallDeadline,
  ): Promise<Dispatcher.ResponseData> {
    return this.pool.request({
      method: 'POST',
      path: this.endpoint.chatCompletionsPath,
      headers: openAiHeaders(this.options, ctx.requestId),
      body: JSON.stringify(payload),
      signal: deadline.signal,
      headersTimeout: ctx.timeoutMs,
      bodyTimeout: ctx.timeoutMs,
    });
  }

  private httpError(response: Dispatcher.ResponseData, text: string): ProviderError {
    return mapOpenAiHttpError(this.id, response.statusCode, text, response.headers['retry-after']);
  }

  private failure(error: unknown, deadline: CallDeadline): ProviderError {
    return (
      deadline.abortFailure(this.id, error) ??
      (error instanceof ProviderError ? error : mapOpenAiTransportError(this.id, error))
    );
  }
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
