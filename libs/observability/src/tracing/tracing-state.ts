/**
 * Whether a tracer provider was set up in this process. Checked before touching the OTel API so
 * that, with no OTLP endpoint configured, spans cost one boolean test.
 */
let enabled = false;

export function tracingEnabled(): boolean {
  return enabled;
}

export function setTracingEnabled(value: boolean): void {
  enabled = value;
}
