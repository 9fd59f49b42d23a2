import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lockDataDir } from './data-dir.lock';

describe('lockDataDir', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'llmgw-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second holder while the first is alive, and frees the folder on unlock', () => {
    const unlock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(/in use by process/);
    unlock();
    expect(() => lockDataDir(dir)()).not.toThrow();
  });

  it('takes over a lock left by a process that died', () => {
    writeFileSync(path.join(dir, 'standalone.lock'), '999999999');
    const unlock = lockDataDir(dir);
    expect(readFileSync(path.join(dir, 'standalone.lock'), 'utf8')).toBe(String(process.pid));
    unlock();
  });
});
