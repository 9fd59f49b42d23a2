// Cost of payload logging (issue 12): what `RequestLogRecorder.record` adds to a request (it only
// buffers), and the CPU of the deferred work per log (mask + truncate + validate), measured with
// process.cpuUsage (the machine is shared: CPU time, not wall time). The ratio compares against a
// baseline measured in the same run: the same work without masking (identity mask).
//   BUILD_OUT_DIR=/tmp/build-hd node tools/build.mjs && NODE_PATH=$PWD/node_modules node /tmp/build-hd/bench/request-logs/recorder.bench.js
import { randomUUID } from 'node:crypto';
import type { ChatCompletion, RequestLogBatch } from '@llmgw/contracts';
import { RequestLogRecorder, type RequestLogInput } from '@llmgw/usage';

const PARAGRAPH =
  'The customer Jane Roe (jane.roe@example.com, +1 415 555 2671) reported failed payments since Monday; key AKIAIOSFODNN7EXAMPLE leaked in a log. ' +
  'Logs show 502 responses from 10.20.30.40 between 12:30 and 12:41, version 2.14.3 of the service, and retries after 870 ms. ';

const text = (size: number) => PARAGRAPH.repeat(Math.ceil(size / PARAGRAPH.length)).slice(0, size);

function input(promptChars: number): RequestLogInput {
  const completion: ChatCompletion = {
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: 1,
    model: 'mock-small',
    choices: [{ index: 0, message: { role: 'assistant', content: text(1_000), refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
  };
  return {
    requestId: randomUUID(),
    apiKeyId: randomUUID(),
    teamId: null,
    endpoint: 'chat.completions',
    model: 'mock-small',
    provider: 'mock',
    stream: false,
    latencyMs: 12,
    request: { model: 'mock-small', messages: [{ role: 'system', content: 'You are a helpful SRE assistant.' }, { role: 'user', content: text(promptChars) }] },
    response: completion,
    error: null,
  };
}

let sent = 0;
const sink = { send: async (batch: RequestLogBatch) => void (sent += batch.logs.length) };

function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

async function perLog(name: string, count: number, recorder: RequestLogRecorder, make: () => RequestLogInput): Promise<{ recordUs: number; totalUs: number }> {
  const inputs = Array.from({ length: count }, make);
  const start = cpuMicros();
  for (const one of inputs) recorder.record(one);
  const recorded = cpuMicros();
  await recorder.flush();
  const done = cpuMicros();
  const result = { recordUs: (recorded - start) / count, totalUs: (done - start) / count };
  console.log(`${name.padEnd(44)} record() ${result.recordUs.toFixed(2).padStart(8)} µs CPU/log   record+flush ${result.totalUs.toFixed(1).padStart(8)} µs CPU/log`);
  return result;
}

async function main(): Promise<void> {
  const options = { maxChars: 4_000, maxBatch: 100, intervalMs: 60_000, maxPending: 100_000 };
  const off = new RequestLogRecorder(sink, { ...options, enabled: false });
  const on = new RequestLogRecorder(sink, { ...options, enabled: true });
  const unmasked = new RequestLogRecorder(sink, { ...options, enabled: true }, (value) => value);
  // Warm up the JIT and the detectors.
  await perLog('(warm-up)', 500, on, () => input(4_000));
  await perLog('(warm-up)', 500, unmasked, () => input(4_000));
  console.log('--- measured ---');
  await perLog('LOG_PAYLOADS=false', 20_000, off, () => input(4_000));
  const baseline4 = await perLog('on, 4 KB prompt, identity mask (baseline)', 2_000, unmasked, () => input(4_000));
  const masked4 = await perLog('on, 4 KB prompt, masked', 2_000, on, () => input(4_000));
  const masked100 = await perLog('on, 100 KB prompt, masked (cut to 4000)', 2_000, on, () => input(100_000));
  console.log(`masking ratio (4 KB, masked / identity): ${(masked4.totalUs / baseline4.totalUs).toFixed(2)}x`);
  console.log(`100 KB vs 4 KB prompt (truncation bounds the cost): ${(masked100.totalUs / masked4.totalUs).toFixed(2)}x`);
  console.log(`logs shipped: ${sent}, dropped: ${on.dropped + unmasked.dropped + off.dropped}`);
}

void main();
