import type { Client } from 'pg';

/** What Postgres holds for a set of request ids. */
export interface UsageTally {
  /** usage_records rows (a request counted twice would show here, not in `requests`). */
  rows: number;
  /** Distinct request ids among them. */
  requests: number;
  successRows: number;
  promptTokens: bigint;
  completionTokens: bigint;
  costNanoUsd: bigint;
}

/** Sums the usage rows of these requests (all statuses). */
export async function tallyUsage(db: Client, requestIds: string[]): Promise<UsageTally> {
  const result = await db.query<{ rows: string; requests: string; success_rows: string; prompt: string; completion: string; cost: string }>(
    `SELECT count(*)::text AS rows, count(DISTINCT request_id)::text AS requests,
            count(*) FILTER (WHERE status = 'success')::text AS success_rows,
            coalesce(sum(prompt_tokens), 0)::text AS prompt, coalesce(sum(completion_tokens), 0)::text AS completion,
            coalesce(sum(cost_nano_usd), 0)::text AS cost
       FROM usage_records WHERE request_id = ANY($1)`,
    [requestIds],
  );
  const row = result.rows[0]!;
  return {
    rows: Number(row.rows),
    requests: Number(row.requests),
    successRows: Number(row.success_rows),
    promptTokens: BigInt(row.prompt),
    completionTokens: BigInt(row.completion),
    costNanoUsd: BigInt(row.cost),
  };
}

/**
 * Polls (every half second, not in a hot loop: the query scans thousands of ids) until the rows
 * of these requests reach `expected`, or the time is up; returns the last tally either way so
 * the caller asserts on it and records what was lost.
 */
export async function awaitUsage(db: Client, requestIds: string[], expected: number, timeoutMs: number): Promise<UsageTally> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const tally = await tallyUsage(db, requestIds);
    if (tally.rows >= expected || Date.now() > deadline) return tally;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** mock-1's list price in nano-USD per token (models.data.ts: $1 and $2 per million tokens). */
export const MOCK_1_PRICE = { inputNanoUsdPerToken: 1_000n, outputNanoUsdPerToken: 2_000n } as const;

/** The cost the tokens must add up to at mock-1's price (whole nano-dollars per token: no rounding). */
export function mock1Cost(tally: Pick<UsageTally, 'promptTokens' | 'completionTokens'>): bigint {
  return tally.promptTokens * MOCK_1_PRICE.inputNanoUsdPerToken + tally.completionTokens * MOCK_1_PRICE.outputNanoUsdPerToken;
}
