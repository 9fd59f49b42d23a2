import { Client } from 'pg';
import { TEST_DATABASE_URL } from '@llmgw/testing';
import { recordChaos } from './report/chaos-report';
import { startChaosPlatform, type ChaosPlatform } from './support/chaos-platform';
import { startChatLoad } from './support/chat-load';
import { awaitUsage, mock1Cost, tallyUsage } from './support/usage-tally';

// About 60 requests a second: batches keep flowing without starving the restarting worker of CPU.
const CLIENTS = 4;
const PAUSE_MS = 50;
// BullMQ hands a dead worker's jobs to another after its lock expires and two stalled checks
// pass (30 s each by default): up to about a minute, so the wait for the last rows is longer.
const RECOVERY_TIMEOUT_MS = 90_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface RollUpKey {
  day: string;
  api_key_id: string;
  team_id: string | null;
  provider: string;
  model: string;
}

/**
 * Makes "mid-batch" exact instead of lucky: a transaction of the test holds the key's daily
 * roll-up row (FOR UPDATE), so the worker's next batch statements stop inside their transaction,
 * after inserting their rows and before committing. The worker is killed there. One of its
 * stuck sessions is then terminated (the batch rolls back: nothing was stored) and the other is
 * let through when the lock is released (it commits although its worker is gone, so the batch is
 * stored but never acknowledged, and BullMQ runs it again). Both must end with each event once.
 */
describe('The worker killed (SIGKILL) mid-batch and restarted: no event lost, none counted twice', () => {
  let platform: ChaosPlatform;
  let locker: Client;
  /** Stops the load if the test failed while it ran (Jest would otherwise see the gateway vanish under it). */
  let stopLoad: (() => Promise<unknown>) | undefined;

  beforeAll(async () => {
    platform = await startChaosPlatform({
      apps: ['cost-tracker', 'gateway'],
      env: { RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_USER: '0', LOG_LEVEL: 'warn', WORKER_CONCURRENCY: '2' },
    });
    locker = new Client({ connectionString: TEST_DATABASE_URL });
    await locker.connect();
  });

  afterAll(async () => {
    await stopLoad?.();
    await locker?.query('ROLLBACK').catch(() => undefined);
    await locker?.end();
    await platform?.stop();
  });

  it('stores every request exactly once, rows and daily roll-up alike', async () => {
    const gateways = platform.gateways.map((gateway) => gateway.url);
    // Warm-up: the key's roll-up row exists afterwards, so the test can lock it.
    const warmUp = await startChatLoad({ gateways, apiKey: platform.apiKey, clients: 1, maxPerClient: 3 }).done;
    await awaitUsage(platform.db, warmUp.map((answer) => answer.requestId), warmUp.length, 20_000);
    const key = (
      await platform.db.query<RollUpKey>(
        `SELECT day::text AS day, api_key_id, team_id, provider, model FROM usage_records r
           JOIN LATERAL (SELECT (r.occurred_at AT TIME ZONE 'UTC')::date AS day) d ON true
          WHERE request_id = $1`,
        [warmUp[0]!.requestId],
      )
    ).rows[0]!;

    const load = startChatLoad({ gateways, apiKey: platform.apiKey, clients: CLIENTS, pauseMs: PAUSE_MS });
    stopLoad = () => load.stop();
    await locker.query('BEGIN');
    await locker.query(
      `SELECT 1 FROM usage_daily_spend WHERE day = $1 AND api_key_id = $2 AND team_id IS NOT DISTINCT FROM $3 AND provider = $4 AND model = $5 FOR UPDATE`,
      [key.day, key.api_key_id, key.team_id, key.provider, key.model],
    );
    const lockerPid = (await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    // Both of the worker's concurrent batches stuck behind the lock, inside their transactions.
    let stuck: number[] = [];
    const stuckBy = Date.now() + 20_000;
    while (stuck.length < 2 && Date.now() < stuckBy) {
      await sleep(100);
      stuck = await waitingBehind(platform.db, lockerPid);
    }
    expect(stuck).toHaveLength(2);

    const worker = platform.worker!;
    const exited = new Promise((resolve) => worker.child.once('exit', resolve));
    worker.child.kill('SIGKILL');
    await exited;
    // The first stuck batch dies with its session (rolled back); the second will commit unacknowledged.
    await platform.db.query('SELECT pg_terminate_backend($1)', [stuck[0]]);
    await sleep(2_000); // events keep flowing into the queue while no worker runs
    const restartedAt = Date.now();
    const restarted = await platform.start('cost-tracker');
    await locker.query('COMMIT');
    await sleep(2_000);
    const answers = await load.stop();

    const all = [...warmUp, ...answers];
    const ids = all.map((answer) => answer.requestId);
    const refused = all.filter((answer) => answer.status !== 200);
    const tally = await awaitUsage(platform.db, ids, ids.length, RECOVERY_TIMEOUT_MS);
    console.log(`worker crash: ${ids.length} requests, all stored ${((Date.now() - restartedAt) / 1000).toFixed(1)} s after the restart (the killed worker's jobs wait for their lock to expire)`);
    recordChaos('fault: worker SIGKILL mid-batch', {
      requests: ids.length,
      faultsSurvived: 1,
      rowsLost: Math.abs(ids.length - tally.requests) + (tally.rows - tally.requests),
    });
    expect(refused).toEqual([]);
    expect(tally.requests).toBe(ids.length); // none lost
    expect(tally.rows).toBe(tally.requests); // none counted twice
    expect(tally.costNanoUsd).toBe(mock1Cost(tally));

    // The roll-up budgets read must agree with the rows: the re-run batch added nothing to it.
    const rollUp = await platform.db.query<{ requests: string; cost: string }>(
      `SELECT coalesce(sum(requests), 0)::text AS requests, coalesce(sum(cost_nano_usd), 0)::text AS cost FROM usage_daily_spend WHERE api_key_id = $1`,
      [key.api_key_id],
    );
    const keyRows = await platform.db.query<{ requests: string; cost: string }>(
      `SELECT count(*)::text AS requests, coalesce(sum(cost_nano_usd), 0)::text AS cost FROM usage_records WHERE api_key_id = $1`,
      [key.api_key_id],
    );
    expect(rollUp.rows[0]).toEqual(keyRows.rows[0]);
    expect(Number(keyRows.rows[0]!.requests)).toBe(ids.length);
    expect(restarted.child.exitCode).toBeNull();
    // Sanity: the tally is not vacuous (the load ran through the kill).
    expect((await tallyUsage(platform.db, answers.map((answer) => answer.requestId))).rows).toBeGreaterThan(CLIENTS * 10);
  });
});

/**
 * Sessions waiting, directly or in the queue behind another waiter, on the given session's
 * locks (a second waiter for a row reports the first waiter as its blocker, not the holder).
 */
async function waitingBehind(db: Client, holderPid: number): Promise<number[]> {
  const result = await db.query<{ pid: number; blockers: number[] }>(
    'SELECT pid, pg_blocking_pids(pid) AS blockers FROM pg_stat_activity WHERE cardinality(pg_blocking_pids(pid)) > 0',
  );
  const behind = new Set([holderPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const row of result.rows) {
      if (!behind.has(row.pid) && row.blockers.some((pid) => behind.has(pid))) {
        behind.add(row.pid);
        grew = true;
      }
    }
  }
  behind.delete(holderPid);
  return [...behind].sort((a, b) => a - b);
}
