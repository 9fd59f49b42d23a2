import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { createAppLogger } from './app-logger';
import { formatPretty } from './pretty-stream';
import { runWithRequestContext } from './request-context';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      callback();
    },
  });
  return { lines, destination };
}

describe('createAppLogger', () => {
  it('writes one JSON object a line with app, context, level and message', () => {
    const { lines, destination } = capture();
    const logger = createAppLogger('gateway', 'info', { destination });
    logger.log('started', 'Bootstrap');
    logger.debug('hidden at info', 'Bootstrap');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ app: 'gateway', context: 'Bootstrap', msg: 'started', level: 30, severity: 'info' });
    expect(typeof lines[0]!['time']).toBe('number');
  });

  it('tells a stack from a context in error(message, stack, context)', () => {
    const { lines, destination } = capture();
    const logger = createAppLogger('gateway', 'info', { destination });
    const stack = new Error('boom').stack!;
    logger.error('unhandled Error', stack, 'Errors');
    logger.error('plain', 'Errors');
    expect(lines[0]).toMatchObject({ msg: 'unhandled Error', context: 'Errors', stack, severity: 'error' });
    expect(lines[1]).toMatchObject({ msg: 'plain', context: 'Errors' });
    expect(lines[1]).not.toHaveProperty('stack');
  });

  it('merges object messages and adds the request id of the async context with requestContext on', () => {
    const { lines, destination } = capture();
    const logger = createAppLogger('gateway', 'info', { destination, requestContext: true });
    runWithRequestContext({ requestId: 'req-42' }, () => logger.log({ msg: 'request completed', status: 200, provider: 'openai' }, 'Http'));
    logger.log('outside any request', 'Bootstrap');
    expect(lines[0]).toMatchObject({ msg: 'request completed', status: 200, provider: 'openai', requestId: 'req-42', context: 'Http' });
    expect(lines[1]).not.toHaveProperty('requestId');
  });

  it('reads no async context with requestContext off (the default)', () => {
    const { lines, destination } = capture();
    const logger = createAppLogger('gateway', 'info', { destination });
    runWithRequestContext({ requestId: 'req-43' }, () => logger.log('cache store failed', 'Cache'));
    expect(lines[0]).toMatchObject({ msg: 'cache store failed', context: 'Cache' });
    expect(lines[0]).not.toHaveProperty('requestId');
  });

  it('passes messages, stacks and string fields through the masker', () => {
    const { lines, destination } = capture();
    const mask = (text: string) => text.replace(/[\w.]+@[\w.]+/g, '[EMAIL]');
    const logger = createAppLogger('gateway', 'debug', { destination, mask });
    logger.warn({ msg: 'bad input from bob@example.com', note: 'alice@example.com', count: 3 }, 'Guard');
    logger.error('failed for carol@example.com', 'Error: x\n    at carol@example.com', 'Errors');
    const text = JSON.stringify(lines);
    expect(text).not.toMatch(/@example\.com/);
    expect(lines[0]).toMatchObject({ msg: 'bad input from [EMAIL]', note: '[EMAIL]', count: 3 });
  });

  it('serves as the logger behind Nest Logger instances', () => {
    const { lines, destination } = capture();
    Logger.overrideLogger(createAppLogger('admin-api', 'debug', { destination }));
    new Logger('Keys').debug('created');
    Logger.overrideLogger(false);
    expect(lines[0]).toMatchObject({ app: 'admin-api', context: 'Keys', msg: 'created', severity: 'debug' });
  });

  it('formats a record for a terminal with LOG_FORMAT=pretty', () => {
    const line = formatPretty(JSON.stringify({ level: 40, severity: 'warn', time: Date.UTC(2026, 0, 1, 12, 0, 0), app: 'gateway', context: 'Http', msg: 'slow', latencyMs: 900 }));
    expect(line).toBe('12:00:00.000 WARN  gateway [Http] slow latencyMs=900\n');
  });
});
