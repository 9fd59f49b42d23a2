import { openAiSchemaErrors } from '@llmgw/testing';
import { recordChaos } from './report/chaos-report';
import { startChaosPlatform, type ChaosPlatform } from './support/chaos-platform';
import { chat, sseData, streamEnding, type ChatOutcome } from './support/chat-client';
import { HEALTHY_MODEL, writeFaultModels, type FaultModels } from './support/fault-models';
import { startFaultUpstream, type FaultUpstream } from './support/fault-upstream';
import { settleLedger } from './support/usage-ledger';

// Per-attempt timeout 1 s, one retry, a 3 s deadline for the whole call: a hang costs at most the
// deadline, never (retries + 1) x candidates x timeout. Breakers open after 3 failures and
// probe after 2 s.
const TIMEOUT_MS = 1_000;
const DEADLINE_MS = 3_000;
const SLACK_MS = 1_000;
const COOLDOWN_MS = 2_000;

const MODELS = {
  error500: 'fault-500',
  retryAfter: 'fault-429',
  retryAfterLong: 'fault-429-long',
  hang: 'fault-hang',
  hangToo: 'fault-hang-too',
  resetBefore: 'fault-reset-before',
  cut: 'fault-cut',
  stall: 'fault-stall',
  malformed: 'fault-malformed',
  flapping: 'fault-flapping',
};

