import { randomUUID } from 'node:crypto';
import { GatewayError, type ChatCompletion, type RequestLogBatch } from '@llmgw/contracts';
import { InProcessRequestLogHub } from './in-process-request-log.hub';
import { RequestLogRecorder, type RequestLogInput } from './request-log.recorder';

const EMAIL = 'jane.doe@example.com';
const SECRET = 'ghp_1234567890abcdefghijklmnopqrstuvwxyzAB';

function completion(content: string): ChatCompletion {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'mock-small',
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
  };
}

function input(overrides: Partial<RequestLogInput> = {}): RequestLogInput {
  return {
    requestId: `req-${randomUUID()}`,
    apiKeyId: randomUUID(),
    teamId: null,
    endpoint: 'chat.completions',
    model: 'mock-small',
    provider: 'mock',
    stream: false,
    latencyMs: 12.6,
    request: { model: 'mock-small', messages: [{ role: 'user', content: `I am ${EMAIL}, token ${SECRET}` }] },
    response: completion(`Hello ${EMAIL}`),
    error: null,
    ...overrides,
  };
}

function capture() {
  const hub = new InProcessRequestLogHub();
  const batches: RequestLogBatch[] = [];
  hub.register(async (batch) => {
    batches.push(batch);
  });
  return { hub, batches, logs: () => batches.flatMap((batch) => batch.logs) };
}

describe('RequestLogRecorder', () => {
  it('records nothing when LOG_PAYLOADS is off', async () => {
    const { hub, logs } = capture();
    const recorder = new RequestLogRecorder(hub, { enabled: false, maxChars: 4_000 });
    recorder.record(input());
    await recorder.flush();
    await hub.drain();
    expect(recorder.enabled).toBe(false);
    expect(logs()).toEqual([]);
  });

  it('ships masked, truncated logs in batches, off the call', async () => {
    const { hub, batches, logs } = capture();
    const recorder = new RequestLogRecorder(hub, { enabled: true, maxChars: 4_000, maxBatch: 2, intervalMs: 60_000 });
    const inputs = [input(), input(), input({ request: { model: 'm', messages: [{ role: 'user', content: 'long '.repeat(2_000) }] } })];
    for (const one of inputs) recorder.record(one);
    expect(logs()).toEqual([]); // recording only buffers
    await recorder.flush();
    await hub.drain();
    expect(recorder.dropped).toBe(0);
    expect(batches.map((batch) => batch.logs.length)).toEqual([2, 1]);
    const stored = JSON.stringify(logs());
    expect(stored).not.toContain(EMAIL);
    expect(stored).not.toContain(SECRET);
    expect(logs().map((log) => log.requestId)).toEqual(inputs.map((one) => one.requestId));
    expect(logs()[0]).toMatchObject({ status: 'success', httpStatus: 200, latencyMs: 13, truncated: false, errorType: null });
    expect(logs()[2]?.truncated).toBe(true);
  });

  it('logs a failure with its type, status and a masked message', async () => {
    const { hub, logs } = capture();
    const recorder = new RequestLogRecorder(hub, { enabled: true, maxChars: 4_000 });
    recorder.record(input({ response: null, error: new GatewayError('rate_limit_error', `upstream refused ${EMAIL}`) }));
    await recorder.flush();
    await hub.drain();
    expect(logs()[0]).toMatchObject({ status: 'error', httpStatus: 429, errorType: 'rate_limit_error', response: null });
    expect(logs()[0]?.errorMessage).toBe('upstream refused [EMAIL]');
  });

  it('drops a malformed log alone and keeps the rest of its batch', async () => {
    const { hub, logs } = capture();
    const recorder = new RequestLogRecorder(hub, { enabled: true, maxChars: 4_000 });
    const good = input();
    recorder.record(input({ apiKeyId: 'not-a-uuid' }));
    recorder.record(good);
    await recorder.flush();
    await hub.drain();
    expect(logs().map((log) => log.requestId)).toEqual([good.requestId]);
    expect(recorder.dropped).toBe(1);
  });

  it('drops what does not fit while the queue is behind, never blocking the caller', async () => {
    const { hub, logs } = capture();
    const recorder = new RequestLogRecorder(hub, { enabled: true, maxChars: 4_000, maxPending: 2, maxBatch: 100, intervalMs: 60_000 });
    for (let i = 0; i < 5; i += 1) recorder.record(input());
    await recorder.flush();
    await hub.drain();
    expect(logs()).toHaveLength(2);
    expect(recorder.dropped).toBe(3);
  });
});
