import type { LoggerService } from '@nestjs/common';
import type { GracefulDrain } from './graceful-drain';

export interface ExitOnSignalsOptions {
  drain: GracefulDrain;
  graceMs: number;
  logger: LoggerService;
  signals?: NodeJS.Signals[];
}

/**
 * SIGTERM (or SIGINT) drains the HTTP side first, then closes the app (its shutdown hooks flush
 * what the drained requests metered), then exits 0. Nest's own shutdown hooks run the module
 * hooks before the server stops, so requests still streaming would meter into closed
 * publishers; and it re-raises the signal, so the process never exits 0.
 */
export function exitOnSignals(app: { close(): Promise<void> }, options: ExitOnSignalsOptions): void {
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return; // a second signal while draining changes nothing
    stopping = true;
    try {
      options.logger.log(`${signal}: draining ${options.drain.requestsInFlight} requests in flight (grace ${options.graceMs} ms)`, 'Shutdown');
      const { cut } = await options.drain.drain(options.graceMs);
      if (cut > 0) options.logger.warn(`grace period over: ${cut} requests cut`, 'Shutdown');
      await app.close();
      process.exit(0);
    } catch (error) {
      options.logger.error(`shutdown failed: ${error instanceof Error ? error.stack : String(error)}`, undefined, 'Shutdown');
      process.exit(1);
    }
  };
  for (const signal of signals) process.on(signal, (received: NodeJS.Signals) => void stop(received));
}
