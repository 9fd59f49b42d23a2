import { parseNano, percentUsed, usdToNano } from './budget-money';

describe('budget money', () => {
  it('reads USD decimal strings exactly, to the nano-dollar', () => {
    expect(usdToNano('12.5')).toBe(12_500_000_000n);
    expect(usdToNano('0.000000001')).toBe(1n);
    expect(usdToNano('9007199.254740991')).toBe(9_007_199_254_740_991n);
    expect(usdToNano('0.1')! + usdToNano('0.2')!).toBe(usdToNano('0.3'));
  });

  it('refuses what is not a plain decimal', () => {
    for (const text of ['', '1.', '.5', '-1', '1e3', '1.0000000001', ' 1', '0x10']) expect(usdToNano(text)).toBeNull();
    expect(parseNano('12.0')).toBeNull();
    expect(parseNano('120')).toBe(120n);
  });

  it('gives percent used in tenths, rounded down, past 100 when over', () => {
    expect(percentUsed(2_400_000_000n, 3_000_000_000n)).toBe(80);
    expect(percentUsed(1n, 3n)).toBe(33.3);
    expect(percentUsed(2n, 3n)).toBe(66.6);
    expect(percentUsed(7n, 2n)).toBe(350);
    expect(percentUsed(5n, 0n)).toBe(0);
  });
});
