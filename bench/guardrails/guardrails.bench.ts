// Cost of a guardrail pass (issue 7): a 10 KB prompt (target p99 <= 1 ms), a 100 KB prompt (must
// scale linearly), hostile inputs that break backtracking regexes, output/stream guards, log masking.
//   BUILD_OUT_DIR=/tmp/build-h1 node tools/build.mjs && NODE_PATH=$PWD/node_modules node /tmp/build-h1/bench/guardrails/guardrails.bench.js
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from '@llmgw/contracts';
import { Guardrails, maskSensitive, parseGuardrailPolicy } from '@llmgw/guardrails';

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

function measure(name: string, runs: number, fn: () => void): { p50: number; p99: number; mean: number } {
  for (let i = 0; i < Math.min(200, runs); i += 1) fn(); // warm up the JIT
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  const mean = samples.reduce((sum, value) => sum + value, 0) / samples.length;
  console.log(`${name.padEnd(46)} p50 ${at(0.5).toFixed(3).padStart(8)} ms   p99 ${at(0.99).toFixed(3).padStart(8)} ms   mean ${mean.toFixed(3).padStart(8)} ms`);
  return { p50: at(0.5), p99: at(0.99), mean };
}

console.log(`node ${process.version}, ${new Date().toISOString()}`);
const p10 = prompt(10 * 1024);
const p100 = prompt(100 * 1024);

// Baseline: serialising the request body, a cost every proxied request pays anyway.
const base10 = measure('baseline: JSON.stringify 10 KB request', 3000, () => JSON.stringify(request(p10)));
const in10 = measure('input guard, 10 KB prompt (all detectors)', 3000, () => guardrails.session().guardRequest(request(p10)));
const in100 = measure('input guard, 100 KB prompt', 300, () => guardrails.session().guardRequest(request(p100)));
const completion = (content: string): ChatCompletion => ({
  id: 'c',
  object: 'chat.completion',
  created: 0,
  model: 'mock-1',
  choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
  usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
});
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

console.log('');
console.log(`10 KB input guard vs JSON.stringify baseline: ${(in10.p50 / base10.p50).toFixed(1)}x at p50`);
console.log(`100 KB / 10 KB input guard cost: ${(in100.p50 / in10.p50).toFixed(1)}x at p50 (linear = 10x)`);
console.log(`stream guard per chunk: ${((stream.p50 * 1000) / chunks.length).toFixed(1)} µs; log masking: ${(mask.p50 * 1000).toFixed(1)} µs a line`);
console.log(`target 10 KB p99 <= 1 ms: ${in10.p99 <= 1 ? 'met' : 'MISSED'} (${in10.p99.toFixed(3)} ms)`);

console.log('\nhostile inputs, 100 KB each, full input guard:');
const hostile: Array<[string, string]> = [
  ['digits', '7'.repeat(102_400)],
  ['a@a.a repeated', 'a@a.a'.repeat(20_480)],
  ['spaces', ' '.repeat(102_400)],
  ['letters', 'a'.repeat(102_400)],
  ['"1 " repeated (spaced digits)', '1 '.repeat(51_200)],
  ['"1-" repeated', '1-'.repeat(51_200)],
  ['hex and colons', 'a1:'.repeat(34_133)],
  ['dotted digits 1.1.1.1.', '1.'.repeat(51_200)],
  ['base64 alphabet run', 'QUJD'.repeat(25_600)],
  ['"ignore previous " repeated', 'ignore previous '.repeat(6_400)],
  ['"sk-" repeated', 'sk-'.repeat(34_133)],
  ['"://a:b@" repeated', '://a:b@'.repeat(14_628)],
  ['"+1 (" repeated', '+1 ('.repeat(25_600)],
];
let worst = 0;
for (const [name, text] of hostile) worst = Math.max(worst, measure(`  ${name}`, 20, () => guardrails.session().guardRequest(request(text))).p99);
console.log(`worst hostile 100 KB p99: ${worst.toFixed(1)} ms (100 KB realistic prompt p99: ${in100.p99.toFixed(1)} ms)`);
