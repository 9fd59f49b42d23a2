// Cost of a guardrail pass (issue 7). Targets: a 10 KB prompt at p99 <= 1 ms; a 100 KB prompt
// linear (<= 12x the 10 KB cost); hostile inputs linear too (390 KB <= 2x linear of their 100 KB cost,
// no catastrophic backtracking). Also: output/stream guards, log masking, MAX_INPUT_TOKENS.
// Pin it to one core: other processes on that core show up as p99 outliers.
//   BUILD_OUT_DIR=/tmp/build-h1 node tools/build.mjs && \
//     NODE_PATH=$PWD/node_modules taskset -c 1 node /tmp/build-h1/bench/guardrails/guardrails.bench.js
import { loadavg } from 'node:os';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from '@llmgw/contracts';
import { Guardrails, maskSensitive, parseGuardrailPolicy } from '@llmgw/guardrails';

const P99_TARGET_MS = 1;
const LINEAR_RATIO = 12;
// Hostile inputs at 100 KB and at 390 KB (just under the default MAX_INPUT_LENGTH): linear is 3.9x,
// quadratic (catastrophic backtracking) would be ~15x; allow twice linear for GC and cache effects,
// which dominate small inputs (a 10 KB pass is too short to compare against).
const HOSTILE_SIZES_KB = [100, 390] as const;
const HOSTILE_RATIO = 2 * (HOSTILE_SIZES_KB[1] / HOSTILE_SIZES_KB[0]);

const guardrails = new Guardrails(parseGuardrailPolicy({ sql_injection: { mode: 'flag' } }, 'bench'));

const PARAGRAPHS = [
  'Please review the following incident summary and suggest next steps for the on-call team. ',
  'The customer Jane Roe (jane.roe@example.com, +1 415 555 2671) reported failed payments since Monday. ',
  'function retry(fn, attempts = 3) {\n  for (let i = 0; i < attempts; i += 1) {\n    try { return fn(); } catch (error) { if (i === attempts - 1) throw error; }\n  }\n}\n',
  'Logs show 502 responses from 10.20.30.40 between 12:30:45 and 12:41:02, version 2.14.3 of the service. ',
  'SELECT id, status FROM payments WHERE created_at > now() - interval \'1 day\' ORDER BY id DESC LIMIT 50;\n',
  'Order 4111111111111112 failed Luhn, order 1234-5678 is pending, id 550e8400-e29b-41d4-a716-446655440000. ',
  'The quick brown fox jumps over the lazy dog while the team discusses latency budgets and retries. ',
  'We measured p50 at 120 ms and p99 at 870 ms during the 2024-05-14 deploy of build 8812. ',
];

function prompt(size: number): string {
  let text = '';
  for (let i = 0; text.length < size; i += 1) text += PARAGRAPHS[i % PARAGRAPHS.length];
  return text.slice(0, size);
}

const request = (content: string): ChatCompletionRequest => ({
  model: 'mock-1',
  messages: [
    { role: 'system', content: 'You are a helpful SRE assistant.' },
    { role: 'user', content },
  ],
});

const completion = (content: string): ChatCompletion => ({
  id: 'c',
  object: 'chat.completion',
  created: 0,
  model: 'mock-1',
  choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
});

interface Stats {
  p50: number;
  p99: number;
  max: number;
}

function measure(name: string, runs: number, fn: () => void): Stats {
  for (let i = 0; i < Math.min(200, runs); i += 1) fn(); // warm up the JIT
  const samples = new Float64Array(runs);
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    fn();
    samples[i] = Number(process.hrtime.bigint() - start) / 1e6;
  }
  samples.sort();
  const at = (q: number) => samples[Math.min(runs - 1, Math.floor(q * runs))] ?? 0;
  const stats = { p50: at(0.5), p99: at(0.99), max: samples[runs - 1] ?? 0 };
  console.log(`${name.padEnd(48)} n=${String(runs).padStart(5)}  p50 ${stats.p50.toFixed(3).padStart(8)} ms  p99 ${stats.p99.toFixed(3).padStart(8)} ms  max ${stats.max.toFixed(2).padStart(7)} ms`);
  return stats;
}

