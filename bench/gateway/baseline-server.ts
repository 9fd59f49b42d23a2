// The anchor for "Node's own limit": a bare Fastify 5 + undici pass-through with no auth, no
// parsing of the body and no work beyond relaying. Same upstream, same driver, same pinning as
// the gateway, so the gateway's figures read as a ratio of this one.
// Run alone: node baseline-server.js <upstream-url> [port]  (prints "listening on <url>")
import Fastify, { type FastifyInstance } from 'fastify';
import { Pool } from 'undici';

export async function startBaseline(upstreamUrl: string, port = 0, host = '127.0.0.1'): Promise<{ url: string; app: FastifyInstance }> {
  const pool = new Pool(upstreamUrl, { connections: 256, pipelining: 1, keepAliveTimeout: 60_000 });
  const app = Fastify({ logger: false, bodyLimit: 4 * 1024 * 1024 });
  // The body is relayed as received: a pass-through has no reason to parse it.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.addHook('onClose', () => pool.close());

  const relay = (upstreamPath: string) => async (request: { body: unknown }, reply: import('fastify').FastifyReply) => {
    const upstream = await pool.request({
      path: upstreamPath,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench-upstream' },
      body: request.body as string,
    });
    const contentType = upstream.headers['content-type'];
    void reply.code(upstream.statusCode);
    if (typeof contentType === 'string') void reply.header('content-type', contentType);
    return reply.send(upstream.body);
  };
  app.post('/v1/chat/completions', relay('/v1/chat/completions'));
  app.post('/v1/embeddings', relay('/v1/embeddings'));
  app.get('/health/ready', async () => ({ status: 'ok' }));
  const address = await app.listen({ port, host });
  return { url: address, app };
}

if (require.main === module) {
  const upstream = process.argv[2];
  if (!upstream) throw new Error('usage: baseline-server.js <upstream-url> [port]');
  void startBaseline(upstream, Number(process.argv[3] ?? 0)).then(({ url, app }) => {
    console.log(`baseline listening on ${url}`);
    process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
  });
}
