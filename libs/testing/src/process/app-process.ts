import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export interface AppProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM, then the exit code (SIGKILL after the grace period). */
  stop(graceMs?: number): Promise<number | null>;
}

const WORKSPACE = path.resolve(__dirname, '../../../..');

/**
 * Starts a built app (`node dist/...`) the way a container does and waits for the line in which
 * it announces its URL. Apps are started with port 0, so parallel suites never collide.
 */
export function startAppProcess(
  script: string,
  env: Record<string, string>,
  announcement: RegExp = /listening on (http:\/\/[^\s"]+)/,
  timeoutMs = 30_000,
): Promise<AppProcess> {
  const child = spawn(process.execPath, [path.join(WORKSPACE, script)], {
    cwd: WORKSPACE,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running: Omit<AppProcess, 'url'> = {
    child,
    output: () => output,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not announce its URL within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (data: Buffer) => {
      output += data.toString();
      const match = announcement.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ ...running, url: match[1] });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready:\n${output}`));
    });
  });
}
