import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { RedisVectorLog } from './redis-vector-log';
import { describeVectorLogContract } from './vector-log.contract';

const url = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = new Redis(url, { maxRetriesPerRequest: 1 });
const streams: string[] = [];

afterAll(async () => {
  if (streams.length > 0) await redis.del(...streams);
  await redis.quit();
});

describeVectorLogContract('redis stream', () => {
  const streamKey = `test:cache:${randomUUID()}:vectors`;
  streams.push(streamKey);
  const make = () => new RedisVectorLog({ redis, connect: () => new Redis(url), streamKey, maxRecords: 1_000 });
  return { writer: make(), reader: make };
});
