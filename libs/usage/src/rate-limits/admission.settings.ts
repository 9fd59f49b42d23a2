export type ProviderRateLimits = Readonly<Record<string, { tpm?: number; rpm?: number }>>;

/** The admission rules, from the gateway's config (see `admissionSettingsFrom`). */
export interface AdmissionSettings {
  /** Requests per minute per API key when the key sets none (RATE_LIMIT_PER_USER); 0 is off. */
  defaultKeyRpm: number;
  /** PROVIDER_RATE_LIMITS. */
  providerLimits: ProviderRateLimits;
  /** BUDGET_RESERVATION_TTL_SECONDS in ms. */
  reservationTtlMs: number;
  /** LIMITS_FAIL_OPEN: admit when the store cannot answer. */
  failOpen: boolean;
}

export function admissionSettingsFrom(config: {
  RATE_LIMIT_PER_USER: number;
  PROVIDER_RATE_LIMITS: ProviderRateLimits;
  BUDGET_RESERVATION_TTL_SECONDS: number;
  LIMITS_FAIL_OPEN: boolean;
}): AdmissionSettings {
  return {
    defaultKeyRpm: config.RATE_LIMIT_PER_USER,
    providerLimits: config.PROVIDER_RATE_LIMITS,
    reservationTtlMs: config.BUDGET_RESERVATION_TTL_SECONDS * 1000,
    failOpen: config.LIMITS_FAIL_OPEN,
  };
}
