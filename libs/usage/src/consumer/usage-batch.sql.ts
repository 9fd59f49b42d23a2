import type { UsageEvent } from '@llmgw/contracts';

// One array parameter per column, in this order; `toColumns` fills them in the same order.
const COLUMNS = [
  ['request_id', 'text'], ['occurred_at', 'timestamptz'], ['api_key_id', 'uuid'], ['team_id', 'uuid'],
  ['endpoint', 'text'], ['provider', 'text'], ['model', 'text'], ['status', 'text'], ['http_status', 'int'],
  ['error_type', 'text'], ['prompt_tokens', 'int'], ['completion_tokens', 'int'], ['cost_nano_usd', 'bigint'],
  ['usage_source', 'text'], ['stream', 'boolean'], ['latency_ms', 'int'], ['time_to_first_token_ms', 'int'],
  ['cache_result', 'text'], ['saved_cost_nano_usd', 'bigint'], ['fallback_count', 'int'], ['task_type', 'text'],
  // Arrays of arrays do not unnest row by row: each row's list travels as its array literal.
  ['guardrail_actions', 'text'],
] as const;

const names = COLUMNS.map(([name]) => name).join(', ');
const unnestArgs = COLUMNS.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ');
const selected = COLUMNS.map(([name]) => (name === 'guardrail_actions' ? 'guardrail_actions::text[]' : name)).join(', ');

const ROLL_UP_KEY = 'day, api_key_id, team_id, provider, model';
const ROLL_UP_SUMS = ['requests', 'errors', 'prompt_tokens', 'completion_tokens', 'cost_nano_usd', 'saved_cost_nano_usd', 'cache_hits'];

/**
 * The batch insert (see UsageBatchWriter). The roll-up is grouped from `fresh`, the rows that
 * were actually new, and its upserts are taken in key order so concurrent batches lock roll-up
 * rows in the same order (no deadlock between workers).
 */
export const INSERT_BATCH_SQL = `
WITH input AS (
  SELECT * FROM unnest(${unnestArgs}) AS t(${names})
), fresh_ids AS (
  INSERT INTO usage_request_ids (request_id, occurred_at)
  SELECT request_id, occurred_at FROM input
  ON CONFLICT (request_id) DO NOTHING
  RETURNING request_id
), fresh AS (
  SELECT input.* FROM input JOIN fresh_ids USING (request_id)
), stored AS (
  INSERT INTO usage_records (${names}) SELECT ${selected} FROM fresh
  RETURNING 1
), rolled AS (
  INSERT INTO usage_daily_spend (${ROLL_UP_KEY}, ${ROLL_UP_SUMS.join(', ')})
  SELECT (occurred_at AT TIME ZONE 'UTC')::date AS day, api_key_id, team_id, provider, model,
         count(*), count(*) FILTER (WHERE status = 'error'), sum(prompt_tokens), sum(completion_tokens),
         sum(cost_nano_usd), sum(saved_cost_nano_usd), count(*) FILTER (WHERE cache_result <> 'none')
    FROM fresh
   GROUP BY 1, 2, 3, 4, 5
   ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (${ROLL_UP_KEY}) DO UPDATE SET
    ${ROLL_UP_SUMS.map((sum) => `${sum} = usage_daily_spend.${sum} + EXCLUDED.${sum}`).join(',\n    ')},
    updated_at = now()
  RETURNING 1
)
SELECT (SELECT count(*) FROM stored)::int AS inserted`;

/** The events as one array per column. Money travels as decimal strings: bigint never sees a float. */
export function toColumns(events: UsageEvent[]): unknown[][] {
  const columns: unknown[][] = COLUMNS.map(() => new Array<unknown>(events.length));
  events.forEach((event, row) => {
    const values = [
      event.requestId, event.occurredAt, event.apiKeyId, event.teamId, event.endpoint, event.provider, event.model,
      event.status, event.httpStatus, event.errorType, event.promptTokens, event.completionTokens,
      String(event.costNanoUsd), event.usageSource, event.stream, event.latencyMs, event.timeToFirstTokenMs,
      event.cacheResult, String(event.savedCostNanoUsd), event.fallbackCount, event.taskType,
      toArrayLiteral(event.guardrailActions ?? []),
    ];
    values.forEach((value, column) => (columns[column]![row] = value));
  });
  return columns;
}

/** `["a", "b\"c"]` -> `{"a","b\"c"}`: Postgres's array literal, every element quoted. */
export function toArrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
