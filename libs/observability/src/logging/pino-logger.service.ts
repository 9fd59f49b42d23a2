import type { LoggerService, LogLevel } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { type LogMasker, maskFields } from './log-masker';

type PinoLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

const PINO_LEVEL: Record<LogLevel, PinoLevel> = { verbose: 'trace', debug: 'debug', log: 'info', warn: 'warn', error: 'error', fatal: 'fatal' };
const STACK_LINE = /\n\s+at /;

/**
 * Nest's `LoggerService` over pino: every `Logger` in the app writes one JSON object a line
 * with the app name, the context (class), the request id when there is one, and the message
 * passed through the masker. An object message is merged into the record (`{ msg, ...fields }`).
 */
export class PinoLoggerService implements LoggerService {
  constructor(
    readonly pino: Pino,
    private readonly mask: LogMasker,
  ) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest calls this with the levels it wants; pino keeps one threshold, the lowest asked for. */
  setLogLevels(levels: LogLevel[]): void {
    const order: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];
    const lowest = order.find((level) => levels.includes(level));
    if (lowest) this.pino.level = PINO_LEVEL[lowest];
  }

  private write(level: LogLevel, message: unknown, params: unknown[]): void {
    const pinoLevel = PINO_LEVEL[level];
    if (!this.pino.isLevelEnabled(pinoLevel)) return;
    // Nest passes the context last; `error(message, stack, context)` puts a stack before it.
    const rest = [...params];
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' && !STACK_LINE.test(rest[rest.length - 1] as string) ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    for (const param of rest) {
      if (typeof param === 'string' && level === 'error') fields['stack'] = param;
      else if (param instanceof Error) fields['stack'] = param.stack;
      else if (param !== undefined) fields['detail'] = typeof param === 'string' ? param : JSON.stringify(param);
    }
    let text: string;
    if (message instanceof Error) {
      text = message.message;
      fields['stack'] ??= message.stack;
    } else if (message !== null && typeof message === 'object') {
      const { msg, message: inner, ...others } = message as Record<string, unknown>;
      Object.assign(fields, others);
      text = String(msg ?? inner ?? '');
    } else {
      text = String(message);
    }
    this.pino[pinoLevel](maskFields(fields, this.mask), this.mask(text));
  }
}
