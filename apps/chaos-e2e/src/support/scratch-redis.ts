import { type ChildProcess, spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { accepting, freePort } from './own-redis';

const REDIS_SERVER = process.env.CHAOS_REDIS_SERVER ?? '/usr/bin/redis-server';

/**
 * A redis-server of the suite's own without persistence: the scale-out spec counts its commands
 * (INFO commandstats), which a Redis shared with other suites would blur, and measures the
 * platform's throughput, which an fsync on every write would bound instead.
 */
export interface ScratchRedis {
  url: string;
  /** Calls per command since the server started (INFO commandstats, commands run by scripts included), without INFO's own. */
  commandCalls(): Promise<Map<string, number>>;
  /** CPU seconds the server used so far (INFO cpu: user + system). */
  cpuSeconds(): Promise<number>;
  stop(): Promise<void>;
}

export async function startScratchRedis(): Promise<ScratchRedis> {
  const port = await freePort();
  const child: ChildProcess = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
  await accepting(port);
  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  return {
    url,
    async commandCalls() {
      const calls = new Map<string, number>();
      for (const line of (await client.info('commandstats')).split('\n')) {
        const match = /^cmdstat_([^:]+):calls=(\d+)/.exec(line.trim());
        if (match && match[1] !== 'info') calls.set(match[1]!, Number(match[2]));
      }
      return calls;
    },
    async cpuSeconds() {
      const info = await client.info('cpu');
      const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
      return field('used_cpu_user') + field('used_cpu_sys');
    },
    async stop() {
      client.disconnect();
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}
