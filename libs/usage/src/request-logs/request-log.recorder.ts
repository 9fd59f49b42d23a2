import { randomUUID } from 'node:crypto';
import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { requestLogSchema, type ChatCompletion, type GatewayError, type RequestLog } from '@llmgw/contracts';
import { maskSensitive } from '@llmgw/guardrails';
import { maskPayload, maskText } from './payload-mask';
import type { RequestLogTransport } from './request-log.transport';

/** What the chat handler knows once a request is over. */
export interface RequestLogInput {
  requestId: string;
  apiKeyId: string | null;
  teamId: string | null;
  /** e.g. `chat.completions`. */
  endpoint: string;
  /** The model that answered, else the one requested. */
  model: string;
  provider: string | null;
  stream: boolean;
  latencyMs: number | null;
  /** The body as the client sent it (a ChatCompletionRequest when it was valid). */
  request: unknown;
  /** The answer as sent (for a stream: the chunks folded into one completion), null on failure. */
  response: ChatCompletion | null;
  error: GatewayError | null;
}

export interface RequestLogRecorderOptions {
  /** LOG_PAYLOADS: when false, `record` does nothing at all. */
  enabled: boolean;
  /** LOG_PAYLOAD_MAX_CHARS, per payload. */
  maxChars: number;
  maxBatch?: number;
  intervalMs?: number;
  /** Records waiting for the next flush; past this, new ones are dropped (logs are best effort). */
  maxPending?: number;
}

interface Pending {
  input: RequestLogInput;
  occurredAt: string;
}

const ERROR_MESSAGE_MAX_CHARS = 1_000;

/**
 * Optional payload logging. `record` only keeps a reference and returns: masking, truncation and
 * the send happen on a timer, off the request path, and never throw into it. Nothing raw leaves
 * the process: payloads are masked before they are queued.
 */
export class RequestLogRecorder implements OnModuleDestroy {
  private readonly logger = new Logger(RequestLogRecorder.name);
  private readonly maxBatch: number;
  private readonly intervalMs: number;
  private readonly maxPending: number;
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private droppedCount = 0;

  constructor(
    private readonly transport: RequestLogTransport,
    private readonly options: RequestLogRecorderOptions,
    private readonly mask: (text: string) => string = maskSensitive,
  ) {
    this.maxBatch = options.maxBatch ?? 100;
    this.intervalMs = options.intervalMs ?? 1_000;
    this.maxPending = options.maxPending ?? 5_000;
  }

  get enabled(): boolean {
    return this.options.enabled;
  }

  /** Records lost so far (queue full or refused): logs are best effort. */
  get dropped(): number {
    return this.droppedCount;
  }

  record(input: RequestLogInput): void {
    if (!this.options.enabled) return;
    if (this.pending.length >= this.maxPending) {
      this.droppedCount += 1;
      return;
    }
    this.pending.push({ input, occurredAt: new Date().toISOString() });
    if (this.pending.length >= this.maxBatch) void this.flush();
    else this.schedule();
  }

  /** Masks and sends everything recorded so far. Never rejects. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const run = this.flushing.then(() => this.sendPending());
    this.flushing = run;
    return run;
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush();
  }

  private async sendPending(): Promise<void> {
    while (this.pending.length > 0) {
      const taken = this.pending.splice(0, this.maxBatch);
      const logs: RequestLog[] = [];
      for (const item of taken) {
        // Masking costs ~0.2 ms of CPU per 4 KB log (bench/request-logs): yield between logs so a
        // batch never holds the event loop for requests in flight.
        await yieldToEventLoop();
        try {
          // One malformed log would make the worker refuse its whole batch: drop it here, alone.
          const parsed = requestLogSchema.safeParse(this.toLog(item));
          if (parsed.success) logs.push(parsed.data);
          else throw new Error(`invalid fields: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`);
        } catch (error) {
          this.droppedCount += 1;
          this.logger.error(`request log not built: ${messageOf(error)}`);
        }
      }
      if (logs.length === 0) continue;
      try {
        await this.transport.send({ batchId: randomUUID(), logs });
      } catch (error) {
        this.droppedCount += logs.length;
        this.logger.warn(`${logs.length} request logs dropped: ${messageOf(error)}`);
      }
    }
  }

  private toLog({ input, occurredAt }: Pending): RequestLog {
    const request = maskPayload(input.request, this.options.maxChars, this.mask);
    const response = input.response ? maskPayload(input.response, this.options.maxChars, this.mask) : null;
    return {
      requestId: input.requestId.slice(0, 64),
      occurredAt,
      apiKeyId: input.apiKeyId,
      teamId: input.teamId,
      endpoint: input.endpoint.slice(0, 64),
      provider: input.provider?.slice(0, 64) ?? null,
      model: input.model.slice(0, 200),
      status: input.error ? 'error' : 'success',
      httpStatus: input.error ? input.error.status : 200,
      errorType: input.error?.type ?? null,
      errorMessage: input.error ? maskText(input.error.message, ERROR_MESSAGE_MAX_CHARS, this.mask).slice(0, 2 * ERROR_MESSAGE_MAX_CHARS) : null,
      stream: input.stream,
      latencyMs: input.latencyMs === null ? null : Math.max(0, Math.round(input.latencyMs)),
      request: request.value,
      response: response?.value ?? null,
      truncated: request.truncated || (response?.truncated ?? false),
    };
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.intervalMs);
    this.timer.unref();
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
