import { median, percentile, round, summarise } from './stats';

describe('benchmark statistics', () => {
  it('takes nearest-rank percentiles of sorted samples', () => {
    const samples = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(samples, 0.5)).toBe(50);
    expect(percentile(samples, 0.99)).toBe(99);
    expect(percentile(samples, 1)).toBe(100);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it('summarises unsorted samples without losing sub-millisecond resolution', () => {
    const summary = summarise([0.25, 0.125, 2.5, 0.5]);
    expect(summary).toEqual({ count: 4, p50: 0.25, p90: 2.5, p99: 2.5, max: 2.5 });
  });

  it('takes the median of finite values only', () => {
    expect(median([3, 1, null, 2, NaN])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([undefined])).toBeNaN();
  });

  it('rounds by magnitude', () => {
    expect(round(0.12345)).toBe(0.123);
    expect(round(123.456)).toBe(123.5);
    expect(round(12345.6)).toBe(12346);
  });
});