/** Runs a guard that is expected to refuse the request (413). */
function refused(guard: () => void): void {
  try {
    guard();
  } catch {
    return;
  }
  throw new Error('expected the guard to refuse the request');
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

console.log(`node ${process.version}, ${new Date().toISOString()}, load average ${load()}`);
const p10 = prompt(10 * 1024);
const p100 = prompt(100 * 1024);

// Baseline: serialising the request body, a cost every proxied request pays anyway.
const base10 = measure('baseline: JSON.stringify 10 KB request', 3000, () => JSON.stringify(request(p10)));
const in10 = measure('input guard, 10 KB prompt (all detectors)', 5000, () => guardrails.session().guardRequest(request(p10)));
const in100 = measure('input guard, 100 KB prompt', 300, () => guardrails.session().guardRequest(request(p100)));
measure('output guard, 10 KB answer (+SQL checks)', 3000, () => guardrails.session().guardCompletion(completion(p10)));

const chunks: ChatCompletionChunk[] = [];
for (let i = 0; i < p10.length; i += 16)
  chunks.push({ id: 's', object: 'chat.completion.chunk', created: 0, model: 'mock-1', choices: [{ index: 0, delta: { content: p10.slice(i, i + 16) }, finish_reason: null }] });
const stream = measure(`stream guard, 10 KB in ${chunks.length} chunks of 16 chars`, 500, () => {
  const guard = guardrails.session().streamGuard();
  for (const chunk of chunks) guard.push(chunk);
  guard.end();
});
const logLine = JSON.stringify({ level: 'info', msg: 'request completed', requestId: 'req_7f3a9c', path: '/v1/chat/completions', status: 200, ms: 812, user: 'ann@example.com', ip: '203.0.113.9' });
const mask = measure(`maskSensitive, ${logLine.length}-char log line`, 20000, () => maskSensitive(logLine));

console.log('\nMAX_INPUT_TOKENS (linear bounds first, BPE count only between them):');
const limited = (tokens: number) => new Guardrails(parseGuardrailPolicy({ sql_injection: { mode: 'flag' }, limits: { max_input_tokens: tokens } }, 'bench'));
const roomy = limited(100_000);
measure('  10 KB prompt, limit 100k tokens (bound decides)', 3000, () => roomy.session().guardRequest(request(p10)));
// The 10 KB prompt is ~3.1k tokens (bounds 2.1k..10.3k): a 3.5k limit needs the BPE count.
const tight = limited(3_500);
measure('  10 KB prompt, limit 3.5k tokens (counted)', 300, () => tight.session().guardRequest(request(p10)));
const overrun = limited(1_000);
const run100 = 'a'.repeat(102_400);
measure('  100 KB one-word run, limit 1k (bound decides: 413)', 50, () => refused(() => overrun.session().guardRequest(request(run100))));

console.log(`\nhostile inputs, full input guard, ${HOSTILE_SIZES_KB[0]} KB then ${HOSTILE_SIZES_KB[1]} KB:`);
const hostile: Array<[string, (size: number) => string]> = [
  ['digits', (n) => '7'.repeat(n)],
  ['a@a.a repeated', (n) => 'a@a.a'.repeat(n / 5)],
  ['spaces', (n) => ' '.repeat(n)],
  ['letters', (n) => 'a'.repeat(n)],
  ['"1 " repeated (spaced digits)', (n) => '1 '.repeat(n / 2)],
  ['"1-" repeated', (n) => '1-'.repeat(n / 2)],
  ['hex and colons', (n) => 'a1:'.repeat(Math.floor(n / 3))],
  ['dotted digits 1.1.1.1.', (n) => '1.'.repeat(n / 2)],
  ['base64 alphabet run', (n) => 'QUJD'.repeat(n / 4)],
  ['"ignore previous " repeated', (n) => 'ignore previous '.repeat(n / 16)],
  ['"sk-" repeated', (n) => 'sk-'.repeat(Math.floor(n / 3))],
  ['"://a:b@" repeated', (n) => '://a:b@'.repeat(Math.floor(n / 7))],
  ['"+1 (" repeated', (n) => '+1 ('.repeat(n / 4)],
  ['"phone 1 " repeated', (n) => 'phone 1 '.repeat(n / 8)],
];
let worstRatio = 0;
let worstHostile = 0;
for (const [name, make] of hostile) {
  const small = make(HOSTILE_SIZES_KB[0] * 1024);
  const large = make(HOSTILE_SIZES_KB[1] * 1024);
  const s = measure(`  ${name} (${HOSTILE_SIZES_KB[0]} KB)`, 20, () => guardrails.session().guardRequest(request(small)));
  const l = measure(`  ${name} (${HOSTILE_SIZES_KB[1]} KB)`, 10, () => guardrails.session().guardRequest(request(large)));
  worstRatio = Math.max(worstRatio, l.p50 / s.p50);
  worstHostile = Math.max(worstHostile, l.p99);
}

const ratio = in100.p50 / in10.p50;
console.log(`\nload average at the end: ${load()} (p99 counts every outlier; rerun on a quiet machine before trusting a FAIL)`);
console.log(`10 KB input guard vs JSON.stringify baseline: ${(in10.p50 / base10.p50).toFixed(1)}x at p50`);
console.log(`stream guard per chunk: ${((stream.p50 * 1000) / chunks.length).toFixed(1)} µs; log masking: ${(mask.p50 * 1000).toFixed(1)} µs a line`);
console.log(`worst hostile ${HOSTILE_SIZES_KB[1]} KB p99: ${worstHostile.toFixed(1)} ms (100 KB realistic prompt p99: ${in100.p99.toFixed(1)} ms)`);
console.log(`${verdict(in10.p99 <= P99_TARGET_MS)}  10 KB input guard p99 ${in10.p99.toFixed(3)} ms (p50 ${in10.p50.toFixed(3)} ms), target <= ${P99_TARGET_MS} ms`);
console.log(`${verdict(ratio <= LINEAR_RATIO)}  100 KB / 10 KB input guard ${ratio.toFixed(1)}x at p50, target <= ${LINEAR_RATIO}x (linear = 10x)`);
console.log(`${verdict(worstRatio <= HOSTILE_RATIO)}  hostile inputs: worst ${HOSTILE_SIZES_KB[1]} KB / ${HOSTILE_SIZES_KB[0]} KB ${worstRatio.toFixed(1)}x at p50, target <= ${HOSTILE_RATIO.toFixed(1)}x (linear ${(HOSTILE_SIZES_KB[1] / HOSTILE_SIZES_KB[0]).toFixed(1)}x)`);