describe('upstream faults: fallbacks or clean errors within the deadline, Retry-After honoured, breakers probe and recover', () => {
  let upstream: FaultUpstream;
  let models: FaultModels;
  let platform: ChaosPlatform;
  let gateway: string;

  beforeAll(async () => {
    upstream = await startFaultUpstream();
    models = writeFaultModels(Object.values(MODELS), {
      [MODELS.error500]: [HEALTHY_MODEL],
      [MODELS.retryAfterLong]: [HEALTHY_MODEL],
      [MODELS.hang]: [HEALTHY_MODEL],
      [MODELS.hangToo]: [MODELS.hang],
      [MODELS.resetBefore]: [HEALTHY_MODEL],
      [MODELS.cut]: [HEALTHY_MODEL],
      [MODELS.stall]: [HEALTHY_MODEL],
      [MODELS.malformed]: [HEALTHY_MODEL],
      [MODELS.flapping]: [HEALTHY_MODEL],
    });
    platform = await startChaosPlatform({
      apps: ['cost-tracker', 'gateway'],
      env: {
        OPENAI_BASE_URL: upstream.baseUrl,
        LLM_GATEWAY_CONFIG: models.configFile,
        UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS),
        REQUEST_DEADLINE_MS: String(DEADLINE_MS),
        MAX_RETRIES: '1',
        CIRCUIT_BREAKER_FAILURE_THRESHOLD: '3',
        CIRCUIT_BREAKER_RECOVERY_TIMEOUT: String(COOLDOWN_MS / 1000),
        CIRCUIT_BREAKER_SUCCESS_THRESHOLD: '1',
        HEALTH_CHECK_INTERVAL_SECONDS: '0',
        RATE_LIMIT_PER_MINUTE: '0',
        RATE_LIMIT_PER_USER: '0',
        ENABLE_CACHE: 'false',
        LOG_LEVEL: 'warn',
      },
    });
    gateway = platform.gateways[0]!.url;
  });

  afterAll(async () => {
    await platform?.stop();
    await upstream?.close();
    models?.remove();
  });

  const ask = (model: string, stream = false) => chat(gateway, platform.apiKey, model, { stream });

  /** Every request one row, every cost tokens x price; recorded in the chaos table under `area`. */
  async function expectMeteredExactly(area: string, outcomes: ChatOutcome[], faults: number): Promise<void> {
    const ledger = await settleLedger(
      platform.db,
      outcomes.map((outcome) => outcome.requestId),
      models.prices,
    );
    recordChaos(area, { requests: outcomes.length, faultsSurvived: faults, rowsLost: ledger.lost });
    expect(ledger.lost).toBe(0);
    expect(ledger.mispriced).toEqual([]);
  }

  it('falls back from a 500 and from a connection reset before the first byte, plain and streamed', async () => {
    upstream.setFault(MODELS.error500, { status: 500 });
    upstream.setFault(MODELS.resetBefore, { resetBeforeHeaders: true });
    const outcomes = [
      await ask(MODELS.error500),
      await ask(MODELS.error500, true),
      await ask(MODELS.resetBefore),
      await ask(MODELS.resetBefore, true),
    ];
    for (const outcome of outcomes) {
      expect({ status: outcome.status, model: outcome.headers.get('x-llmgw-model'), fallbacks: outcome.headers.get('x-llmgw-fallback-count') }).toEqual({
        status: 200,
        model: HEALTHY_MODEL,
        fallbacks: '1',
      });
      expect(outcome.elapsedMs).toBeLessThan(DEADLINE_MS + SLACK_MS);
    }
    expect(streamEnding(outcomes[1]!.text)).toBe('done');
    expect(streamEnding(outcomes[3]!.text)).toBe('done');
    await expectMeteredExactly('fault: upstream 500 / reset before first byte', outcomes, outcomes.length);
  });

  it('honours Retry-After: waits it out before retrying, or moves on when it is longer than the wait allowed', async () => {
    // The first call is refused for 1 s, the retry is answered by the same model.
    upstream.setFault(MODELS.retryAfter, { status: 429, retryAfterSeconds: 1, faultyCalls: 1 });
    const waited = await ask(MODELS.retryAfter);
    expect(waited.status).toBe(200);
    expect(waited.headers.get('x-llmgw-model')).toBe(MODELS.retryAfter);
    const [refused, retried] = upstream.callsTo(MODELS.retryAfter);
    expect(retried!.arrivedAt - refused!.arrivedAt).toBeGreaterThanOrEqual(1_000);

    // 60 s is past what the gateway waits for (30 s): no retry at all, straight to the fallback.
    upstream.setFault(MODELS.retryAfterLong, { status: 429, retryAfterSeconds: 60 });
    const movedOn = await ask(MODELS.retryAfterLong);
    expect(movedOn.status).toBe(200);
    expect(movedOn.headers.get('x-llmgw-model')).toBe(HEALTHY_MODEL);
    expect(upstream.callsTo(MODELS.retryAfterLong)).toHaveLength(1);
    expect(movedOn.elapsedMs).toBeLessThan(SLACK_MS);
    await expectMeteredExactly('fault: upstream 429 with Retry-After', [waited, movedOn], 2);
  });

  it('bounds a hanging upstream by the deadline: a fallback answers, or a clean 504 comes within deadline + slack', async () => {
    upstream.setFault(MODELS.hang, { hang: true });
    upstream.setFault(MODELS.hangToo, { hang: true });
    const fellBack = await ask(MODELS.hang);
    expect(fellBack.status).toBe(200);
    expect(fellBack.headers.get('x-llmgw-model')).toBe(HEALTHY_MODEL);
    expect(fellBack.elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(fellBack.elapsedMs).toBeLessThan(DEADLINE_MS + SLACK_MS);

    // Both candidates hang: 2 candidates x 2 attempts x 1 s would be 4 s; the deadline stops it at 3 s.
    const hungCalls = upstream.callsTo(MODELS.hang).length;
    const failed = await ask(MODELS.hangToo);
    expect(failed.status).toBe(504);
    expect(openAiSchemaErrors('ErrorResponse', JSON.parse(failed.text))).toEqual([]);
    expect(failed.elapsedMs).toBeGreaterThanOrEqual(DEADLINE_MS - 100);
    expect(failed.elapsedMs).toBeLessThan(DEADLINE_MS + SLACK_MS);
    // Every hung call was abandoned (its socket closed), none left hanging on the upstream.
    const hung = [...upstream.callsTo(MODELS.hangToo), ...upstream.callsTo(MODELS.hang).slice(hungCalls)];
    expect(hung.length).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hung.filter((call) => call.abortedAt === null)).toEqual([]);
    await expectMeteredExactly('fault: upstream hangs past the timeout', [fellBack, failed], 2);
  });

  it('never lets a stream cut after its first byte look complete: an error event, no [DONE], billed for what was sent', async () => {
    // Paced, so the first chunks reach the gateway (and the client) before the break.
    const cutAfterTwo = { chunks: 6, breakAfter: 2, chunkIntervalMs: 50 };
    upstream.setFault(MODELS.cut, { ...cutAfterTwo, breakWith: 'reset' });
    upstream.setFault(MODELS.stall, { ...cutAfterTwo, breakWith: 'stall' });
    upstream.setFault(MODELS.malformed, { ...cutAfterTwo, breakWith: 'malformed' });
    const outcomes = [await ask(MODELS.cut, true), await ask(MODELS.stall, true), await ask(MODELS.malformed, true)];
    for (const outcome of outcomes) {
      const context = `${outcome.headers.get('x-llmgw-model')}: ${outcome.text.slice(-300)}`;
      expect({ context, status: outcome.status, ending: streamEnding(outcome.text), broken: outcome.broken }).toEqual({ context, status: 200, ending: 'error', broken: false });
      // The content that did arrive was relayed before the error (no fallback after the first byte).
      expect(sseData(outcome.text).filter((data) => data.includes('"content":"word '))).toHaveLength(2);
      // A stall is cut by the idle timeout, well inside the deadline (with room for a loaded CI machine).
      expect(outcome.elapsedMs).toBeLessThan(DEADLINE_MS + SLACK_MS);
    }
    // The stalled upstream call was given up (its socket closed by the gateway's idle timeout).
    expect(upstream.callsTo(MODELS.stall).at(-1)!.abortedAt).not.toBeNull();
    await expectMeteredExactly('fault: stream cut, stalled, malformed', outcomes, outcomes.length);
    const { rows } = await platform.db.query<{ status: string; usage_source: string; completion_tokens: number }>(
      'SELECT status, usage_source, completion_tokens FROM usage_records WHERE request_id = ANY($1)',
      [outcomes.map((outcome) => outcome.requestId)],
    );
    for (const row of rows) {
      expect(row.status).toBe('error');
      expect(row.usage_source).toBe('estimated');
      expect(row.completion_tokens).toBeGreaterThan(0);
    }
  });

  it('opens the breaker, probes once per cooldown, and sends traffic back to the recovered provider', async () => {
    upstream.setFault(MODELS.flapping, { status: 500 });
    const outcomes: ChatOutcome[] = [];
    // 4 s of steady traffic on a failing provider: every request is answered by the fallback.
    const failingUntil = Date.now() + 2 * COOLDOWN_MS;
    while (Date.now() < failingUntil) {
      const outcome = await ask(MODELS.flapping);
      outcomes.push(outcome);
      expect(outcome.status).toBe(200);
      expect(outcome.headers.get('x-llmgw-model')).toBe(HEALTHY_MODEL);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const calls = upstream.callsTo(MODELS.flapping);
    // Three failures open it; after that only probes, at most one per cooldown.
    const probes = calls.slice(3);
    expect(probes.length).toBeGreaterThanOrEqual(1);
    expect(probes.length).toBeLessThanOrEqual(2);
    const gaps = [calls[2]!, ...probes].slice(1).map((call, index) => call.arrivedAt - [calls[2]!, ...probes][index]!.arrivedAt);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(COOLDOWN_MS - 50);
    expect(outcomes.length).toBeGreaterThan(calls.length * 3); // the breaker shielded most requests

    // Recovered: within a cooldown (plus slack) the provider answers again.
    upstream.setFault(MODELS.flapping, { status: 200 });
    const recoveredBy = Date.now() + COOLDOWN_MS + SLACK_MS;
    let back: ChatOutcome | null = null;
    while (Date.now() < recoveredBy && !back) {
      const outcome = await ask(MODELS.flapping);
      outcomes.push(outcome);
      if (outcome.headers.get('x-llmgw-model') === MODELS.flapping) back = outcome;
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(back?.status).toBe(200);
    const after = await ask(MODELS.flapping);
    outcomes.push(after);
    expect(after.headers.get('x-llmgw-model')).toBe(MODELS.flapping);
    await expectMeteredExactly('fault: breaker opens, probes, recovers', outcomes, 1);
  });
});
