import { Logger } from '@nestjs/common';
import type { ProviderAlert, ProviderAlertSink } from './provider-alert';

export interface AlertWebhookOptions {
  url: string;
  timeoutMs: number;
  /** Tries per alert before it is given up (logged). */
  attempts: number;
  /** Wait before the second try; doubles per try, at most 30 s. */
  backoffMs?: number;
}

/**
 * POSTs each alert as JSON (`{ "type": "provider_alert", ...alert }`) to the alert webhook,
 * the one budget alerts use. Retries with backoff on a network error or a non-2xx answer.
 */
export class AlertWebhookSink implements ProviderAlertSink {
  private readonly logger = new Logger('ProviderAlerts');

  constructor(private readonly options: AlertWebhookOptions) {}

  async send(alert: ProviderAlert): Promise<void> {
    const body = JSON.stringify({ type: 'provider_alert', ...alert });
    let wait = this.options.backoffMs ?? 500;
    for (let attempt = 1; attempt <= this.options.attempts; attempt++) {
      try {
        const response = await fetch(this.options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'llmgw-provider-monitor' },
          body,
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
        await response.body?.cancel();
        if (response.ok) return;
        if (attempt === this.options.attempts) throw new Error(`answered ${response.status}`);
      } catch (error) {
        if (attempt === this.options.attempts) {
          this.logger.warn(`alert ${alert.kind} for ${alert.provider} not delivered after ${attempt} tries: ${error instanceof Error ? error.message : String(error)}`);
          return;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, 30_000);
    }
  }
}
