import { periodWindow } from './budget-period';

describe('periodWindow', () => {
  it('is the UTC day for daily budgets, whatever the local zone says', () => {
    const window = periodWindow('daily', Date.parse('2026-11-22T23:59:59.999Z'));
    expect(window).toEqual({
      start: new Date('2026-11-22T00:00:00Z'),
      end: new Date('2026-11-23T00:00:00Z'),
      label: '2026-11-22',
      firstDay: '2026-11-22',
      lastDay: '2026-11-22',
    });
    expect(periodWindow('daily', Date.parse('2026-11-23T00:00:00Z')).label).toBe('2026-11-23');
  });

  it('is the UTC month for monthly budgets, across year ends and leap Februaries', () => {
    expect(periodWindow('monthly', Date.parse('2026-12-31T23:00:00Z'))).toMatchObject({
      start: new Date('2026-12-01T00:00:00Z'),
      end: new Date('2027-01-01T00:00:00Z'),
      label: '2026-12',
      lastDay: '2026-12-31',
    });
    expect(periodWindow('monthly', Date.parse('2028-02-10T00:00:00Z'))).toMatchObject({ firstDay: '2028-02-01', lastDay: '2028-02-29' });
  });
});
