import type { Client } from 'pg';
import type { Price } from './fault-models';

export interface UsageRow {
  request_id: string;
  model: string;
  status: string;
  error_type: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  cost_nano_usd: string;
  usage_source: string;
  stream: boolean;
  fallback_count: number;
}

/** The registry's price for a row, half-up per request, recomputed here (not the gateway's code). */
export function expectedCost(row: Pick<UsageRow, 'model' | 'prompt_tokens' | 'completion_tokens'>, prices: Map<string, Price>): bigint {
  const price = prices.get(row.model);
  if (!price) throw new Error(`model ${row.model} has no known price`);
  const total = BigInt(row.prompt_tokens) * price.input + BigInt(row.completion_tokens) * price.output;
  const quotient = total / 1_000_000n;
  return (total % 1_000_000n) * 2n >= 1_000_000n ? quotient + 1n : quotient;
}

/** What Postgres holds for a set of requests after they were metered. */
export interface Ledger {
  rows: UsageRow[];
  /** Requests without a row, plus rows beyond one a request: must be 0. */
  lost: number;
  /** Rows whose cost is not tokens x price to the nano-dollar. */
  mispriced: string[];
}

/**
 * Waits until every request has its usage row (the worker writes them off the request path), then
 * a moment more so a late duplicate would show, and checks each row's cost against tokens x price.
 */
export async function settleLedger(db: Client, requestIds: string[], prices: Map<string, Price>, timeoutMs = 20_000): Promise<Ledger> {
  const read = async () => (await db.query<UsageRow>('SELECT * FROM usage_records WHERE request_id = ANY($1)', [requestIds])).rows;
  const deadline = Date.now() + timeoutMs;
  let rows = await read();
  while (rows.length < requestIds.length && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    rows = await read();
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  rows = await read();
  const distinct = new Set(rows.map((row) => row.request_id));
  const lost = requestIds.filter((id) => !distinct.has(id)).length + (rows.length - distinct.size);
  const mispriced = rows
    .filter((row) => BigInt(row.cost_nano_usd) !== expectedCost(row, prices))
    .map((row) => `${row.request_id} ${row.model} ${row.prompt_tokens}+${row.completion_tokens} tokens billed ${row.cost_nano_usd}, expected ${expectedCost(row, prices)}`);
  return { rows, lost, mispriced };
}
