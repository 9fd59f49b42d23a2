import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from '@llmgw/testing';
import { startPlatform, type Platform } from './platform.fixture';

/** A stand-in OTLP/HTTP collector: keeps the span names of every export it receives. */
async function startCollector(): Promise<{ url: string; spanNames: () => string[]; server: Server }> {
  const names: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.url === '/v1/traces') {
        for (const match of body.matchAll(/"name":"([a-z_.]+)"/g)) names.push(match[1]!);
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spanNames: () => [...names], server };
}

describe('traces when an OTLP endpoint is configured', () => {
  let platform: Platform;
  let collector: Awaited<ReturnType<typeof startCollector>>;

  beforeAll(async () => {
    collector = await startCollector();
    platform = await startPlatform({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.url });
  });

  afterAll(async () => {
    await platform?.stop();
    await new Promise((resolve) => collector?.server.close(resolve));
  });

  it('exports a span per pipeline stage and per upstream attempt', async () => {
    const response = await fetch(`${platform.gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'trace me' }] }),
    });
    expect(response.status).toBe(200);
    const expected = ['pipeline.prepare', 'pipeline.cache_lookup', 'pipeline.route', 'pipeline.admit', 'pipeline.execute', 'upstream.attempt', 'pipeline.output_guard', 'pipeline.cache_store'];
    // The batch processor exports every few seconds.
    await eventually('every stage reaches the collector', async () => expected.every((name) => collector.spanNames().includes(name)), 15_000);
  });
});
