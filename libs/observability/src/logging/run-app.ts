import { ConfigValidationError } from '@llmgw/config';

/**
 * Runs an app as its own process: announces where it listens (whatever LOG_LEVEL says, since
 * operators and tests wait for that line) and exits 1 with a readable message if it cannot boot.
 */
export function runApp(appName: string, bootstrap: () => Promise<{ url: string }>): void {
  bootstrap()
    .then(({ url }) => {
      // The same record shape as the app's pino lines.
      const record = { level: 30, severity: 'info', time: Date.now(), app: appName, context: 'Bootstrap', msg: `${appName} listening on ${url}` };
      process.stdout.write(`${JSON.stringify(record)}\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof ConfigValidationError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
}
