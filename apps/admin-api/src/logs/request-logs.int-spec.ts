import { randomUUID } from 'node:crypto';
import type { RequestLog } from '@llmgw/contracts';
import { RequestLogWriter } from '@llmgw/usage';
import { type AdminApiHarness, expectError, type Json, startAdminApi, withDatabase } from '../testing/admin-api.harness';

const MINUTE_MS = 60_000;

describe('GET /admin/logs (real Postgres)', () => {
  let h: AdminApiHarness;
  const key = randomUUID();
  const otherKey = randomUUID();
  const start = new Date(Date.UTC(1950, 0, 1));
  const at = (minutes: number) => new Date(start.getTime() + minutes * MINUTE_MS).toISOString();
  const log = (minutes: number, overrides: Partial<RequestLog> = {}): RequestLog => ({
    requestId: `req-${randomUUID()}`,
    occurredAt: at(minutes),
    apiKeyId: key,
    teamId: null,
    endpoint: 'chat.completions',
    provider: 'mock',
    model: 'mock-small',
    status: 'success',
    httpStatus: 200,
    errorType: null,
    errorMessage: null,
    stream: false,
    latencyMs: 10,
    request: { messages: [{ role: 'user', content: 'mail [EMAIL]' }] },
    response: { choices: [{ message: { content: 'ok' } }] },
    truncated: false,
    ...overrides,
  });
  // Ten logs of one key, a minute apart, plus one of another key in the same window.
  const logs = Array.from({ length: 10 }, (_, i) =>
    log(i, i % 3 === 0 ? { status: 'error', httpStatus: 429, errorType: 'rate_limit_error', errorMessage: 'slow down', response: null } : i % 2 === 0 ? { model: 'mock-large' } : {}),
  );
  const stranger = log(5, { apiKeyId: otherKey });
  const window = `from=${at(0)}&to=${at(60)}`;
  const ids = (body: Json) => (body.data as Json[]).map((entry) => entry.request_id as string);

  beforeAll(async () => {
    h = await startAdminApi();
    await withDatabase((db) => new RequestLogWriter(db).write({ batchId: randomUUID(), logs: [...logs, stranger] }));
  });

  afterAll(async () => {
    await h?.close();
  });

  it('lists a key\'s logs newest first, with payloads, to an admin', async () => {
    const response = await h.asAdmin(`/admin/logs?api_key_id=${key}&${window}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Json;
    expect(body).toMatchObject({ object: 'list', total: 10, limit: 50, offset: 0, has_more: false });
    expect(ids(body)).toEqual([...logs].reverse().map((one) => one.requestId));
    expect(body.data[1]).toMatchObject({ api_key_id: key, model: 'mock-large', endpoint: 'chat.completions', stream: false, latency_ms: 10, truncated: false, error: null });
    expect(body.data[1]).toMatchObject({ request: { messages: [{ role: 'user', content: 'mail [EMAIL]' }] }, response: { choices: [{ message: { content: 'ok' } }] } });
    const failed = (body.data as Json[]).find((entry) => entry.request_id === logs[9]!.requestId)!;
    expect(failed).toMatchObject({ status: 'error', http_status: 429, error: { type: 'rate_limit_error', message: 'slow down' }, response: null });
  });

  it('filters by model, status, HTTP status and time range', async () => {
    const query = async (filter: string) => ids((await (await h.asAdmin(`/admin/logs?api_key_id=${key}&${window}&${filter}`)).json()) as Json);
    const expected = (keep: (one: RequestLog) => boolean) => logs.filter(keep).reverse().map((one) => one.requestId);
    expect(await query('model=mock-large')).toEqual(expected((one) => one.model === 'mock-large'));
    expect(await query('status=error')).toEqual(expected((one) => one.status === 'error'));
    expect(await query('status=429')).toEqual(expected((one) => one.httpStatus === 429));
    expect(await query('status=success')).toEqual(expected((one) => one.status === 'success'));
    const narrow = ids((await (await h.asAdmin(`/admin/logs?api_key_id=${key}&from=${at(2)}&to=${at(5)}`)).json()) as Json);
    expect(narrow).toEqual(logs.slice(2, 5).reverse().map((one) => one.requestId));
    const everyone = ids((await (await h.asAdmin(`/admin/logs?${window}&limit=200`)).json()) as Json);
    expect(everyone).toContain(stranger.requestId);
  });

  it('pages with limit and offset, without overlap', async () => {
    const page = async (offset: number) => (await (await h.asAdmin(`/admin/logs?api_key_id=${key}&${window}&limit=4&offset=${offset}`)).json()) as Json;
    const pages = [await page(0), await page(4), await page(8)];
    expect(pages.map((one) => one.has_more)).toEqual([true, true, false]);
    expect(pages.flatMap(ids)).toEqual([...logs].reverse().map((one) => one.requestId));
  });

  it('refuses a viewer (403) and an anonymous caller (401)', async () => {
    await expectError(await h.asViewer(`/admin/logs?api_key_id=${key}`), 403, 'permission_error');
    await expectError(await h.call(`/admin/logs?api_key_id=${key}`), 401, 'authentication_error');
  });

  it('refuses bad filters with the OpenAI error shape', async () => {
    for (const bad of ['status=maybe', 'api_key_id=nope', `from=${at(5)}&to=${at(1)}`, 'limit=0', 'colour=red']) {
      await expectError(await h.asAdmin(`/admin/logs?${bad}`), 400, 'invalid_request_error');
    }
  });
});
