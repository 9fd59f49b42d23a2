import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Module, Post, Req, Res, UseFilters } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfigModule, gatewayEnvSchema, loadConfig } from '@llmgw/config';
import { UNRESTRICTED_KEY_POLICY } from '@llmgw/contracts';
import { openTestDataSource, TEST_DATABASE_URL, TEST_REDIS_URL } from '@llmgw/testing';
import { AdmissionService, USAGE_ENTITIES, USAGE_MIGRATIONS } from '@llmgw/usage';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayExceptionFilter } from '../errors/gateway-exception.filter';
import { GatewayLimitsModule } from './gateway-limits.module';
import { setRateLimitHeaders } from './rate-limit-headers';

/** Stands in for the chat handler: admits the key, then answers JSON or a hijacked stream. */
@Controller('v1')
@UseFilters(new GatewayExceptionFilter())
class ProbeController {
  constructor(private readonly admissions: AdmissionService) {}

  @Post('probe')
  @HttpCode(200)
  async probe(@Req() request: FastifyRequest, @Body() body: { key: string; rpm?: number }): Promise<{ ok: true }> {
    await this.admissions.admit({
      caller: { requestId: request.id, apiKeyId: body.key, teamId: null, policy: { ...UNRESTRICTED_KEY_POLICY, rpmLimit: body.rpm ?? null } },
      provider: null,
      promptTokens: 1,
      maxCompletionTokens: 1,
      maxCostNanoUsd: 0,
      onHeaders: (values) => setRateLimitHeaders(request, values),
    });
    return { ok: true };
  }

  @Get('stream')
  stream(@Res() reply: FastifyReply): void {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
    reply.raw.end('data: [DONE]\n\n');
  }
}

@Controller()
class OtherController {
  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }
}

const apps: NestFastifyApplication[] = [];

async function boot(env: Record<string, string>): Promise<NestFastifyApplication> {
  const config = loadConfig(gatewayEnvSchema, { DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: TEST_REDIS_URL, ...env });
  @Module({
    imports: [
      AppConfigModule.forRoot(config),
      TypeOrmModule.forRoot({ type: 'postgres', url: TEST_DATABASE_URL, extra: { max: 2 } }),
      GatewayLimitsModule.forRoot({ distributed: true }),
    ],
    controllers: [ProbeController, OtherController],
  })
  class TestGateway {}
  const app = await NestFactory.create<NestFastifyApplication>(TestGateway, new FastifyAdapter(), { logger: ['error'] });
  app.useGlobalFilters(new GatewayExceptionFilter());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  apps.push(app);
  return app;
}

beforeAll(async () => {
  const dataSource = await openTestDataSource({ entities: USAGE_ENTITIES, migrations: USAGE_MIGRATIONS });
  await dataSource.destroy();
});

afterAll(async () => {
  for (const app of apps) await app.close();
});

const prefix = () => `test-limits-${randomUUID()}`;
const post = (app: NestFastifyApplication, payload: object) => app.inject({ method: 'POST', url: '/v1/probe', payload });

describe('gateway limits (real Redis)', () => {
  it('limits each client IP per minute across two replicas, with headers on every answer and a 429 in the OpenAI shape', async () => {
    const env = { QUEUE_PREFIX: prefix(), RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_PER_USER: '0' };
    const [a, b] = [await boot(env), await boot(env)];
    const answers = [];
    for (const app of [a, b, a, b]) answers.push(await post(app, { key: randomUUID() }));
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 429]);
    expect(answers.map((answer) => answer.headers['x-ratelimit-remaining'])).toEqual(['2', '1', '0', '0']);
    for (const answer of answers) {
      expect(answer.headers['x-ratelimit-limit']).toBe('3');
      expect(Number(answer.headers['x-ratelimit-reset'])).toBeGreaterThan(55);
    }
    const refused = answers[3]!;
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(55);
    expect(refused.json()).toEqual({ error: { message: expect.stringContaining('3 requests per minute from this IP'), type: 'rate_limit_error', param: null, code: 'ip_rate_limit_exceeded' } });
  });

  it('reports the tighter of the IP window and the key limit, and refuses the key past its own rpm', async () => {
    const app = await boot({ QUEUE_PREFIX: prefix(), RATE_LIMIT_PER_MINUTE: '100' });
    const key = randomUUID();
    const first = await post(app, { key, rpm: 2 });
    expect(first.headers).toMatchObject({ 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '1' });
    await post(app, { key, rpm: 2 });
    const refused = await post(app, { key, rpm: 2 });
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: { type: 'rate_limit_error', code: 'rate_limit_exceeded' } });
    expect(refused.headers).toMatchObject({ 'x-ratelimit-limit': '2', 'x-ratelimit-remaining': '0' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(29);
  });

  it('puts the headers on hijacked streams and on errors raised before any guard', async () => {
    const app = await boot({ QUEUE_PREFIX: prefix(), RATE_LIMIT_PER_MINUTE: '50' });
    const stream = await app.inject({ method: 'GET', url: '/v1/stream' });
    expect(stream.statusCode).toBe(200);
    expect(stream.headers).toMatchObject({ 'content-type': 'text/event-stream', 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': '49' });
    const malformed = await app.inject({ method: 'POST', url: '/v1/probe', headers: { 'content-type': 'application/json' }, payload: '{"key":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers).toMatchObject({ 'x-ratelimit-limit': '50', 'x-ratelimit-remaining': '49' });
    const unknown = await app.inject({ method: 'GET', url: '/v1/nowhere' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['x-ratelimit-limit']).toBe('50');
  });

  it('leaves routes outside /v1 alone', async () => {
    const app = await boot({ QUEUE_PREFIX: prefix(), RATE_LIMIT_PER_MINUTE: '1' });
    for (let i = 0; i < 3; i += 1) {
      const answer = await app.inject({ method: 'GET', url: '/health' });
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });
});
