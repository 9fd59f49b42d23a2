import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { UsageBatch } from '@llmgw/contracts';
import { usageEventFixture } from '../../testing/usage-event.fixture';
import { FileUsageOutbox } from './file-usage.outbox';

const batchOf = (size: number): UsageBatch => ({ batchId: randomUUID(), events: Array.from({ length: size }, () => usageEventFixture()) });

describe('FileUsageOutbox', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'usage-outbox-'));
    file = path.join(dir, 'nested', 'outbox.jsonl');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates nothing until a batch is kept', async () => {
    const outbox = await FileUsageOutbox.open(file);
    expect(await outbox.peek()).toEqual([]);
    await outbox.close();
    expect(() => readFileSync(file)).toThrow();
  });

  it('appends one JSON line per batch, in order, and counts batches and events', async () => {
    const outbox = await FileUsageOutbox.open(file);
    const batches = [batchOf(2), batchOf(1), batchOf(3)];
    await outbox.append(batches.slice(0, 2));
    await outbox.append(batches.slice(2));
    expect(readFileSync(file, 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line).batchId)).toEqual(batches.map((batch) => batch.batchId));
    expect(await outbox.peek()).toEqual(batches);
    expect([outbox.batchCount, outbox.eventCount]).toEqual([3, 6]);
    await outbox.close();
  });

  it('removes replayed batches from the front and keeps appending after them', async () => {
    const outbox = await FileUsageOutbox.open(file);
    const batches = [batchOf(1), batchOf(1), batchOf(1)];
    await outbox.append(batches);
    await outbox.remove(2);
    const later = batchOf(2);
    await outbox.append([later]);
    expect(await outbox.peek()).toEqual([batches[2], later]);
    expect([outbox.batchCount, outbox.eventCount]).toEqual([2, 3]);
    await outbox.close();
  });

  it('survives a restart: a new process finds the kept batches', async () => {
    const first = await FileUsageOutbox.open(file);
    const batches = [batchOf(2), batchOf(1)];
    await first.append(batches);
    await first.close();
    const second = await FileUsageOutbox.open(file);
    expect([second.batchCount, second.eventCount]).toEqual([2, 3]);
    expect(await second.peek()).toEqual(batches);
    await second.close();
  });

  it('tolerates a partially written last line (a crash mid-append) and appends cleanly after it', async () => {
    const kept = batchOf(1);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(kept)}\n`);
    appendFileSync(file, JSON.stringify(batchOf(1)).slice(0, 40)); // cut mid-line
    const outbox = await FileUsageOutbox.open(file);
    expect(await outbox.peek()).toEqual([kept]);
    const next = batchOf(1);
    await outbox.append([next]);
    expect(await outbox.peek()).toEqual([kept, next]);
    await outbox.close();
  });

  it('skips an unreadable line in the middle rather than losing the rest', async () => {
    mkdirSync(path.dirname(file), { recursive: true });
    const [a, b] = [batchOf(1), batchOf(1)];
    writeFileSync(file, `${JSON.stringify(a)}\n{"not":"a batch"}\n${JSON.stringify(b)}\n`);
    const outbox = await FileUsageOutbox.open(file);
    expect(await outbox.peek()).toEqual([a, b]);
    await outbox.close();
  });
});
