import { randomUUID } from 'node:crypto';
import { recordChaos } from './report/chaos-report';
import { startChaosPlatform, type ChaosPlatform } from './support/chaos-platform';
import { chat, type ChatOutcome } from './support/chat-client';
import { HEALTHY_MODEL, writeFaultModels, type FaultModels } from './support/fault-models';
import { startFaultUpstream, type FaultUpstream } from './support/fault-upstream';
import { neverReadingSocket, rssBytes, slowlorisSocket } from './support/slow-sockets';
import { settleLedger } from './support/usage-ledger';

const LARGE_MODEL = 'fault-large-stream';
const HUGE_MODEL = 'fault-huge-stream';
const SLOWLORIS_SOCKETS = 200;
// Late readers stop reading during the attack and read again after it; stalled ones never do.
const LATE_READERS = 5;
const STALLED_READERS = 3;
const HEADERS_TIMEOUT_MS = 2_000;
// Far below the default, above the attack window (late readers read again before it is over).
const STREAM_CLIENT_STALL_MS = 8_000;
// Filling the socket buffers first takes a few seconds on a loaded machine.
const STALL_SLACK_MS = 6_000;
// Each unread stream is ~4 MB of SSE (4,000 chunks of 1 KB of text), far more than the loopback socket buffers take.
const LARGE = { chunks: 4_000, chunkText: `${'x'.repeat(999)} `, chunkIntervalMs: 0 };
// ~12 MB: more than loopback socket buffers absorb (they took ~4 MB here), so the gateway's writes stall.
const HUGE = { ...LARGE, chunks: 12_000 };
/** What the attack may add to the gateway's resident memory. */
const RSS_BOUND_BYTES = 96 * 1024 * 1024;

