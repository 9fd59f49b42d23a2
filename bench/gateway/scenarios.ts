// The benchmark's scenarios: what each sends, how (open loop, closed loop, streams), with which
// upstream pacing, and against which targets. Durations shrink in --quick mode.
import { closedLoop, type LoadResult, openLoop, type RequestSpec, type StreamResult, streamLoop } from './load-driver';
import type { MockSettings } from './mock-upstream';

export type TargetKind = 'direct' | 'baseline' | 'gateway';

export interface Scenario {
  id: string;
  title: string;
  targets: TargetKind[];
  mock: MockSettings;
  /** Sends a request first so a cache hit is a hit (the cache-hit scenario). */
  prime?: boolean;
  run(origin: string, spec: RequestSpec): Promise<LoadResult | StreamResult>;
  spec(apiKey: string, tag: string): RequestSpec;
}

const SYSTEM = 'You are a concise assistant for an internal tools team. Answer in plain English, no markdown, at most three sentences.';
const QUESTION =
  'Our nightly export job writes about forty thousand rows into the reporting warehouse and sometimes runs past the maintenance window. ' +
  'What are the first three things we should check before changing the schedule?';

export const chatBody = (tag: string, index: number | null, stream = false) =>
  JSON.stringify({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: SYSTEM },
      // A unique request each time (a cache miss) unless index is null (the cache-hit scenario).
      { role: 'user', content: index === null ? `${QUESTION} (${tag})` : `${QUESTION} (${tag}-${index})` },
    ],
    ...(stream ? { stream: true } : {}),
  });

const embeddingsBody = (tag: string, index: number) =>
  JSON.stringify({ model: 'text-embedding-3-small', input: `Nightly export job runs past the maintenance window (${tag}-${index})` });

const auth = (apiKey: string) => ({ authorization: `Bearer ${apiKey}` });
const FAST: MockSettings = { latencyMs: 0, streamChunks: 10, chunkIntervalMs: 0 };
const PACED: MockSettings = { latencyMs: 0, streamChunks: 10, chunkIntervalMs: 2 };

export function scenarios(quick: boolean): Scenario[] {
  const seconds = (full: number, short: number) => (quick ? short : full) * 1000;
  const all: TargetKind[] = ['direct', 'baseline', 'gateway'];
  const chat = (apiKey: string, tag: string): RequestSpec => ({
    path: '/v1/chat/completions',
    headers: auth(apiKey),
    body: (index) => chatBody(tag, index),
  });
  const stream = (apiKey: string, tag: string): RequestSpec => ({
    path: '/v1/chat/completions',
    headers: auth(apiKey),
    body: (index) => chatBody(tag, index, true),
  });
  const list: Array<Scenario & { quick: boolean }> = [
    { id: 'chat-100rps', title: 'chat, open loop 100 rps', targets: all, mock: FAST, spec: chat, quick: true, run: (o, s) => openLoop(o, s, { rate: 100, durationMs: seconds(5, 2) }) },
    { id: 'chat-400rps', title: 'chat, open loop 400 rps', targets: all, mock: FAST, spec: chat, quick: true, run: (o, s) => openLoop(o, s, { rate: 400, durationMs: seconds(5, 2) }) },
    { id: 'chat-1000rps', title: 'chat, open loop 1000 rps', targets: all, mock: FAST, spec: chat, quick: false, run: (o, s) => openLoop(o, s, { rate: 1000, durationMs: seconds(4, 2) }) },
    { id: 'chat-saturation', title: 'chat, closed loop 50 connections', targets: all, mock: FAST, spec: chat, quick: true, run: (o, s) => closedLoop(o, s, { connections: 50, durationMs: seconds(4, 2) }) },
    { id: 'stream-1', title: 'stream, 1 at a time, paced upstream (10 chunks, 2 ms apart)', targets: all, mock: PACED, spec: stream, quick: true, run: (o, s) => streamLoop(o, s, { concurrency: 1, durationMs: seconds(3, 1.5) }) },
    { id: 'stream-50', title: 'stream, 50 at once, paced upstream', targets: all, mock: PACED, spec: stream, quick: true, run: (o, s) => streamLoop(o, s, { concurrency: 50, durationMs: seconds(3, 1.5) }) },
    {
      id: 'embeddings',
      title: 'embeddings, closed loop 50 connections',
      targets: all,
      mock: FAST,
      quick: false,
      spec: (apiKey, tag) => ({ path: '/v1/embeddings', headers: auth(apiKey), body: (index) => embeddingsBody(tag, index) }),
      run: (o, s) => closedLoop(o, s, { connections: 50, durationMs: seconds(3, 1.5) }),
    },
    {
      id: 'cache-hit',
      title: 'chat cache hit, closed loop 50 connections (direct: the mock answering)',
      targets: ['direct', 'gateway'],
      mock: FAST,
      prime: true,
      quick: true,
      spec: (apiKey, tag) => ({ path: '/v1/chat/completions', headers: auth(apiKey), body: () => chatBody(tag, null), countHeader: 'x-llmgw-cache' }),
      run: (o, s) => closedLoop(o, s, { connections: 50, durationMs: seconds(3, 1.5) }),
    },
  ];
  return list.filter((scenario) => !quick || scenario.quick);
}

/** The stage-cost scenario: chat saturation against each gateway variant. */
export function stageScenario(quick: boolean): Scenario {
  return scenarios(quick).find((scenario) => scenario.id === 'chat-saturation')!;
}
