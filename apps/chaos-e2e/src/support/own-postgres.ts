import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DIST } from './chaos-platform';
import { accepting, freePort } from './own-redis';

const run = promisify(execFile);
const WORKSPACE = path.resolve(__dirname, '../../../..');

/**
 * A PostgreSQL cluster of the suite's own (initdb into a temp dir, its own port), to stop and
 * start again: the shared server on 5432 is never touched.
 */
export interface OwnPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`. */
  url: string;
  /** `pg_ctl stop -m fast`: open sessions are ended, new connections refused until `start`. */
  stop(): Promise<void>;
  /** Starts again on the same port and data directory. */
  start(): Promise<void>;
  /** Applies the platform's migrations as a deployment does: the built migration tool. */
  migrate(): void;
  /** Stops the server and removes its data directory. */
  destroy(): Promise<void>;
}

/** The newest installed server binaries (Debian: /usr/lib/postgresql/<major>/bin). */
function binDir(): string {
  if (process.env.CHAOS_PG_BIN) return process.env.CHAOS_PG_BIN;
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a)) : [];
  if (!majors[0]) throw new Error(`no PostgreSQL server binaries under ${root} (set CHAOS_PG_BIN)`);
  return path.join(root, majors[0], 'bin');
}

/** initdb and postgres refuse to run as root: as root, they run as the `postgres` user. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

async function pg(tool: string, args: string[]): Promise<void> {
  const [command, argv] = asServerUser(path.join(binDir(), tool), args);
  await run(command, argv, { timeout: 60_000 });
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'llmgw-chaos-pg-'));
  if (process.getuid?.() === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = path.join(dir, 'data');
  await pg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  // The socket goes in the cluster's own dir; fsync off: the suite tests the platform, not the disk.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const start = async () => {
    await pg('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-o', options, '-w', 'start']);
    await accepting(port);
  };
  const stop = async () => {
    if (existsSync(path.join(data, 'postmaster.pid'))) await pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  };
  await start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    stop,
    start,
    migrate() {
      execFileSync(process.execPath, [path.join(DIST, 'tools/migrate.js')], {
        env: { PATH: process.env.PATH ?? '', NODE_PATH: path.join(WORKSPACE, 'node_modules'), DATABASE_URL: url },
        stdio: 'pipe',
      });
    },
    async destroy() {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
