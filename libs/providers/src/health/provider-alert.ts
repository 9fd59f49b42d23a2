export type ProviderAlertKind = 'provider_down' | 'provider_degraded' | 'provider_recovered' | 'provider_cost';

/** One alert of the health monitor, as the admin API lists it and the webhook receives it. */
export interface ProviderAlert {
  id: string;
  kind: ProviderAlertKind;
  severity: 'critical' | 'warning' | 'info';
  provider: string;
  message: string;
  /** ISO 8601. */
  at: string;
  details: Record<string, unknown>;
}

/** Where alerts go besides metrics and the admin API's list (the webhook). */
export interface ProviderAlertSink {
  send(alert: ProviderAlert): Promise<void>;
}
