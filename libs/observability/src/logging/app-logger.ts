import { ConsoleLogger, type LogLevel } from '@nestjs/common';

const LEVELS: Record<string, LogLevel[]> = {
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  info: ['fatal', 'error', 'warn', 'log'],
  warn: ['fatal', 'error', 'warn'],
  error: ['fatal', 'error'],
};

/** One JSON object a line, so log shippers parse it without rules. */
export function createAppLogger(appName: string, level: string): ConsoleLogger {
  return new ConsoleLogger(appName, { json: true, logLevels: LEVELS[level] ?? LEVELS['info'] });
}
