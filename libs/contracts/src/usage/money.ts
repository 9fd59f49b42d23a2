/** Integer nano-dollars (1e-9 USD). Never a float: sums stay exact. */
export type NanoUsd = number;

export const NANO_PER_USD = 1_000_000_000n;

/** Formats nano-dollars as an exact decimal dollar string ("0.000123450"). */
export function formatNanoUsd(nano: bigint | number | string): string {
  const value = BigInt(nano);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  const fraction = (abs % NANO_PER_USD).toString().padStart(9, '0');
  return `${sign}${abs / NANO_PER_USD}.${fraction}`;
}
