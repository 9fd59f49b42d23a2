import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { eventually } from '@llmgw/testing';
import { recordChaos } from './report/chaos-report';
import { startChaosPlatform, type ChaosPlatform } from './support/chaos-platform';
import { send } from './support/http';
import { startOwnRedis, type OwnRedis } from './support/own-redis';

const CLIENTS = 8;
// Served by the OpenAI adapter on the mock upstream, whose usage is fixed by word count: every row costs the same.
const UPSTREAM_MODEL = 'gpt-4o-mini';

describe('Redis killed and restarted under load: the gateway keeps serving and every usage event lands', () => {
  let redis: OwnRedis;
  let platform: ChaosPlatform;
  let dataDir: string;

  beforeAll(async () => {
    redis = await startOwnRedis();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'llmgw-chaos-data-'));
    platform = await startChaosPlatform({ redisUrl: redis.url, env: { DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_USER: '0', LOG_LEVEL: 'warn' } });
  });

  afterAll(async () => {
    await platform?.stop();
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves through the outage; after it, rows == requests and the cost sum is exact', async () => {
    const served: string[] = [];
    const failed: string[] = [];
    let phase: 'before' | 'down' | 'after' | 'stop' = 'before';
    const servedWhileDown: string[] = [];
    const client = async () => {
      while (phase !== 'stop') {
        const requestId = randomUUID();
        const answer = await send(`${platform.gateways[0]!.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${platform.apiKey}`, 'content-type': 'application/json', 'x-request-id': requestId },
          // A unique prompt: no cache hit (the cache is Redis) may hide a call.
          body: JSON.stringify({ model: UPSTREAM_MODEL, messages: [{ role: 'user', content: `load ${requestId}` }] }),
          timeoutMs: 20_000,
        });
        (answer.status === 200 ? served : failed).push(requestId);
        if (answer.status === 200 && phase === 'down') servedWhileDown.push(requestId);
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, client));
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    phase = 'down';
    await redis.kill();
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await redis.restart();
    phase = 'after';
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    phase = 'stop';
    await load;

    expect(servedWhileDown.length).toBeGreaterThan(0);
    expect(failed.length).toBeLessThanOrEqual(CLIENTS);
    const ids = [...served, ...failed];
    let rows = { count: 0, distinct_costs: 0 };
    try {
      await eventually(
        'every served request is metered',
        async () => {
          const result = await platform.db.query<{ count: string; distinct_costs: string }>(
            'SELECT count(*)::text AS count, count(DISTINCT cost_nano_usd)::text AS distinct_costs FROM usage_records WHERE request_id = ANY($1) AND status = $2',
            [served, 'success'],
          );
          rows = { count: Number(result.rows[0]!.count), distinct_costs: Number(result.rows[0]!.distinct_costs) };
          return rows.count >= served.length;
        },
        60_000,
      );
    } finally {
      recordChaos('fault: Redis killed and restarted', { requests: ids.length, faultsSurvived: 1, rowsLost: Math.max(0, served.length - rows.count) });
    }
    expect(rows.count).toBe(served.length);
    const sums = await platform.db.query<{ total: string; unit: string; n: string }>(
      'SELECT sum(cost_nano_usd)::text AS total, min(cost_nano_usd)::text AS unit, count(*)::text AS n FROM usage_records WHERE request_id = ANY($1)',
      [served],
    );
    // Same model, same mock usage (unique prompts of equal token length): every row costs the same, so the sum is exact.
    expect(BigInt(sums.rows[0]!.total)).toBe(BigInt(sums.rows[0]!.unit) * BigInt(sums.rows[0]!.n));
    expect(platform.gateways[0]!.child.exitCode).toBeNull();
    expect((await send(`${platform.gateways[0]!.url}/health`)).status).toBe(200);
  });
});
