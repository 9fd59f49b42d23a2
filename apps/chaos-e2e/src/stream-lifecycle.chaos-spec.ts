import { randomUUID } from 'node:crypto';
import type { AppProcess } from '@llmgw/testing';
import { recordChaos } from './report/chaos-report';
import { startChaosPlatform, type ChaosPlatform } from './support/chaos-platform';
import { chat, streamEnding, type ChatOutcome } from './support/chat-client';
import { writeFaultModels, type FaultModels } from './support/fault-models';
import { startFaultUpstream, type FaultUpstream } from './support/fault-upstream';
import { settleLedger } from './support/usage-ledger';

const SLOW_MODEL = 'fault-slow-stream';
const PACED_MODEL = 'fault-paced-stream';
const ABANDONING_CLIENTS = 5;
const OPEN_STREAMS = 100;
// Each of the 100 streams runs ~2 s (10 chunks, 200 ms apart): SIGTERM lands in their middle.
const PACED = { chunks: 10, chunkIntervalMs: 200 };

describe('stream lifecycle: clients that hang up, and a gateway told to stop while streams are open', () => {
  let upstream: FaultUpstream;
  let models: FaultModels;
  let platform: ChaosPlatform;

  beforeAll(async () => {
    upstream = await startFaultUpstream();
    models = writeFaultModels([SLOW_MODEL, PACED_MODEL]);
    upstream.setFault(SLOW_MODEL, { chunks: 40, chunkIntervalMs: 100 });
    upstream.setFault(PACED_MODEL, PACED);
    platform = await startChaosPlatform({
      apps: ['cost-tracker', 'gateway'],
      env: {
        OPENAI_BASE_URL: upstream.baseUrl,
        LLM_GATEWAY_CONFIG: models.configFile,
        HEALTH_CHECK_INTERVAL_SECONDS: '0',
        RATE_LIMIT_PER_MINUTE: '0',
        RATE_LIMIT_PER_USER: '0',
        ENABLE_CACHE: 'false',
        LOG_LEVEL: 'warn',
      },
    });
  });

  afterAll(async () => {
    await platform?.stop();
    await upstream?.close();
    models?.remove();
  });

  it('aborts the upstream call within a second of a client hanging up mid-stream, and meters the partial answer once', async () => {
    const gateway = platform.gateways[0]!.url;
    const hangUps = await Promise.all(
      Array.from({ length: ABANDONING_CLIENTS }, async () => {
        const requestId = randomUUID();
        const controller = new AbortController();
        const response = await fetch(`${gateway}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json', 'x-request-id': requestId },
          body: JSON.stringify({ model: SLOW_MODEL, stream: true, messages: [{ role: 'user', content: `hang up ${requestId}` }] }),
          signal: controller.signal,
        });
        expect(response.status).toBe(200);
        const reader = response.body!.getReader();
        let seen = '';
        // Three content chunks in, the client goes away.
        while ((seen.match(/"content":"word /g) ?? []).length < 3) seen += new TextDecoder().decode((await reader.read()).value);
        const hungUpAt = Date.now();
        controller.abort();
        await reader.cancel().catch(() => undefined);
        return { requestId, hungUpAt };
      }),
    );
    const calls = upstream.callsTo(SLOW_MODEL);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // Each upstream call saw its socket closed by the gateway within a second of the hang-up.
    const delays = hangUps.map((_, index) => (calls[index]!.abortedAt ?? Infinity) - Math.min(...hangUps.map((hangUp) => hangUp.hungUpAt)));
    for (const delay of delays) expect(delay).toBeLessThan(1_000);
    for (const call of calls) expect(call.chunksSent).toBeLessThan(40);

    const ledger = await settleLedger(platform.db, hangUps.map((hangUp) => hangUp.requestId), models.prices);
    recordChaos('fault: client hangs up mid-stream', { requests: hangUps.length, faultsSurvived: hangUps.length, rowsLost: ledger.lost });
    expect(ledger.lost).toBe(0);
    expect(ledger.mispriced).toEqual([]);
    for (const row of ledger.rows) {
      expect({ status: row.status, source: row.usage_source, stream: row.stream }).toEqual({ status: 'error', source: 'estimated', stream: true });
      expect(row.completion_tokens).toBeGreaterThan(0);
      expect(row.completion_tokens).toBeLessThan(40);
    }
  });

  it('on SIGTERM with 100 open streams: refuses new work, finishes every stream, flushes usage, exits 0', async () => {
    // The last check of the file: the platform's own gateway is the one told to stop.
    const draining: AppProcess = platform.gateways[0]!;
    const firstBytes: Array<Promise<void>> = [];
    const streams: Array<Promise<ChatOutcome>> = [];
    for (let index = 0; index < OPEN_STREAMS; index++) {
      const requestId = randomUUID();
      let started!: () => void;
      firstBytes.push(new Promise<void>((resolve) => (started = resolve)));
      streams.push(streamCounting(draining.url, platform.apiKey, requestId, started));
    }
    await Promise.all(firstBytes);
    const exitCode = draining.stop(15_000);
    await new Promise((resolve) => setTimeout(resolve, 200));

    // New work is refused: the port is closed, or the request is answered 503.
    const late = await chat(draining.url, platform.apiKey, PACED_MODEL, { stream: true, timeoutMs: 5_000 }).then(
      (outcome) => outcome.status,
      () => 'refused' as const,
    );
    const outcomes = await Promise.all(streams);
    const unfinished = outcomes.filter((outcome) => outcome.status !== 200 || streamEnding(outcome.text) !== 'done');
    const refused = late === 'refused' || late === 503;
    expect({ late, refused, unfinished: unfinished.length, exitCode: await exitCode, example: unfinished[0]?.text.slice(-300) }).toEqual({ late, refused: true, unfinished: 0, exitCode: 0, example: undefined });

    const ledger = await settleLedger(platform.db, outcomes.map((outcome) => outcome.requestId), models.prices);
    recordChaos('fault: SIGTERM during open streams', { requests: outcomes.length, faultsSurvived: 1, rowsLost: ledger.lost });
    expect(ledger.lost).toBe(0);
    expect(ledger.mispriced).toEqual([]);
    expect(ledger.rows.every((row) => row.status === 'success' && row.completion_tokens === PACED.chunks)).toBe(true);
  });
});

/** A paced stream read to its end, telling `started` once its first byte arrived. */
async function streamCounting(gateway: string, apiKey: string, requestId: string, started: () => void): Promise<ChatOutcome> {
  const began = performance.now();
  let text = '';
  let broken = false;
  try {
    const response = await fetch(`${gateway}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ model: PACED_MODEL, stream: true, messages: [{ role: 'user', content: `drain ${requestId}` }] }),
      signal: AbortSignal.timeout(20_000),
    });
    const reader = response.body!.getReader();
    try {
      for (let part = await reader.read(); !part.done; part = await reader.read()) {
        if (text.length === 0) started();
        text += new TextDecoder().decode(part.value);
      }
    } catch {
      broken = true;
    }
    return { requestId, status: response.status, headers: response.headers, text, elapsedMs: performance.now() - began, broken };
  } finally {
    started(); // a request that failed outright must not keep the spec waiting for its first byte
  }
}
