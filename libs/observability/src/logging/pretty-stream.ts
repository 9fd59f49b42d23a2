import { Writable } from 'node:stream';

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const SHOWN_ELSEWHERE = new Set(['level', 'time', 'msg', 'app', 'context', 'pid', 'hostname', 'stack', 'severity']);

/** `LOG_FORMAT=pretty`: one readable line a record for a terminal (JSON stays the default). */
export function formatPretty(line: string): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof record['time'] === 'number' ? new Date(record['time']).toISOString().slice(11, 23) : '';
  const level = LEVEL_NAMES[Number(record['level'])] ?? String(record['level']);
  const context = record['context'] ? ` [${String(record['context'])}]` : '';
  const extras = Object.entries(record)
    .filter(([key]) => !SHOWN_ELSEWHERE.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  const stack = typeof record['stack'] === 'string' ? `\n${record['stack']}` : '';
  return `${time} ${level.padEnd(5)} ${String(record['app'] ?? '')}${context} ${String(record['msg'] ?? '')}${extras ? ` ${extras}` : ''}${stack}\n`;
}

export function prettyStream(target: NodeJS.WritableStream = process.stdout): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split('\n')) if (line) target.write(formatPretty(line));
      callback();
    },
  });
}
