import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** How the fake upstream answers one model. Everything not set is a healthy, instant answer. */
export interface Fault {
  /** An error status answered with OpenAI's error body (500, 429...). */
  status: number;
  /** Sent as `Retry-After` with an error status. */
  retryAfterSeconds: number | null;
  /** Read the request, never answer. */
  hang: boolean;
  /** Destroy the socket as soon as the request arrived (no status line). */
  resetBeforeHeaders: boolean;
  /** Content chunks of a stream (each `chunkText`), or the words of a plain answer. */
  chunks: number;
  chunkText: string;
  /** Pause before each content chunk of a stream. */
  chunkIntervalMs: number;
  /** After this many content chunks, the stream breaks as `breakWith` says. */
  breakAfter: number | null;
  /** reset: the socket is destroyed; stall: it stays open and silent; malformed: one unparseable event, then the rest. */
  breakWith: 'reset' | 'stall' | 'malformed';
  /** The fault hits only this many calls to the model; later ones are answered healthily (a recovery). */
  faultyCalls: number | null;
}

export const HEALTHY: Fault = {
  status: 200,
  retryAfterSeconds: null,
  hang: false,
  resetBeforeHeaders: false,
  chunks: 4,
  chunkText: 'word ',
  chunkIntervalMs: 0,
  breakAfter: null,
  breakWith: 'reset',
  faultyCalls: null,
};

/** One call the fake upstream saw. */
export interface UpstreamCall {
  model: string;
  stream: boolean;
  arrivedAt: number;
  /** When the gateway closed the connection before the answer was complete (an abort), else null. */
  abortedAt: number | null;
  /** Content chunks written before the answer ended or broke. */
  chunksSent: number;
}

export interface FaultUpstream {
  /** e.g. 'http://127.0.0.1:41234/v1' */
  baseUrl: string;
  calls: UpstreamCall[];
  /** Sets the fault of one model (the `model` field of the upstream request); others stay as they are. */
  setFault(model: string, fault: Partial<Fault>): void;
  callsTo(model: string): UpstreamCall[];
  close(): Promise<void>;
}

/**
 * An OpenAI-compatible upstream whose faults are configured per model: errors with Retry-After,
 * hangs, resets before and during a stream, stalls and malformed events, paced and long streams.
 * It writes with backpressure (a gateway that stops reading stops it) and notes every connection
 * the gateway abandons, so a spec can see an upstream call being aborted.
 */
export async function startFaultUpstream(): Promise<FaultUpstream> {
  const faults = new Map<string, Fault>();
  const calls: UpstreamCall[] = [];
  const seenPerModel = new Map<string, number>();
  const sockets = new Set<Socket>();
  let closing = false;

  const server = createServer((req, res) => {
    void readJson(req).then((body) => {
      const model = typeof body['model'] === 'string' ? body['model'] : '';
      const stream = body['stream'] === true;
      const call: UpstreamCall = { model, stream, arrivedAt: Date.now(), abortedAt: null, chunksSent: 0 };
      calls.push(call);
      let broken = false;
      res.once('close', () => {
        if (!res.writableFinished && !broken && !closing) call.abortedAt = Date.now();
      });
      const configured = faults.get(model) ?? HEALTHY;
      const seen = (seenPerModel.get(model) ?? 0) + 1;
      seenPerModel.set(model, seen);
      const recovered = configured.faultyCalls !== null && seen > configured.faultyCalls;
      const fault = recovered ? { ...HEALTHY, chunks: configured.chunks, chunkText: configured.chunkText } : configured;
      const breakOff = () => {
        broken = true;
        res.socket?.destroy();
      };
      if (fault.hang) return;
      if (fault.resetBeforeHeaders) return breakOff();
      if (fault.status >= 400) return sendError(res, fault);
      const includeUsage = (body['stream_options'] as { include_usage?: unknown } | undefined)?.include_usage === true;
      const promptTokens = promptTokensOf(body);
      if (!stream) return sendCompletion(res, model, fault, promptTokens);
      return sendStream(res, call, model, fault, promptTokens, includeUsage, breakOff);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    calls,
    setFault: (model, fault) => faults.set(model, { ...(faults.get(model) ?? HEALTHY), ...fault }),
    callsTo: (model) => calls.filter((call) => call.model === model),
    close: async () => {
      closing = true;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sendError(res: ServerResponse, fault: Fault): void {
  const rateLimited = fault.status === 429;
  const body = JSON.stringify({
    error: {
      message: rateLimited ? 'Rate limit reached for requests' : 'The server had an error while processing your request.',
      type: rateLimited ? 'requests' : 'server_error',
      param: null,
      code: rateLimited ? 'rate_limit_exceeded' : null,
    },
  });
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
  if (fault.retryAfterSeconds !== null) headers['retry-after'] = String(fault.retryAfterSeconds);
  res.writeHead(fault.status, headers);
  res.end(body);
}

function sendCompletion(res: ServerResponse, model: string, fault: Fault, promptTokens: number): void {
  const body = JSON.stringify({
    id: `chatcmpl-fault-${Date.now()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: fault.chunkText.repeat(fault.chunks), refusal: null }, logprobs: null, finish_reason: 'stop' }],
    usage: { prompt_tokens: promptTokens, completion_tokens: fault.chunks, total_tokens: promptTokens + fault.chunks },
  });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function sendStream(
  res: ServerResponse,
  call: UpstreamCall,
  model: string,
  fault: Fault,
  promptTokens: number,
  includeUsage: boolean,
  breakOff: () => void,
): Promise<void> {
  const base = { id: `chatcmpl-fault-${Date.now()}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model };
  const event = (delta: object, finishReason: string | null) =>
    `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] })}\n\n`;
  // Backpressure: a reader that stops reading stops this writer.
  const write = async (text: string) => {
    if (!res.write(text) && !res.destroyed) await drainedOrClosed(res);
  };
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  res.flushHeaders();
  await write(event({ role: 'assistant', content: '' }, null));
  for (let index = 0; index < fault.chunks; index++) {
    if (fault.chunkIntervalMs > 0) await sleep(fault.chunkIntervalMs);
    if (res.destroyed) return;
    if (fault.breakAfter !== null && index === fault.breakAfter) {
      if (fault.breakWith === 'reset') return breakOff();
      if (fault.breakWith === 'stall') return; // silent, socket open: the gateway's idle timeout must act
      await write('data: {"id":"chatcmpl-fault","choices":[{"delta":{"content":"tru\n\n');
    }
    await write(event({ content: fault.chunkText }, null));
    call.chunksSent += 1;
  }
  await write(event({}, 'stop'));
  if (includeUsage) {
    const usage = { prompt_tokens: promptTokens, completion_tokens: fault.chunks, total_tokens: promptTokens + fault.chunks };
    await write(`data: ${JSON.stringify({ ...base, choices: [], usage })}\n\n`);
  }
  res.end('data: [DONE]\n\n');
}

/** Predictable prompt tokens: the words of every message plus 3 a message (the shared mock's rule). */
function promptTokensOf(body: Record<string, unknown>): number {
  const messages = Array.isArray(body['messages']) ? (body['messages'] as Array<{ content?: unknown }>) : [];
  return messages.reduce((sum, message) => sum + 3 + (typeof message.content === 'string' ? message.content.split(/\s+/).filter(Boolean).length : 0), 0);
}

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      try {
        const parsed: unknown = JSON.parse(Buffer.concat(parts).toString('utf8'));
        resolve(typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {});
      } catch {
        resolve({});
      }
    });
    req.on('error', () => resolve({}));
  });
}

/** Waits for the gateway to take more, or to hang up; leaves no listener behind either way. */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
