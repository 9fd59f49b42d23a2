// Child processes pinned to a core, and what /proc says about them: CPU time (utime + stime) and
// peak RSS (VmHWM, resettable through clear_refs so each scenario gets its own peak).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

const CLOCK_TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface PinnedProcess {
  child: ChildProcess;
  pid: number;
  spawnedAt: number;
  stop(): Promise<void>;
}

/** Pins this very process (the load driver) to `cpu`. */
export function pinSelf(cpu: number): void {
  execFileSync('taskset', ['-pc', String(cpu), String(process.pid)], { stdio: 'ignore' });
}

/** `taskset -c <cpu> node <args>`; taskset execs node, so the pid is node's. Output goes to a file. */
export function spawnPinned(cpu: number, nodeArgs: string[], env: Record<string, string>, logFile: string): PinnedProcess {
  const out = openSync(logFile, 'a');
  const spawnedAt = performance.now();
  const child = spawn('taskset', ['-c', String(cpu), process.execPath, ...nodeArgs], { env, stdio: ['ignore', out, out] });
  if (child.pid === undefined) throw new Error(`could not spawn ${nodeArgs.join(' ')}`);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    pid: child.pid,
    spawnedAt,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `url` until it answers 200; returns ms since the process was spawned. */
export async function waitReady(process: PinnedProcess, url: string, timeoutMs = 30_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (process.child.exitCode !== null) throw new Error(`process ${process.pid} exited with ${process.child.exitCode} before it was ready`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - process.spawnedAt;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms`);
}

/** User + system CPU time of a process so far, in microseconds (tick resolution, 10 ms here). */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1_000_000) / CLOCK_TICKS_PER_SECOND;
}

/** Peak resident set size in MB since start or the last resetPeakRss. */
export function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : NaN;
}

/** Resets VmHWM to the current RSS (Linux >= 4.0); false when the kernel refuses. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
