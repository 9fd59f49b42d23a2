import type { AppProcess } from '@llmgw/testing';
import { recordChaos } from './report/chaos-report';
import { adminCall, adminToken } from './support/admin-session';
import { startChaosPlatform, type ChaosPlatform } from './support/chaos-platform';
import { startChatLoad, type ChatAnswer } from './support/chat-load';
import { processCpuSeconds } from './support/process-cpu';
import { startScratchRedis, type ScratchRedis } from './support/scratch-redis';
import { awaitUsage, mock1Cost, MOCK_1_PRICE } from './support/usage-tally';

const REPLICAS = 3;
const CLIENTS = 200;
const THROUGHPUT_MS = Number(process.env.CHAOS_SCALE_SECONDS ?? 8) * 1000;
const RPM_LIMIT = 60;
// About 42 requests of mock-1 at max_tokens 16: enough for 200 clients to race for the last one.
const BUDGET_NANO_USD = 2_000_000n;
const MAX_TOKENS = 16;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Three gateway replicas and one worker on one Redis and one Postgres, 200 concurrent clients:
 * a per-key rpm limit and a hard budget must hold across replicas to the request, and usage must
 * be exact. The throughput phase also measures what the README's capacity figures come from:
 * requests per second, Redis commands per request, Postgres rows per second and bytes per row.
 */
