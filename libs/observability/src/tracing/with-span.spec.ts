import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Writable } from 'node:stream';
import { createAppLogger } from '../logging/app-logger';
import { setupTracing } from './tracing.setup';
import { tracingEnabled } from './tracing-state';
import { withSpan } from './with-span';

describe('tracing', () => {
  it('is off without an endpoint: withSpan calls straight through', async () => {
    const handle = setupTracing({ endpoint: undefined, serviceName: 'gateway' });
    expect(tracingEnabled()).toBe(false);
    await expect(withSpan('stage', {}, async (span) => {
      span.setAttributes({ ignored: true });
      expect(trace.getActiveSpan()).toBeUndefined();
      return 7;
    })).resolves.toBe(7);
    await handle.shutdown();
  });

  it('records nested spans with attributes and errors, and puts trace ids in log lines', async () => {
    const exporter = new InMemorySpanExporter();
    const handle = setupTracing({ endpoint: undefined, exporter, serviceName: 'gateway-test' });
    const lines: string[] = [];
    const logger = createAppLogger('gateway', 'info', {
      destination: new Writable({ write: (chunk: Buffer, _e, callback) => (lines.push(chunk.toString()), callback()) }),
      traceIds: true,
    });
    let spans: ReadableSpan[] = [];
    try {
      await withSpan('pipeline.execute', { attributes: { 'llmgw.stage': 'execute' } }, async () => {
        logger.log('inside', 'Test');
        await withSpan('upstream.attempt', { kind: 'client', attributes: { 'llmgw.provider': 'openai' } }, async (span) => {
          span.setAttributes({ 'llmgw.attempt': 1 });
        });
        await expect(withSpan('upstream.attempt', { kind: 'client' }, async () => {
          throw new Error('upstream 503');
        })).rejects.toThrow('upstream 503');
      });
      await handle.forceFlush();
      spans = exporter.getFinishedSpans();
    } finally {
      await handle.shutdown();
    }
    expect(spans.map((span) => span.name).sort()).toEqual(['pipeline.execute', 'upstream.attempt', 'upstream.attempt']);
    const parent = spans.find((span) => span.name === 'pipeline.execute')!;
    const attempts = spans.filter((span) => span.name === 'upstream.attempt');
    for (const attempt of attempts) expect(attempt.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(attempts[0]!.attributes).toMatchObject({ 'llmgw.provider': 'openai', 'llmgw.attempt': 1 });
    expect(attempts[1]!.status.code).toBe(2);
    expect(attempts[1]!.events.map((event) => event.name)).toContain('exception');
    expect(parent.resource.attributes['service.name']).toBe('gateway-test');
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'inside', traceId: parent.spanContext().traceId });
    expect(tracingEnabled()).toBe(false);
  });
});
