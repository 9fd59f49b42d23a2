// The load driver: undici Pool clients and performance.now() timing (microsecond resolution;
// autocannon rounds to milliseconds, too coarse on loopback).
//  - openLoop: requests sent on a fixed schedule; latency counts from the SCHEDULED send time, so
//    a stalled server is charged for the queue it causes (no coordinated omission).
//  - closedLoop: C connections each sending the next request as soon as the last one ended.
//  - streamLoop: C concurrent streams; time to headers, to the first SSE event, to the end.
import { Pool } from 'undici';
import { type LatencySummary, summarise } from './stats';

export interface RequestSpec {
  path: string;
  headers: Record<string, string>;
  /** The body of the i-th request (vary it to defeat the cache). */
  body: (index: number) => string;
  /** A response header whose values are counted (e.g. x-llmgw-cache). */
  countHeader?: string;
}

export interface LoadResult {
  sent: number;
  ok: number;
  errors: number;
  /** Requests the open loop did not send because too many were outstanding. */
  dropped: number;
  seconds: number;
  rps: number;
  latency: LatencySummary;
  headerCounts: Record<string, number>;
  firstError?: string;
}

export interface StreamResult extends LoadResult {
  toHeaders: LatencySummary;
  toFirstEvent: LatencySummary;
  /** Mean SSE events per stream (proves chunks were relayed, not merged into one). */
  eventsPerStream: number;
}

const HEADERS = { 'content-type': 'application/json' };
const MAX_OUTSTANDING = 4_096;

interface Tally {
  ok: number;
  errors: number;
  latencies: number[];
  headerCounts: Record<string, number>;
  firstError?: string;
}

const newTally = (): Tally => ({ ok: 0, errors: 0, latencies: [], headerCounts: {} });

function newPool(origin: string, connections: number): Pool {
  return new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000, headersTimeout: 15_000, bodyTimeout: 15_000 });
}

/** One request; its latency is measured from `from` (the scheduled or the actual send time). */
async function once(pool: Pool, spec: RequestSpec, index: number, from: number, tally: Tally): Promise<void> {
  try {
    const response = await pool.request({ path: spec.path, method: 'POST', headers: { ...HEADERS, ...spec.headers }, body: spec.body(index) });
    const text = await response.body.text();
    const elapsed = performance.now() - from;
    if (response.statusCode !== 200) {
      tally.errors += 1;
      tally.firstError ??= `HTTP ${response.statusCode}: ${text.slice(0, 300)}`;
      return;
    }
    tally.ok += 1;
    tally.latencies.push(elapsed);
    if (spec.countHeader) {
      const value = String(response.headers[spec.countHeader] ?? 'absent');
      tally.headerCounts[value] = (tally.headerCounts[value] ?? 0) + 1;
    }
  } catch (error) {
    tally.errors += 1;
    tally.firstError ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

function result(tally: Tally, sent: number, dropped: number, seconds: number): LoadResult {
  return {
    sent,
    ok: tally.ok,
    errors: tally.errors,
    dropped,
    seconds,
    rps: tally.ok / seconds,
    latency: summarise(tally.latencies),
    headerCounts: tally.headerCounts,
    ...(tally.firstError ? { firstError: tally.firstError } : {}),
  };
}

export async function closedLoop(origin: string, spec: RequestSpec, options: { connections: number; durationMs: number }): Promise<LoadResult> {
  const pool = newPool(origin, options.connections);
  const tally = newTally();
  let next = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < deadline) {
        const index = next++;
        await once(pool, spec, index, performance.now(), tally);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return result(tally, next, 0, seconds);
}

export async function openLoop(origin: string, spec: RequestSpec, options: { rate: number; durationMs: number }): Promise<LoadResult> {
  const pool = newPool(origin, 512);
  const tally = newTally();
  const interval = 1000 / options.rate;
  const total = Math.floor((options.rate * options.durationMs) / 1000);
  const start = performance.now() + 2;
  let sent = 0;
  let dropped = 0;
  let outstanding = 0;
  const inFlight = new Set<Promise<void>>();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      for (let scheduled = start + sent * interval; sent < total && scheduled <= now; scheduled = start + sent * interval) {
        const index = sent;
        sent += 1;
        if (outstanding >= MAX_OUTSTANDING) {
          dropped += 1;
          continue;
        }
        outstanding += 1;
        const request = once(pool, spec, index, scheduled, tally).finally(() => {
          outstanding -= 1;
          inFlight.delete(request);
        });
        inFlight.add(request);
      }
      if (sent >= total) resolve();
      else setTimeout(tick, Math.max(0, start + sent * interval - performance.now() - 0.3));
    };
    tick();
  });
  await Promise.all(inFlight);
  const seconds = options.durationMs / 1000;
  await pool.close();
  return result(tally, sent, dropped, seconds);
}

export async function streamLoop(origin: string, spec: RequestSpec, options: { concurrency: number; durationMs: number }): Promise<StreamResult> {
  const pool = newPool(origin, options.concurrency);
  const tally = newTally();
  const toHeaders: number[] = [];
  const toFirstEvent: number[] = [];
  let events = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + options.durationMs;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < deadline) {
        const index = next++;
        const t0 = performance.now();
        try {
          const response = await pool.request({ path: spec.path, method: 'POST', headers: { ...HEADERS, ...spec.headers }, body: spec.body(index) });
          const headersAt = performance.now() - t0;
          let firstAt = NaN;
          let text = '';
          for await (const chunk of response.body) {
            if (Number.isNaN(firstAt)) firstAt = performance.now() - t0;
            text += (chunk as Buffer).toString('utf8');
          }
          const endAt = performance.now() - t0;
          const count = text.split('data: ').length - 1;
          if (response.statusCode !== 200 || !text.includes('data: [DONE]')) {
            tally.errors += 1;
            tally.firstError ??= `HTTP ${response.statusCode}: ${text.slice(0, 300)}`;
            continue;
          }
          tally.ok += 1;
          events += count;
          toHeaders.push(headersAt);
          toFirstEvent.push(firstAt);
          tally.latencies.push(endAt);
        } catch (error) {
          tally.errors += 1;
          tally.firstError ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  return {
    ...result(tally, next, 0, seconds),
    toHeaders: summarise(toHeaders),
    toFirstEvent: summarise(toFirstEvent),
    eventsPerStream: tally.ok > 0 ? events / tally.ok : 0,
  };
}
