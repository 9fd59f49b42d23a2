import { mkdir, open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import { usageBatchSchema, type UsageBatch } from '@llmgw/contracts';
import type { UsageOutbox } from './usage-outbox';

/**
 * The outbox as an append-only file: one JSON batch per line, synced to disk once per append
 * call (a flush's batches share one fsync). A crash mid-write leaves a partial last line: it is
 * cut off when the file is opened (that batch was never acknowledged as kept, so nothing that was
 * promised is lost). Replayed batches are removed by rewriting the remainder to a temporary file
 * renamed over the outbox, so a crash at any point leaves either the old or the new file; a batch
 * replayed twice is harmless (the job id is the batch id and the insert ignores known request ids).
 * The file is created on the first append: a healthy gateway never touches the disk.
 */
export class FileUsageOutbox implements UsageOutbox {
  private readonly logger = new Logger('UsageOutbox');
  private batches = 0;
  private events = 0;

  private handle: FileHandle | null = null;

  private constructor(private readonly filePath: string) {}

  static async open(filePath: string): Promise<FileUsageOutbox> {
    const outbox = new FileUsageOutbox(filePath);
    if (existsSync(filePath)) await outbox.recover();
    return outbox;
  }

  async append(batches: readonly UsageBatch[]): Promise<void> {
    if (batches.length === 0) return;
    const lines = batches.map((batch) => `${JSON.stringify(batch)}\n`).join('');
    const handle = await this.writer();
    await handle.appendFile(lines, 'utf8');
    await handle.datasync();
    this.batches += batches.length;
    for (const batch of batches) this.events += batch.events.length;
  }

  async peek(): Promise<UsageBatch[]> {
    if (this.batches === 0) return [];
    return this.parse(await readFile(this.filePath, 'utf8'));
  }

  async remove(count: number): Promise<void> {
    const kept = (await this.peek()).slice(count);
    const temporary = `${this.filePath}.tmp`;
    const rewrite = await open(temporary, 'w');
    try {
      await rewrite.writeFile(kept.map((batch) => `${JSON.stringify(batch)}\n`).join(''), 'utf8');
      await rewrite.sync();
    } finally {
      await rewrite.close();
    }
    await this.close();
    await rename(temporary, this.filePath);
    this.count(kept);
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = null;
  }

  get batchCount(): number {
    return this.batches;
  }

  get eventCount(): number {
    return this.events;
  }

  /** Cuts a partial last line (a crash mid-append) and counts what is kept. */
  private async recover(): Promise<void> {
    const content = await readFile(this.filePath, 'utf8');
    const complete = content.lastIndexOf('\n') + 1;
    if (complete < content.length) {
      this.logger.warn(`usage outbox ${this.filePath}: dropped a partially written last line (${content.length - complete} bytes)`);
      const handle = await this.writer();
      await handle.truncate(Buffer.byteLength(content.slice(0, complete)));
      await handle.datasync();
    }
    const kept = this.parse(content.slice(0, complete));
    this.count(kept);
    if (kept.length > 0) this.logger.warn(`usage outbox ${this.filePath}: ${this.events} usage events waiting for replay`);
  }

  private async writer(): Promise<FileHandle> {
    if (!this.handle) {
      await mkdir(path.dirname(this.filePath), { recursive: true });
      this.handle = await open(this.filePath, 'a');
    }
    return this.handle;
  }

  private parse(content: string): UsageBatch[] {
    const batches: UsageBatch[] = [];
    const lines = content.split('\n');
    // The text after the last newline is a line still being written (or cut by a crash).
    for (const line of lines.slice(0, -1)) {
      if (line.length === 0) continue;
      const parsed = safeJson(line);
      const batch = usageBatchSchema.safeParse(parsed);
      if (batch.success) batches.push(batch.data);
      else this.logger.error(`usage outbox ${this.filePath}: skipped an unreadable line (${line.length} bytes)`);
    }
    return batches;
  }

  private count(batches: UsageBatch[]): void {
    this.batches = batches.length;
    this.events = batches.reduce((sum, batch) => sum + batch.events.length, 0);
  }
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
