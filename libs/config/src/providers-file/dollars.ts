/**
 * Converts a price in dollars per 1K tokens, as people write it ("0.0006" or 0.0006), to the
 * registry's unit: integer nano-dollars per million tokens (× 10^12). Exact: the decimal is
 * read digit by digit, never through a float product. Undefined when it is not exact.
 */
export function dollarsPer1kToNanoPerMTok(price: string | number): number | undefined {
  const text = typeof price === 'number' ? numberToPlainString(price) : price.trim();
  const match = /^(\d+)(?:\.(\d{1,12}))?$/.exec(text);
  if (!match) return undefined;
  const [, whole = '0', fraction = ''] = match;
  const nano = BigInt(whole) * 10n ** 12n + BigInt(fraction.padEnd(12, '0'));
  return nano <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(nano) : undefined;
}

function numberToPlainString(value: number): string {
  // 1e-7 prints in exponent form; toFixed(12) is exact for anything with ≤ 12 decimals.
  return Number.isFinite(value) && value >= 0 ? value.toFixed(12).replace(/\.?0+$/, '') : 'invalid';
}
