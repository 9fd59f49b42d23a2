import { NANO_PER_USD } from '@llmgw/contracts';

/** Budgets are stored as safe integers (the usage lib's rule): at most 2^53 - 1 nano-USD. */
export const MAX_BUDGET_NANO_USD = BigInt(Number.MAX_SAFE_INTEGER);

const USD = /^(\d{1,10})(?:\.(\d{1,9}))?$/;
const NANO = /^\d{1,16}$/;

/** "12.5" USD to nano-USD without a float on the way; null when not a plain decimal. */
export function usdToNano(usd: string): bigint | null {
  const match = USD.exec(usd);
  if (!match) return null;
  const [, whole = '0', fraction = ''] = match;
  return BigInt(whole) * NANO_PER_USD + BigInt(fraction.padEnd(9, '0'));
}

/** An integer nano-USD string; null when not one. */
export function parseNano(nano: string): bigint | null {
  return NANO.test(nano) ? BigInt(nano) : null;
}

/** Whole tenths of a percent, rounded down, from exact integers (100.0 means the limit is reached). */
export function percentUsed(spentNanoUsd: bigint, limitNanoUsd: bigint): number {
  if (limitNanoUsd <= 0n) return 0;
  return Number((spentNanoUsd * 1000n) / limitNanoUsd) / 10;
}
