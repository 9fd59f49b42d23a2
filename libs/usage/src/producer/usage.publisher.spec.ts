import type { UsageBatch } from '@llmgw/contracts';
import { usageEventFixture } from '../testing/usage-event.fixture';
import { InMemoryUsageOutbox } from './outbox/in-memory-usage.outbox';
import { UsagePublisher } from './usage.publisher';
import type { UsageTransport } from './usage-transport';

/** A transport double that records what it accepted and refuses while `down` is true. */
class RecordingTransport implements UsageTransport {
  readonly accepted: UsageBatch[] = [];
  readonly triedIds: string[] = [];
  attempts = 0;
  down = false;

  async send(batch: UsageBatch): Promise<void> {
    this.attempts += 1;
    this.triedIds.push(batch.batchId);
    if (this.down) throw new Error('connection refused');
    this.accepted.push(structuredClone(batch));
  }
}

describe('UsagePublisher', () => {
  let transport: RecordingTransport;
  let publisher: UsagePublisher;

  beforeEach(() => {
    jest.useFakeTimers();
    transport = new RecordingTransport();
    publisher = new UsagePublisher(transport, { maxEvents: 3, intervalMs: 100 }, new InMemoryUsageOutbox(1_000));
  });

  afterEach(async () => {
    jest.useRealTimers();
  });

  it('sends ONE batch as soon as the size limit is reached, without waiting for the interval', async () => {
    const events = [usageEventFixture(), usageEventFixture(), usageEventFixture()];
    for (const event of events) publisher.publish(event);
    await jest.advanceTimersByTimeAsync(0);
    expect(transport.accepted).toHaveLength(1);
    expect(transport.accepted[0]!.events).toEqual(events);
    expect(transport.accepted[0]!.batchId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends what is buffered when the interval elapses, and not before', async () => {
    const events = [usageEventFixture(), usageEventFixture()];
    for (const event of events) publisher.publish(event);
    await jest.advanceTimersByTimeAsync(99);
    expect(transport.accepted).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(transport.accepted.map((batch) => batch.events)).toEqual([events]);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(transport.attempts).toBe(1); // nothing buffered, nothing sent
  });

  it('flushes everything when the module is destroyed (SIGTERM)', async () => {
    const events = [usageEventFixture(), usageEventFixture()];
    for (const event of events) publisher.publish(event);
    await publisher.onModuleDestroy();
    expect(transport.accepted.flatMap((batch) => batch.events)).toEqual(events);
    expect(publisher.pendingEvents).toBe(0);
  });

  it('keeps a refused batch and sends it again, with the same batch id, on the next flush', async () => {
    transport.down = true;
    const events = [usageEventFixture(), usageEventFixture()];
    for (const event of events) publisher.publish(event);
    await publisher.flush();
    expect(transport.accepted).toHaveLength(0);
    expect(publisher.pendingEvents).toBe(2);

    transport.down = false;
    const later = usageEventFixture();
    publisher.publish(later);
    await publisher.flush();
    expect(transport.accepted.map((batch) => batch.events)).toEqual([events, [later]]);
    expect(transport.accepted[0]!.batchId).toBe(transport.triedIds[0]);
    expect(publisher.pendingEvents).toBe(0);
  });

  it('retries a refused batch on its own, once a second, while nothing new arrives', async () => {
    transport.down = true;
    publisher.publish(usageEventFixture());
    await jest.advanceTimersByTimeAsync(100);
    expect(transport.attempts).toBe(1);
    await jest.advanceTimersByTimeAsync(500);
    expect(transport.attempts).toBe(1);
    transport.down = false;
    await jest.advanceTimersByTimeAsync(500);
    expect(transport.attempts).toBe(2);
    expect(transport.accepted).toHaveLength(1);
  });

  it('keeps the batches behind a refused one untried and in order', async () => {
    transport.down = true;
    const first = [usageEventFixture(), usageEventFixture(), usageEventFixture()];
    for (const event of first) publisher.publish(event);
    await jest.advanceTimersByTimeAsync(0);
    const second = [usageEventFixture()];
    publisher.publish(second[0]!);
    await publisher.flush();
    expect(transport.attempts).toBe(2); // one per flush: the first refusal stops the flush

    transport.down = false;
    await publisher.flush();
    expect(transport.accepted.map((batch) => batch.events)).toEqual([first, second]);
  });

  it('splits events published during a slow send into batches of at most the size limit', async () => {
    let release: () => void = () => undefined;
    const slow: UsageTransport = {
      send: (batch) => {
        transport.accepted.push(batch);
        return new Promise((resolve) => (release = resolve));
      },
    };
    publisher = new UsagePublisher(slow, { maxEvents: 3, intervalMs: 100 }, new InMemoryUsageOutbox(1_000));
    for (let i = 0; i < 3; i += 1) publisher.publish(usageEventFixture());
    await jest.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 7; i += 1) publisher.publish(usageEventFixture());
    release();
    for (let round = 0; round < 4; round += 1) {
      await jest.advanceTimersByTimeAsync(0);
      release();
    }
    await publisher.flush();
    expect(transport.accepted.map((batch) => batch.events.length)).toEqual([3, 3, 3, 1]);
  });

  it('sends a burst published during a slow send as full batches once the send completes', async () => {
    let sends = 0;
    let release: () => void = () => undefined;
    const slow: UsageTransport = {
      send: () => {
        sends += 1;
        return new Promise((resolve) => (release = resolve));
      },
    };
    publisher = new UsagePublisher(slow, { maxEvents: 2, intervalMs: 100 }, new InMemoryUsageOutbox(1_000));
    for (let i = 0; i < 2; i += 1) publisher.publish(usageEventFixture());
    await jest.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 100; i += 1) publisher.publish(usageEventFixture());
    release();
    await jest.advanceTimersByTimeAsync(0);
    // The queued flush took all 100 events at once: 50 batches, sent one after another.
    for (let round = 0; round < 60; round += 1) {
      release();
      await jest.advanceTimersByTimeAsync(0);
    }
    expect(sends).toBe(51);
    expect(publisher.pendingEvents).toBe(0);
  });

  describe('publish never throws', () => {
    it('when the transport throws synchronously', async () => {
      const broken: UsageTransport = {
        send: () => {
          throw new Error('boom');
        },
      };
      publisher = new UsagePublisher(broken, { maxEvents: 1, intervalMs: 100 }, new InMemoryUsageOutbox(1_000));
      expect(() => publisher.publish(usageEventFixture())).not.toThrow();
      await publisher.flush();
      expect(publisher.pendingEvents).toBe(1);
    });

    it('when the event is malformed: it is dropped alone, the rest still goes out', async () => {
      const good = usageEventFixture();
      const bad = { ...usageEventFixture(), promptTokens: -5 };
      expect(() => publisher.publish(bad)).not.toThrow();
      publisher.publish(good);
      await publisher.flush();
      expect(transport.accepted.flatMap((batch) => batch.events)).toEqual([good]);
    });
  });
});

describe('InMemoryUsageOutbox', () => {
  it('drops the oldest batches once it holds more events than its bound', async () => {
    const outbox = new InMemoryUsageOutbox(4);
    const batch = (id: string, size: number): UsageBatch => ({ batchId: id, events: Array.from({ length: size }, () => usageEventFixture()) });
    await outbox.append([batch('a', 2), batch('b', 2)]);
    await outbox.append([batch('c', 1)]);
    expect(outbox.eventCount).toBe(3);
    expect(outbox.dropped).toBe(2);
    expect((await outbox.peek()).map((kept) => kept.batchId)).toEqual(['b', 'c']);
    await outbox.remove(1);
    expect((await outbox.peek()).map((kept) => kept.batchId)).toEqual(['c']);
    expect(outbox.eventCount).toBe(1);
  });
});