describe('slow clients: slowloris sockets are timed out, unread streams hold the upstream back and stalled ones are cut, and no one else is slowed', () => {
  let upstream: FaultUpstream;
  let models: FaultModels;
  let platform: ChaosPlatform;

  beforeAll(async () => {
    upstream = await startFaultUpstream();
    models = writeFaultModels([LARGE_MODEL, HUGE_MODEL]);
    upstream.setFault(LARGE_MODEL, LARGE);
    upstream.setFault(HUGE_MODEL, HUGE);
    platform = await startChaosPlatform({
      apps: ['cost-tracker', 'gateway'],
      env: {
        OPENAI_BASE_URL: upstream.baseUrl,
        LLM_GATEWAY_CONFIG: models.configFile,
        HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
        STREAM_CLIENT_STALL_MS: String(STREAM_CLIENT_STALL_MS),
        REQUEST_DEADLINE_MS: '3000',
        // The unread answers are larger than the default output limit, which would end them early.
        MAX_OUTPUT_LENGTH: '20000000',
        UPSTREAM_TIMEOUT_MS: '2000',
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

  it('closes slowloris sockets, holds back then cuts stalled readers, keeps RSS bounded, and serves a normal client meanwhile', async () => {
    const gateway = platform.gateways[0]!;
    const pid = gateway.child.pid!;
    const normal: ChatOutcome[] = [];
    const ask = async () => {
      const outcome = await chat(gateway.url, platform.apiKey, HEALTHY_MODEL, { timeoutMs: 5_000 });
      normal.push(outcome);
      return outcome;
    };
    for (let index = 0; index < 10; index++) await ask(); // warm up, then the baseline
    const baseline = median(normal.slice(5).map((outcome) => outcome.elapsedMs));
    const rssBefore = rssBytes(pid);

    const attackStarted = Date.now();
    const lorises = await Promise.all(Array.from({ length: SLOWLORIS_SOCKETS }, () => slowlorisSocket(gateway.url, 200)));
    const readerIds = Array.from({ length: LATE_READERS }, () => randomUUID());
    const readers = await Promise.all(readerIds.map((id) => neverReadingSocket(gateway.url, platform.apiKey, LARGE_MODEL, id)));
    const stalledIds = Array.from({ length: STALLED_READERS }, () => randomUUID());
    const stalled = await Promise.all(stalledIds.map((id) => neverReadingSocket(gateway.url, platform.apiKey, HUGE_MODEL, id)));

    // During the attack: a normal client, and the gateway's memory, sampled.
    const during: ChatOutcome[] = [];
    let peakRss = rssBefore;
    const attackEnds = attackStarted + HEADERS_TIMEOUT_MS + 4_000;
    while (Date.now() < attackEnds && lorises.some((socket) => socket.closedAt === null)) {
      during.push(await ask());
      peakRss = Math.max(peakRss, rssBytes(pid));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const readerEnds = await Promise.all(readers.map((reader) => reader.readRest(15_000)));
    const stalledCutBy = attackStarted + STREAM_CLIENT_STALL_MS + STALL_SLACK_MS;
    // (A paused client cannot see the gateway hang up: the upstream side shows the cut.)
    const stalledUpstreamsOpen = () => upstream.callsTo(HUGE_MODEL).filter((call) => call.abortedAt === null).length;
    while (Date.now() < stalledCutBy && stalledUpstreamsOpen() > 0) await new Promise((resolve) => setTimeout(resolve, 200));
    for (const socket of [...lorises, ...readers, ...stalled]) socket.stop();

    const lorisOpen = lorises.filter((socket) => socket.closedAt === null).length;
    const lorisLatest = Math.max(...lorises.map((socket) => (socket.closedAt ?? Infinity) - attackStarted));
    const readerCalls = upstream.callsTo(LARGE_MODEL);
    const ledger = await settleLedger(platform.db, [...normal.map((outcome) => outcome.requestId), ...readerIds, ...stalledIds], models.prices);
    recordChaos('attack: slowloris, slow and stalled readers', {
      requests: normal.length + readerIds.length + stalledIds.length,
      faultsSurvived: SLOWLORIS_SOCKETS + LATE_READERS + STALLED_READERS,
      rowsLost: ledger.lost,
    });

    // Every slowloris socket closed by the headers timeout (checked each second), none left open.
    expect(lorisOpen).toBe(0);
    expect(lorisLatest).toBeLessThan(HEADERS_TIMEOUT_MS + 1_000 + 2_000);
    // Readers that stopped reading and read again later got the complete answer.
    expect(readerEnds).toEqual(readers.map(() => ({ closedByServer: false, sawDone: true })));
    expect(readerCalls).toHaveLength(LATE_READERS);
    // A reader that never reads is held to what the socket buffers take (backpressure: the upstream
    // is read no faster than the client), then cut after STREAM_CLIENT_STALL_MS with its upstream call.
    // (On a loaded machine a first attempt may time out before its first chunk and be retried.)
    const hugeCalls = upstream.callsTo(HUGE_MODEL);
    for (const call of hugeCalls) expect({ aborted: call.abortedAt !== null, partial: call.chunksSent < HUGE.chunks }).toEqual({ aborted: true, partial: true });
    const stalledCalls = hugeCalls.filter((call) => call.abortedAt! - call.arrivedAt >= STREAM_CLIENT_STALL_MS);
    expect(stalledCalls).toHaveLength(STALLED_READERS);
    for (const call of stalledCalls) expect(call.abortedAt! - call.arrivedAt).toBeLessThan(STREAM_CLIENT_STALL_MS + STALL_SLACK_MS);
    // Bounded memory.
    expect({ grewBy: peakRss - rssBefore, bound: RSS_BOUND_BYTES, ok: peakRss - rssBefore < RSS_BOUND_BYTES }).toMatchObject({ ok: true });
    // The normal client was served throughout, at normal latency.
    expect(during.length).toBeGreaterThan(5);
    expect(during.filter((outcome) => outcome.status !== 200)).toEqual([]);
    expect(median(during.map((outcome) => outcome.elapsedMs))).toBeLessThan(Math.max(5 * baseline, 250));
    // Usage: one row per request (the cut streams billed for what they were sent), costs exact.
    expect(ledger.lost).toBe(0);
    expect(ledger.mispriced).toEqual([]);
  });
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
