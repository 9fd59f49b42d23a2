import { Client } from 'pg';
import { recordChaos } from './report/chaos-report';
import { startChaosPlatform, type ChaosPlatform } from './support/chaos-platform';
import { startChatLoad } from './support/chat-load';
import { refusalProblem } from './support/http';
import { startOwnPostgres, type OwnPostgres } from './support/own-postgres';
import { awaitUsage, mock1Cost } from './support/usage-tally';

// What the issue asks: Postgres down for a full minute while traffic flows.
const OUTAGE_MS = Number(process.env.CHAOS_PG_OUTAGE_MS ?? 60_000);
const CLIENTS = 4;
// About 60 requests a second: enough to keep batches flowing, little enough for a shared 2-core CI box.
const PAUSE_MS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Postgres stopped for a minute under load: the gateway keeps serving, the worker retries, nothing is lost', () => {
  let postgres: OwnPostgres;
  let platform: ChaosPlatform;
  let stopLoad: (() => Promise<unknown>) | undefined;

  beforeAll(async () => {
    postgres = await startOwnPostgres();
    postgres.migrate();
    platform = await startChaosPlatform({
      apps: ['cost-tracker', 'gateway'],
      env: {
        DATABASE_URL: postgres.url,
        RATE_LIMIT_PER_MINUTE: '0',
        RATE_LIMIT_PER_USER: '0',
        LOG_LEVEL: 'warn',
        // Half the default first retry delay: ten attempts still span over four minutes (four
        // outages), and the batch that failed last waits at most ~16 s once Postgres is back.
        USAGE_JOB_BACKOFF_MS: '500',
      },
    });
  });

  afterAll(async () => {
    await stopLoad?.();
    await postgres?.start().catch(() => undefined); // a failure mid-outage: the platform still shuts down cleanly
    await platform?.stop();
    await postgres?.destroy();
  });

  it('answers every request cleanly through the outage; after it, every request has exactly one row and the cost sum is exact', async () => {
    const load = startChatLoad({ gateways: platform.gateways.map((gateway) => gateway.url), apiKey: platform.apiKey, clients: CLIENTS, pauseMs: PAUSE_MS });
    stopLoad = () => load.stop();
    load.setPhase('before');
    await sleep(3_000);
    load.setPhase('down');
    await postgres.stop();
    // The last part of the outage is past the key cache's TTL (30 s): known keys must still work.
    await sleep(OUTAGE_MS - 10_000);
    load.setPhase('down, key cache expired');
    await sleep(10_000);
    await postgres.start();
    const back = Date.now();
    load.setPhase('after');
    await sleep(3_000);
    const answers = await load.stop();

    const byPhase = (phase: string, ok: boolean) => answers.filter((answer) => answer.phase === phase && (answer.status === 200) === ok).length;
    const unclean = answers.flatMap((answer) => {
      const problem = answer.status === 200 ? null : refusalProblemOf(answer.status, answer.errorBody);
      // Failing cleanly means 503 (retry shortly) in the error shape: never a 500 or a hang.
      return problem || answer.status === 0 || (answer.status >= 500 && answer.status !== 503) ? [`${answer.phase}: ${answer.status} ${problem ?? answer.errorBody.slice(0, 200)}`] : [];
    });
    const served = answers.filter((answer) => answer.status === 200).map((answer) => answer.requestId);
    const phases = ['before', 'down', 'down, key cache expired', 'after'].map((phase) => `${phase} ${byPhase(phase, true)} ok / ${byPhase(phase, false)} not`);
    console.log(`postgres outage: ${phases.join('; ')}; statuses ${JSON.stringify(countBy(answers.map((answer) => answer.status)))}`);

    const db = new Client({ connectionString: postgres.url });
    await db.connect();
    try {
      const ids = answers.map((answer) => answer.requestId);
      const tally = await awaitUsage(db, served, served.length, 60_000);
      const caughtUpS = (Date.now() - back) / 1000;
      const all = await awaitUsage(db, ids, 0, 0);
      console.log(`postgres outage: every served request had its row ${caughtUpS.toFixed(1)} s after Postgres returned`);
      recordChaos('fault: Postgres stopped 60 s', { requests: answers.length, faultsSurvived: 1, rowsLost: Math.abs(served.length - tally.successRows) + (all.rows - all.requests) });
      expect(unclean.slice(0, 5)).toEqual([]);
      expect(byPhase('down', true)).toBeGreaterThan(0);
      expect(byPhase('down, key cache expired', true)).toBeGreaterThan(0);
      expect(tally.successRows).toBe(served.length);
      expect(all.rows).toBe(all.requests); // nobody counted twice
      expect(tally.costNanoUsd).toBe(mock1Cost(tally));
    } finally {
      await db.end();
    }
    expect(platform.gateways[0]!.child.exitCode).toBeNull();
    expect(platform.worker!.child.exitCode).toBeNull();
  });
});

function refusalProblemOf(status: number, text: string): string | null {
  // A 503 during the outage is a clean failure if it is in the documented error shape.
  return refusalProblem({ status: status >= 500 ? 499 : status, headers: new Headers(), text });
}

function countBy(values: number[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