describe('Three gateways and one worker, 200 concurrent clients: global limits and budgets hold, usage is exact', () => {
  let redis: ScratchRedis;
  let platform: ChaosPlatform;
  let token: string;
  let gateways: string[];
  let replicas: AppProcess[];

  beforeAll(async () => {
    redis = await startScratchRedis();
    platform = await startChaosPlatform({
      redisUrl: redis.url,
      env: { RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_USER: '0', LOG_LEVEL: 'warn' },
    });
    // The other replicas one at a time: five Node processes booting at once on a small CI box
    // can miss the launcher's 30 s start timeout.
    replicas = [platform.gateways[0]!];
    while (replicas.length < REPLICAS) replicas.push(await platform.start('gateway'));
    gateways = replicas.map((replica) => replica.url);
    token = await adminToken(platform.admin!.url, platform.adminEmail, platform.adminPassword);
  });

  afterAll(async () => {
    await platform?.stop();
    await redis?.stop();
  });

  async function createKey(name: string, policy: Record<string, unknown>, budgetNanoUsd?: bigint): Promise<string> {
    const created = await adminCall<{ id: string; key: string }>(platform.admin!.url, token, 'POST', '/admin/keys', { name, ...policy });
    expect(created.status).toBe(201);
    if (budgetNanoUsd !== undefined) {
      const budget = await adminCall(platform.admin!.url, token, 'POST', '/admin/budgets', {
        scope: 'key',
        scope_id: created.body.id,
        period: 'daily',
        enforcement: 'hard',
        limit_nano_usd: String(budgetNanoUsd),
      });
      expect(budget.status).toBe(201);
    }
    return created.body.key;
  }

  const all: ChatAnswer[] = [];

  it('serves 200 clients across three replicas (throughput, Redis commands and Postgres rows per request)', async () => {
    // The full request path: a key rpm limit and a hard budget (neither reached), the exact cache, metering.
    const apiKey = await createKey('scale-throughput', { rpm_limit: 10_000_000 }, 1_000_000_000_000n);
    const cpu = async () => ({
      gateways: replicas.reduce((sum, replica) => sum + processCpuSeconds(replica.child.pid!), 0),
      worker: processCpuSeconds(platform.worker!.child.pid!),
      redis: await redis.cpuSeconds(),
    });
    // While the new budget reaches every replica (budget change channel), the idle CPU is
    // measured: timers, health checks and queue polling are not the requests' cost.
    const idleFrom = await cpu();
    const idleStarted = performance.now();
    await sleep(2_000);
    const cpuBefore = await cpu();
    const idleSeconds = (performance.now() - idleStarted) / 1000;
    const before = await redis.commandCalls();
    const started = performance.now();
    const load = startChatLoad({ gateways, apiKey, clients: CLIENTS });
    await sleep(THROUGHPUT_MS);
    const answers = await load.stop();
    const seconds = (performance.now() - started) / 1000;
    const after = await redis.commandCalls();
    all.push(...answers);

    const ids = answers.map((answer) => answer.requestId);
    const tally = await awaitUsage(platform.db, ids, ids.length, 30_000);
    const landedSeconds = (performance.now() - started) / 1000;
    const cpuAfter = await cpu();
    const microsPerRequest = (what: keyof typeof cpuAfter) => {
      const idlePerSecond = (cpuBefore[what] - idleFrom[what]) / idleSeconds;
      return Math.round(((cpuAfter[what] - cpuBefore[what] - idlePerSecond * landedSeconds) * 1e6) / answers.length);
    };
    const commands = [...after].map(([name, calls]) => [name, calls - (before.get(name) ?? 0)] as const).filter(([, calls]) => calls > 0);
    const totalCommands = commands.reduce((sum, [, calls]) => sum + calls, 0);
    const size = await platform.db.query<{ records: string; ids: string; rows: string }>(
      `SELECT (SELECT coalesce(sum(pg_total_relation_size(relid)), 0) FROM pg_partition_tree('usage_records'))::text AS records,
              pg_total_relation_size('usage_request_ids')::text AS ids,
              (SELECT count(*) FROM usage_records)::text AS rows`,
    );
    const rows = Number(size.rows[0]!.rows);
    console.log(
      [
        `scale-out: ${answers.length} requests by ${CLIENTS} clients over ${REPLICAS} gateways in ${seconds.toFixed(1)} s = ${Math.round(answers.length / seconds)} rps`,
        `cpu per request, idle use subtracted: gateways ${microsPerRequest('gateways')} µs, worker ${microsPerRequest('worker')} µs, redis ${microsPerRequest('redis')} µs`,
        `redis: ${(totalCommands / answers.length).toFixed(2)} commands per request, ${(((after.get('evalsha') ?? 0) - (before.get('evalsha') ?? 0)) / answers.length).toFixed(2)} of them script calls, the rest mostly run by scripts (${commands
          .sort((a, b) => b[1] - a[1])
          .slice(0, 8)
          .map(([name, calls]) => `${name} ${(calls / answers.length).toFixed(2)}`)
          .join(', ')})`,
        `postgres: ${tally.rows} usage rows landed ${landedSeconds.toFixed(1)} s after the start = ${Math.round(tally.rows / landedSeconds)} rows/s; ` +
          `${Math.round(Number(size.rows[0]!.records) / rows)} bytes per usage row with indexes, +${Math.round(Number(size.rows[0]!.ids) / rows)} for its request-id dedup row (${rows} rows in the table)`,
      ].join('\n'),
    );
    expect(answers.filter((answer) => answer.status !== 200).map((answer) => answer.errorBody.slice(0, 200))).toEqual([]);
    expect(tally.rows).toBe(ids.length);
    expect(tally.requests).toBe(ids.length);
    expect(tally.costNanoUsd).toBe(mock1Cost(tally));
  });

  it('holds a per-key rpm limit to the request across replicas', async () => {
    const apiKey = await createKey('scale-rpm', { rpm_limit: RPM_LIMIT });
    const started = performance.now();
    // Every client once, at the same moment, spread over the three replicas.
    const answers = await startChatLoad({ gateways, apiKey, clients: CLIENTS, maxPerClient: 1 }).done;
    const elapsedMs = performance.now() - started;
    all.push(...answers);
    const admitted = answers.filter((answer) => answer.status === 200).length;
    const limited = answers.filter((answer) => answer.status === 429).length;
    // The bucket refills continuously (limit per minute): a burst longer than a refill may admit one more.
    const refill = Math.floor((elapsedMs * RPM_LIMIT) / 60_000);
    console.log(`rpm limit ${RPM_LIMIT}: ${admitted} admitted, ${limited} refused (429) in ${Math.round(elapsedMs)} ms over ${REPLICAS} replicas (refill allowance ${refill})`);
    expect(admitted + limited).toBe(CLIENTS);
    expect(admitted).toBeGreaterThanOrEqual(RPM_LIMIT);
    expect(admitted).toBeLessThanOrEqual(RPM_LIMIT + refill);
  });

  it('never lets a hard budget be overshot, and stops at most one request short of it', async () => {
    const apiKey = await createKey('scale-budget', {}, BUDGET_NANO_USD);
    await sleep(1_000);
    const body = { max_tokens: MAX_TOKENS };
    // 200 clients race for the budget; each stops at its first budget refusal, at most 5 tries each.
    const race = await startChatLoad({ gateways, apiKey, clients: CLIENTS, maxPerClient: 5, stopWhen: overBudget, body }).done;
    // Then one client spends what the race left, until refused: the budget is used up to the request.
    const tail = await startChatLoad({ gateways, apiKey, clients: 1, maxPerClient: 100, stopWhen: overBudget, body }).done;
    const answers = [...race, ...tail];
    all.push(...answers);
    const ids = answers.map((answer) => answer.requestId);
    const tally = await awaitUsage(platform.db, ids, ids.length, 30_000);
    const admitted = answers.filter((answer) => answer.status === 200).length;
    // The largest reservation of one request: its prompt plus max_tokens, all at the dearer (output) price.
    const prompts = await platform.db.query<{ max: number }>('SELECT max(prompt_tokens) AS max FROM usage_records WHERE request_id = ANY($1)', [ids]);
    const largestReserve = BigInt((prompts.rows[0]!.max ?? 0) + MAX_TOKENS) * MOCK_1_PRICE.outputNanoUsdPerToken;
    console.log(`hard budget ${BUDGET_NANO_USD} nano-USD: ${admitted} admitted of ${answers.length}; spent ${tally.costNanoUsd} (left ${BUDGET_NANO_USD - tally.costNanoUsd}, one request reserves at most ${largestReserve})`);
    expect(answers.filter((answer) => answer.status !== 200 && !overBudget(answer))).toEqual([]);
    expect(overBudget(tail.at(-1)!)).toBe(true);
    expect(tally.costNanoUsd).toBeLessThanOrEqual(BUDGET_NANO_USD);
    expect(BUDGET_NANO_USD - tally.costNanoUsd).toBeLessThan(largestReserve);
  });

  it('meters every request of every phase exactly once, refusals included', async () => {
    const ids = all.map((answer) => answer.requestId);
    const tally = await awaitUsage(platform.db, ids, ids.length, 30_000);
    recordChaos('scale: 3 gateways, 1 worker, 200 clients', { requests: ids.length, rowsLost: Math.abs(ids.length - tally.requests) + (tally.rows - tally.requests) });
    expect(tally.requests).toBe(ids.length);
    expect(tally.rows).toBe(ids.length);
    expect(tally.successRows).toBe(all.filter((answer) => answer.status === 200).length);
    expect(tally.costNanoUsd).toBe(mock1Cost(tally));
  });
});

/** The gateway's hard-budget refusal: 429 with the `budget_exceeded` error type. */
function overBudget(answer: ChatAnswer): boolean {
  return answer.status === 429 && answer.errorBody.includes('"type":"budget_exceeded"');
}
