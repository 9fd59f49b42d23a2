import { randomUUID } from 'node:crypto';
import { send, type Answer } from './http';

export interface ChatLoadOptions {
  /** Gateway base URLs; client i sends to gateways[i % n] (a load balancer's round robin). */
  gateways: string[];
  apiKey: string;
  clients: number;
  /** A mock-* model answers in process: the platform is measured, not an upstream. */
  model?: string;
  /** Pause after each answer, per client (0: closed loop at full speed). */
  pauseMs?: number;
  /** Each client stops after this many requests (bounded loops); default unbounded until `stop`. */
  maxPerClient?: number;
  /** A client stops after an answer this accepts (a budget refusal that will not lift). */
  stopWhen?: (answer: ChatAnswer) => boolean;
  timeoutMs?: number;
  /** Extra request body fields (max_tokens...). */
  body?: Record<string, unknown>;
}

export interface ChatAnswer {
  requestId: string;
  /** The HTTP status, or 0 when no answer came (a hang past the timeout or a dropped connection). */
  status: number;
  /** The label of the phase the request was sent in. */
  phase: string;
  /** The body of a refusal (for its error shape), else empty. */
  errorBody: string;
}

export interface ChatLoad {
  answers: ChatAnswer[];
  /** Labels the requests sent from now on (e.g. "down" during a fault). */
  setPhase(label: string): void;
  /** Asks every client to stop after its current request; resolves when all did. */
  stop(): Promise<ChatAnswer[]>;
  /** Resolves when every client finished on its own (maxPerClient or stopOnStatus). */
  done: Promise<ChatAnswer[]>;
}

/**
 * Concurrent clients sending chat completions, each under a fresh request id (the id the usage
 * row carries) and a unique prompt, so no cache hit hides a call and every row can be matched to
 * the request that caused it.
 */
export function startChatLoad(options: ChatLoadOptions): ChatLoad {
  const answers: ChatAnswer[] = [];
  let phase = 'start';
  let stopping = false;
  const client = async (index: number) => {
    const gateway = options.gateways[index % options.gateways.length]!;
    for (let sent = 0; !stopping && sent < (options.maxPerClient ?? Number.POSITIVE_INFINITY); sent += 1) {
      const requestId = randomUUID();
      const sentIn = phase;
      let answer: Answer;
      try {
        answer = await send(`${gateway}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json', 'x-request-id': requestId },
          body: JSON.stringify({ model: options.model ?? 'mock-1', messages: [{ role: 'user', content: `load ${requestId}` }], ...options.body }),
          timeoutMs: options.timeoutMs ?? 20_000,
        });
      } catch (error) {
        // A hang or a dropped connection is an answer too (status 0): the spec asserts there is none.
        answer = { status: 0, headers: new Headers(), text: error instanceof Error ? `${error.message}: ${String(error.cause)}` : String(error) };
      }
      const recorded = { requestId, status: answer.status, phase: sentIn, errorBody: answer.status === 200 ? '' : answer.text };
      answers.push(recorded);
      if (options.stopWhen?.(recorded)) return;
      if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  };
  const done = Promise.all(Array.from({ length: options.clients }, (_, index) => client(index))).then(() => answers);
  return {
    answers,
    setPhase: (label) => (phase = label),
    stop: () => ((stopping = true), done),
    done,
  };
}
