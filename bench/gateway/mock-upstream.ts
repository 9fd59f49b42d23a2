// A mock OpenAI-compatible upstream for the gateway benchmark: chat (JSON and SSE), embeddings.
// Built for speed, since it shares a core with the load driver: answers are pre-serialised and
// the request body is only scanned, not parsed. Latency and stream pacing change at run time
// through POST /__config, so one process serves every scenario.
// Run alone: node mock-upstream.js [port]  (prints "listening on <url>")
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MockSettings {
  /** Delay before the answer (and before the first stream event). */
  latencyMs: number;
  /** Content chunks in a streamed answer (plus role, finish and usage chunks). */
  streamChunks: number;
  /** Pause between stream chunks; 0 writes them all at once. */
  chunkIntervalMs: number;
}

export const DEFAULT_MOCK_SETTINGS: MockSettings = { latencyMs: 0, streamChunks: 10, chunkIntervalMs: 0 };

const USAGE = { prompt_tokens: 12, completion_tokens: 9, total_tokens: 21 };
const REPLY = 'Hello! This is the benchmark mock answering you.';
const created = Math.floor(Date.now() / 1000);

const completion = (id: string) =>
  `{"id":"chatcmpl-${id}","object":"chat.completion","created":${created},"model":"gpt-4o-mini","system_fingerprint":"fp_mock",` +
  `"choices":[{"index":0,"message":{"role":"assistant","content":${JSON.stringify(REPLY)},"refusal":null},"logprobs":null,"finish_reason":"stop"}],` +
  `"usage":${JSON.stringify(USAGE)}}`;

function streamEvents(id: string, chunks: number, includeUsage: boolean): string[] {
  const head = `{"id":"chatcmpl-${id}","object":"chat.completion.chunk","created":${created},"model":"gpt-4o-mini","system_fingerprint":"fp_mock","choices":[`;
  const tail = includeUsage ? ',"usage":null}' : '}';
  const words = REPLY.split(' ');
  const events = [`data: ${head}{"index":0,"delta":{"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]${tail}\n\n`];
  for (let i = 0; i < chunks; i += 1) {
    const piece = `${words[i % words.length]} `;
    events.push(`data: ${head}{"index":0,"delta":{"content":${JSON.stringify(piece)}},"logprobs":null,"finish_reason":null}]${tail}\n\n`);
  }
  events.push(`data: ${head}{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]${tail}\n\n`);
  if (includeUsage) events.push(`data: ${head}],"usage":${JSON.stringify(USAGE)}}\n\n`);
  events.push('data: [DONE]\n\n');
  return events;
}

const EMBEDDING = `[${Array.from({ length: 16 }, (_, i) => (Math.sin(i + 1) / 4).toFixed(6)).join(',')}]`;
const embeddings = () =>
  `{"object":"list","data":[{"object":"embedding","index":0,"embedding":${EMBEDDING}}],"model":"text-embedding-3-small","usage":{"prompt_tokens":8,"total_tokens":8}}`;

// The gateway's health probe lists the models.
const MODELS = `{"object":"list","data":[{"id":"gpt-4o-mini","object":"model","created":${created},"owned_by":"openai"},{"id":"text-embedding-3-small","object":"model","created":${created},"owned_by":"openai"}]}`;

export interface RunningMock {
  url: string;
  settings: MockSettings;
  close(): Promise<void>;
}

export async function startMockUpstream(port = 0, host = '127.0.0.1'): Promise<RunningMock> {
  const settings: MockSettings = { ...DEFAULT_MOCK_SETTINGS };
  let counter = 0;
  const later = (fn: () => void, ms: number) => (ms > 0 ? setTimeout(fn, ms) : fn());

  const answer = (request: IncomingMessage, response: ServerResponse, body: string) => {
    const path = request.url ?? '/';
    if (path === '/__config') {
      Object.assign(settings, JSON.parse(body || '{}') as Partial<MockSettings>);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(settings));
      return;
    }
    const id = (counter += 1).toString(36);
    if (path.endsWith('/chat/completions')) {
      if (!body.includes('"stream":true')) {
        later(() => send(response, completion(id)), settings.latencyMs);
        return;
      }
      const events = streamEvents(id, settings.streamChunks, body.includes('"include_usage":true'));
      later(() => relay(response, events, settings.chunkIntervalMs), settings.latencyMs);
      return;
    }
    if (request.method === 'GET' && path.endsWith('/models')) {
      send(response, MODELS);
      return;
    }
    if (path.endsWith('/embeddings')) {
      later(() => send(response, embeddings()), settings.latencyMs);
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found","type":"invalid_request_error"}}');
  };

  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => answer(request, response, body));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}`,
    settings,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: ServerResponse, json: string): void {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) }).end(json);
}

/** Writes the events one by one, `intervalMs` apart, so a buffering gateway shows in the timings. */
function relay(response: ServerResponse, events: string[], intervalMs: number): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  if (intervalMs <= 0) {
    response.end(events.join(''));
    return;
  }
  let next = 0;
  const write = () => {
    if (response.destroyed) return;
    const event = events[next];
    next += 1;
    if (event === undefined) {
      response.end();
      return;
    }
    response.write(event);
    setTimeout(write, intervalMs);
  };
  write();
}

if (require.main === module) {
  void startMockUpstream(Number(process.argv[2] ?? 0)).then((mock) => console.log(`mock upstream listening on ${mock.url}`));
}
